import type { Advisory } from '../core/advisory.js';
import { ecosystem as ecosystemRow } from '../core/ecosystems.js';
import { describeError, isVigiaError } from '../core/errors.js';
import type { OsInfo } from '../core/os.js';
import type { Package } from '../core/package.js';
import type { Warning } from '../core/warnings.js';
import { evaluateAffected } from '../versioning/range.js';
import { getScheme } from '../versioning/registry.js';
import type { AdvisoryLookup, AdvisoryMatch, MatchOptions } from './types.js';

/** What to ask the store for one package: the OSV ecosystem and the name(s) to look up. */
export interface MatchQuery {
  ecosystem: string;
  names: string[];
}

/**
 * How a package is looked up: OS packages in their distribution release's namespace by source
 * package (dpkg `Source:`, rpm source RPM; apk by name and origin), language packages in their
 * ecosystem by name. Undefined when the package cannot be matched (a warning says why).
 */
export function queryFor(pkg: Package, os: OsInfo | undefined): MatchQuery | undefined {
  const row = ecosystemRow(pkg.ecosystem);
  const eco = row.osv(os);
  if (!eco) return undefined;
  switch (pkg.ecosystem) {
    case 'deb':
    case 'rpm':
      return { ecosystem: eco, names: [pkg.source?.name ?? pkg.name] };
    case 'apk': {
      const names = [pkg.name];
      if (pkg.source?.name && pkg.source.name !== pkg.name) names.push(pkg.source.name);
      return { ecosystem: eco, names };
    }
    default:
      return { ecosystem: eco, names: [pkg.name] };
  }
}

/**
 * Match packages against the store. Every advisory whose ranges contain the installed version
 * (in the ecosystem's own order) is a match. Versions that cannot be compared, releases with no
 * advisory data and unknown distributions become warnings, never a silent "not vulnerable".
 */
export function matchPackages(
  packages: readonly Package[],
  store: AdvisoryLookup,
  os: OsInfo | undefined,
  options: MatchOptions = {},
): { matches: AdvisoryMatch[]; warnings: Warning[] } {
  const matches: AdvisoryMatch[] = [];
  const warnings: Warning[] = [];
  const warnedNamespaces = new Set<string>();
  const knownNamespaces = new Map<string, boolean>();

  for (const pkg of packages) {
    if (pkg.ownedBy && !options.ownedLanguagePackages && !isStaticallyLinked(pkg)) continue;
    const query = queryFor(pkg, os);
    if (!query) {
      const key = `none:${pkg.ecosystem}`;
      if (!warnedNamespaces.has(key)) {
        warnedNamespaces.add(key);
        warnings.push({
          code: 'no-advisory-namespace',
          message: `no advisory source for ${pkg.ecosystem} packages on ${describeOs(os)}: they were not checked`,
        });
      }
      continue;
    }
    let known = knownNamespaces.get(query.ecosystem);
    if (known === undefined)
      knownNamespaces.set(query.ecosystem, (known = store.hasEcosystem(query.ecosystem)));
    if (!known) {
      if (!warnedNamespaces.has(query.ecosystem)) {
        warnedNamespaces.add(query.ecosystem);
        const what = ecosystemRow(pkg.ecosystem).kind === 'os' ? describeOs(os) : query.ecosystem;
        warnings.push({
          code: 'no-advisory-data',
          message: `no advisory data for ${what} (${query.ecosystem}) in the database: its packages were not checked`,
        });
      }
      continue;
    }
    matches.push(...matchOne(pkg, query, store, warnings));
  }
  return { matches, warnings };
}

function matchOne(
  pkg: Package,
  query: MatchQuery,
  store: AdvisoryLookup,
  warnings: Warning[],
): AdvisoryMatch[] {
  const scheme = getScheme(ecosystemRow(pkg.ecosystem).scheme);
  const out: AdvisoryMatch[] = [];
  const seen = new Set<string>();
  for (const name of query.names) {
    for (const advisory of store.advisoriesFor(query.ecosystem, name)) {
      if (seen.has(advisory.id)) continue;
      const verdict = evaluate(pkg, advisory, scheme, warnings);
      if (!verdict) continue;
      seen.add(advisory.id);
      const match: AdvisoryMatch = { package: pkg, advisory, ecosystem: query.ecosystem, matchedName: name };
      if (verdict.fixedVersion) match.fixedVersion = verdict.fixedVersion;
      out.push(match);
    }
  }
  return out;
}

function evaluate(
  pkg: Package,
  advisory: Advisory,
  scheme: ReturnType<typeof getScheme>,
  warnings: Warning[],
): { fixedVersion?: string } | undefined {
  let fixedVersion: string | undefined;
  let affected = false;
  for (const entry of advisory.affected) {
    try {
      const verdict = evaluateAffected(scheme, pkg.version, entry);
      if (!verdict.affected) continue;
      affected = true;
      if (verdict.fixedVersion && (!fixedVersion || scheme.compare(verdict.fixedVersion, fixedVersion) < 0)) {
        fixedVersion = verdict.fixedVersion;
      }
    } catch (err) {
      if (!isVigiaError(err, 'VERSION_INVALID')) throw err;
      warnings.push({
        code: 'version-unparsable',
        message: `${pkg.name} ${pkg.version} could not be checked against ${advisory.id}: ${describeError(err)}`,
        layerDiffID: pkg.layer.diffID,
        path: pkg.paths[0] ?? '',
      });
    }
  }
  if (!affected) return undefined;
  return fixedVersion ? { fixedVersion } : {};
}

/**
 * Packages compiled into a binary (a Go binary's modules and its `stdlib`, a Rust binary's
 * crates): the distribution tracks the binary's own source package, not what was linked into
 * it, so these are matched even when an OS package owns the binary.
 */
export function isStaticallyLinked(pkg: Package): boolean {
  if (pkg.analyzer === 'go-binary') return true;
  return pkg.analyzer === 'rust' && !pkg.paths.every((p) => p.endsWith('/Cargo.lock'));
}

function describeOs(os: OsInfo | undefined): string {
  if (!os) return 'an unknown OS';
  return `${os.family} ${os.version}`;
}
