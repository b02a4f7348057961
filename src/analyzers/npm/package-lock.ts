import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { PackageFact } from '../../core/package.js';
import type { Warning } from '../../core/warnings.js';
import { type Obj, isObj, parseJson } from '../shared/json.js';
import { packagesResult, parseFailed, skipped } from '../shared/result.js';
import { basename, npmVersion, splitDescriptor, str } from './shared.js';

const ID = 'npm-lock';
const NODE_MODULES = 'node_modules/';

/**
 * npm's `package-lock.json` / `npm-shrinkwrap.json`, lockfileVersion 1 (nested `dependencies`)
 * and 2/3 (flat `packages` keyed by `node_modules/…` paths). Every installed entry is one
 * package with `location` = its `node_modules/…` path; `dev: true` entries are kept and marked.
 * The root project, workspace folders and `link: true` entries are the project's own code and
 * are not reported.
 */
export const npmLockAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  wants: (header) => {
    if (header.type !== 'file') return false;
    const name = basename(header.path);
    return name === 'package-lock.json' || name === 'npm-shrinkwrap.json';
  },
  analyze: ({ header, content }: AnalyzerInput): AnalyzerResult => {
    const path = header.path;
    const parsed = parseJson(content);
    if ('error' in parsed) return parseFailed(ID, path, parsed.error);
    const lock = parsed.value;
    if (!isObj(lock)) return parseFailed(ID, path, 'lockfile is not a JSON object');
    const lockfileVersion = lock.lockfileVersion;
    if (typeof lockfileVersion !== 'number') {
      return parseFailed(ID, path, 'not an npm lockfile: no numeric "lockfileVersion"');
    }
    const packages: PackageFact[] = [];
    const warnings: Warning[] = [];
    if (isObj(lock.packages)) {
      readPackages(path, lock.packages, packages, warnings);
    } else if (isObj(lock.dependencies)) {
      readDependencies(path, lock.dependencies, '', packages, warnings);
    } else if (lock.packages !== undefined || lock.dependencies !== undefined) {
      return parseFailed(ID, path, '"packages"/"dependencies" is not an object');
    }
    return packagesResult(ID, path, packages, warnings);
  },
};

/** lockfileVersion 2 and 3: `packages` keyed by install path (`node_modules/a/node_modules/b`). */
function readPackages(path: string, entries: Obj, out: PackageFact[], warnings: Warning[]): void {
  for (const [key, entry] of Object.entries(entries)) {
    if (key === '') continue;
    const at = key.lastIndexOf(NODE_MODULES);
    if (at < 0 || (at > 0 && key[at - 1] !== '/')) continue;
    if (!isObj(entry)) {
      warnings.push(skipped(path, `"${key}"`, 'entry is not an object'));
      continue;
    }
    if (entry.link === true) continue;
    const name = str(entry.name) ?? key.slice(at + NODE_MODULES.length);
    const version = npmVersion(entry.version);
    if (version === undefined) {
      warnings.push(skipped(path, `"${key}"`, `invalid or missing version ${JSON.stringify(entry.version)}`));
      continue;
    }
    const pkg: PackageFact = { ecosystem: 'npm', name, version, location: key };
    if (entry.dev === true) pkg.dev = true;
    const license = str(entry.license);
    if (license !== undefined) pkg.licenses = [license];
    out.push(pkg);
  }
}

/** lockfileVersion 1: nested `dependencies`, each possibly with its own `dependencies`. */
function readDependencies(
  path: string,
  deps: Obj,
  prefix: string,
  out: PackageFact[],
  warnings: Warning[],
): void {
  for (const [key, entry] of Object.entries(deps)) {
    const location = `${prefix}${NODE_MODULES}${key}`;
    if (!isObj(entry)) {
      warnings.push(skipped(path, `"${location}"`, 'entry is not an object'));
      continue;
    }
    const pkg = v1Package(path, key, location, entry, warnings);
    if (pkg) out.push(pkg);
    if (isObj(entry.dependencies)) readDependencies(path, entry.dependencies, `${location}/`, out, warnings);
  }
}

function v1Package(
  path: string,
  key: string,
  location: string,
  entry: Obj,
  warnings: Warning[],
): PackageFact | undefined {
  const raw = str(entry.version);
  // Local directories and links are the project's own code.
  if (raw?.startsWith('file:') || raw?.startsWith('link:')) return undefined;
  let name = key;
  let version: string | undefined;
  if (raw?.startsWith('npm:')) {
    // An alias: "my-alias": { "version": "npm:real-name@1.2.3" }.
    const target = splitDescriptor(raw.slice('npm:'.length));
    if (target) {
      name = target.name;
      version = npmVersion(target.range);
    }
  } else {
    version = npmVersion(raw);
  }
  if (version === undefined) {
    warnings.push(
      skipped(path, `"${location}"`, `version ${JSON.stringify(entry.version)} is not a semver version`),
    );
    return undefined;
  }
  const pkg: PackageFact = { ecosystem: 'npm', name, version, location };
  if (entry.dev === true) pkg.dev = true;
  return pkg;
}
