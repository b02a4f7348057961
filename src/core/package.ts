import type { EcosystemId } from './ecosystems.js';

/**
 * A package as an analyzer saw it in one file of one layer. Versions are kept exactly as the
 * ecosystem writes them, in the form its version scheme compares: deb `1:2.3-4`, rpm
 * `[EPOCH:]VERSION-RELEASE`, apk `1.1.22-r3`, npm `4.17.15`, Go `v1.2.3`.
 */
export interface PackageFact {
  ecosystem: EcosystemId;
  /** Name as the ecosystem spells it; Maven uses `groupId:artifactId`; PyPI the declared name. */
  name: string;
  version: string;
  /** The source package (dpkg `Source:`, apk `origin`, rpm source RPM name) and its version if different. */
  source?: { name: string; version?: string };
  arch?: string;
  /** Licences as declared (SPDX ids or expressions where the ecosystem gives them). */
  licenses?: string[];
  /** Files this package owns, absolute paths (`/usr/bin/foo`). OS packages only. */
  files?: string[];
  /** Declared only for development (lockfile `dev: true`). */
  dev?: boolean;
  /**
   * Where inside the file the package was found when that differs from the file itself:
   * a nested archive (`/app/a.war!/WEB-INF/lib/b.jar`), a node_modules path in a lockfile.
   */
  location?: string;
  /** Go module replaced by another path/version (`replace` directive). */
  replacedBy?: { name: string; version?: string };
  /** Maven group id, rpm vendor and the like: small, typed, optional details. */
  vendor?: string;
  /** rpm modularity label, dpkg multi-arch, ...: free text for display only, never matched on. */
  note?: string;
}

/** A package in the squashed image inventory. */
export interface Package extends PackageFact {
  /** Stable id: derived from ecosystem, name, version and first path. */
  id: string;
  purl: string;
  /** `os` for apk/deb/rpm, `library` for language packages. */
  type: 'os' | 'library';
  /** The layer whose files first listed this package at this version. */
  layer: { index: number; diffID: string };
  /** The files (package DB, manifest, binary) where it was found in the final file system. */
  paths: string[];
  /** Analyzer id that produced it. */
  analyzer: string;
  /** The OS package that owns this language package's files, if any. */
  ownedBy?: { ecosystem: EcosystemId; name: string; version: string };
}
