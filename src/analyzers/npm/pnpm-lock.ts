import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { PackageFact } from '../../core/package.js';
import type { Warning } from '../../core/warnings.js';
import { type Obj, isObj } from '../shared/json.js';
import { packagesResult, parseFailed, skipped } from '../shared/result.js';
import { basename, npmVersion, parseYamlDocuments, str } from './shared.js';
import { parsePnpmDepPath, withoutPeers } from './pnpm-path.js';

const ID = 'pnpm-lock';

/**
 * `pnpm-lock.yaml`, lockfile versions 5.x (`/name/1.2.3_peer`), 6.x (`/name@1.2.3(peer)`) and
 * 9.x (`packages:` + `snapshots:`). One package per name@version (peer variants merged).
 * `dev`: v5/v6 record `dev: true` per package; for v9 it is derived from the importers — a
 * package reachable only from `devDependencies` is dev. Local directories (`file:` folders,
 * `link:`) are the project's own code and are not reported. When the file holds several YAML
 * documents (pnpm's package-manager "env" lockfile first), the last one is the project's.
 */
export const pnpmLockAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  wants: (header) => header.type === 'file' && basename(header.path) === 'pnpm-lock.yaml',
  analyze: ({ header, content }: AnalyzerInput): AnalyzerResult => {
    const path = header.path;
    const parsed = parseYamlDocuments(content);
    if ('error' in parsed) return parseFailed(ID, path, parsed.error);
    const lock = parsed.values.at(-1);
    if (!isObj(lock)) return parseFailed(ID, path, 'pnpm lockfile is not a YAML mapping');
    const lockfileVersion = Number.parseFloat(str(lock.lockfileVersion) ?? '');
    if (!Number.isFinite(lockfileVersion)) {
      return parseFailed(
        ID,
        path,
        `not a pnpm lockfile: lockfileVersion ${JSON.stringify(lock.lockfileVersion)}`,
      );
    }
    const major = Math.floor(lockfileVersion);
    if (lock.packages !== undefined && !isObj(lock.packages)) {
      return parseFailed(ID, path, '"packages" is not a mapping');
    }
    const devOnly = major >= 9 ? devOnlyPackages(lock) : undefined;
    const byId = new Map<string, PackageFact>();
    const warnings: Warning[] = [];
    for (const [key, entry] of Object.entries(lock.packages ?? {})) {
      if (!isObj(entry)) {
        warnings.push(skipped(path, `"${key}"`, 'entry is not a mapping'));
        continue;
      }
      if (isLocalDirectory(entry)) continue;
      const fromKey = parsePnpmDepPath(key, major);
      const name = str(entry.name) ?? fromKey?.name;
      const version = npmVersion(entry.version) ?? npmVersion(fromKey?.version);
      if (name === undefined || version === undefined) {
        warnings.push(skipped(path, `"${key}"`, 'cannot read a package name and semver version'));
        continue;
      }
      const dev = devOnly ? devOnly.has(withoutPeers(key)) : entry.dev === 'true';
      const id = `${name}@${version}`;
      const seen = byId.get(id);
      if (seen) {
        // The same package with other peers: dev only if every variant is dev.
        if (!dev) delete seen.dev;
        continue;
      }
      const pkg: PackageFact = { ecosystem: 'npm', name, version };
      if (dev) pkg.dev = true;
      byId.set(id, pkg);
    }
    return packagesResult(ID, path, [...byId.values()], warnings);
  },
};

function isLocalDirectory(entry: Obj): boolean {
  const resolution = entry.resolution;
  return isObj(resolution) && (resolution.type === 'directory' || resolution.directory !== undefined);
}

const PROD_SECTIONS = ['dependencies', 'optionalDependencies'] as const;

/**
 * Lockfile v9: the `packages:` keys (peer suffix removed) reachable from some importer's
 * `devDependencies` and from no importer's `dependencies`/`optionalDependencies`.
 */
function devOnlyPackages(lock: Obj): Set<string> {
  const snapshots = isObj(lock.snapshots) ? lock.snapshots : {};
  const importers = isObj(lock.importers) ? Object.values(lock.importers).filter(isObj) : [];
  const prodRoots: string[] = [];
  const devRoots: string[] = [];
  for (const importer of importers) {
    for (const section of PROD_SECTIONS) prodRoots.push(...snapshotKeys(importer[section], snapshots));
    devRoots.push(...snapshotKeys(importer.devDependencies, snapshots));
  }
  const prod = reach(prodRoots, snapshots);
  const dev = reach(devRoots, snapshots);
  const prodBases = new Set([...prod].map(withoutPeers));
  return new Set([...dev].map(withoutPeers).filter((base) => !prodBases.has(base)));
}

/** Snapshot keys named by a `{ name: version }` or `{ name: { specifier, version } }` map. */
function snapshotKeys(deps: unknown, snapshots: Obj): string[] {
  if (!isObj(deps)) return [];
  const keys: string[] = [];
  for (const [name, value] of Object.entries(deps)) {
    const version = str(value) ?? (isObj(value) ? str(value.version) : undefined);
    if (version === undefined || version.startsWith('link:')) continue;
    // `name@version`, or an alias whose version is already `real-name@version`.
    for (const candidate of [`${name}@${version}`, version]) {
      if (Object.hasOwn(snapshots, candidate)) {
        keys.push(candidate);
        break;
      }
    }
  }
  return keys;
}

function reach(roots: string[], snapshots: Obj): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
    if (seen.has(key)) continue;
    seen.add(key);
    const snapshot = snapshots[key];
    if (!isObj(snapshot)) continue;
    for (const section of PROD_SECTIONS) queue.push(...snapshotKeys(snapshot[section], snapshots));
  }
  return seen;
}
