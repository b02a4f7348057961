import type { Advisory, KnownExploited } from '../core/advisory.js';
import type { Package } from '../core/package.js';

/** The store's answers the matcher needs (implemented by the advisory store). */
export interface AdvisoryLookup {
  /** Advisories for a package, `affected` narrowed to that (ecosystem, name). */
  advisoriesFor(ecosystem: string, name: string): Advisory[];
  /** Whether the store holds any advisory for that OSV ecosystem. */
  hasEcosystem(ecosystem: string): boolean;
  knownExploited(cve: string): KnownExploited | undefined;
}

/** One advisory that affects one package. */
export interface AdvisoryMatch {
  package: Package;
  advisory: Advisory;
  /** The OSV ecosystem it matched in, e.g. `Debian:12`. */
  ecosystem: string;
  /** The name it matched by (the source package for deb/rpm, the origin for apk). */
  matchedName: string;
  /** Lowest fixed version above the installed one within this advisory, if any. */
  fixedVersion?: string;
}

export interface MatchOptions {
  /** Match language packages owned by OS packages too (default: no, the distro tracks them). */
  ownedLanguagePackages?: boolean;
}
