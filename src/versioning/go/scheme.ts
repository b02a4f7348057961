import { ParseCache } from '../cache.js';
import { invalidVersion } from '../invalid.js';
import type { VersionScheme } from '../types.js';

/** A Go semantic version after canonicalisation (`v` added, shorthand expanded, build dropped). */
export interface GoVersion {
  major: string;
  minor: string;
  patch: string;
  /** Pre-release identifiers; empty for a release. */
  prerelease: string[];
}

const NUM = /^(0|[1-9][0-9]*)$/;
const IDENT = /^[0-9A-Za-z-]+$/;
/** Go release tags as golang.org/x/vuln's GoTagToSemver reads them: go1.21rc2, go1.19.8, go1.20. */
const GO_TAG = /^go([0-9]+)\.([0-9]+)(\.[0-9]+)?(?:(beta|rc|-pre)([0-9]+))?$/;

/**
 * Parse like golang.org/x/mod/semver (`vMAJOR[.MINOR[.PATCH[-pre][+build]]]`, shorthand `v1` and
 * `v1.2` allowed without pre-release), after two mappings: a missing `v` is added (OSV writes Go
 * versions without it) and `go1.x` toolchain tags become `v1.x.y[-rc.N]` as GoTagToSemver does.
 */
export function parseGo(version: string): GoVersion {
  const fail = (why: string) => invalidVersion('go', version, why);
  if (version.length === 0) throw fail('empty version');
  if (/\s/.test(version)) throw fail('contains whitespace');
  let v = version;
  if (v.startsWith('go')) {
    if (v === 'go1') return { major: '1', minor: '0', patch: '0', prerelease: [] };
    const m = GO_TAG.exec(v);
    if (!m || v === 'go1.0') throw fail('not a Go release tag (go1.N, go1.N.P, go1.NrcK, go1.NbetaK)');
    const [, major = '', minor = '', patch, pre, n] = m;
    v = `v${major}.${minor}${patch ?? '.0'}${pre ? `${pre.startsWith('-') ? '' : '-'}${pre}.${n ?? ''}` : ''}`;
  } else if (!v.startsWith('v')) {
    v = `v${v}`;
  }
  const m = /^v([0-9]+)(?:\.([0-9]+)(?:\.([0-9]+)(?:-([^+]*))?(?:\+(.*))?)?)?$/.exec(v);
  if (!m) throw fail('not a Go semantic version (vMAJOR.MINOR.PATCH[-pre][+build])');
  const [, major = '', minor, patch, pre, build] = m;
  for (const part of [major, minor, patch]) {
    if (part !== undefined && !NUM.test(part)) throw fail('numbers must not have leading zeros');
  }
  const prerelease = pre === undefined ? [] : pre.split('.');
  if (pre !== undefined) {
    for (const id of prerelease) {
      if (!IDENT.test(id)) throw fail('empty or invalid pre-release identifier');
      if (/^[0-9]+$/.test(id) && !NUM.test(id))
        throw fail('numeric pre-release identifier with a leading zero');
    }
  }
  if (build !== undefined && !build.split('.').every((id) => IDENT.test(id))) {
    throw fail('empty or invalid build identifier');
  }
  return { major, minor: minor ?? '0', patch: patch ?? '0', prerelease };
}

function numCmp(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function preCmp(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    const x = a[k] ?? '';
    const y = b[k] ?? '';
    if (x === y) continue;
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    if (xn && yn) return numCmp(x, y);
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** golang.org/x/mod/semver.Compare on parsed versions (build metadata such as +incompatible ignored). */
export function compareGo(a: GoVersion, b: GoVersion): number {
  return (
    numCmp(a.major, b.major) ||
    numCmp(a.minor, b.minor) ||
    numCmp(a.patch, b.patch) ||
    preCmp(a.prerelease, b.prerelease)
  );
}

const cache = new ParseCache(parseGo);

/** Go modules (with or without `v`, pseudo-versions, +incompatible) and Go toolchain versions. */
export const goScheme: VersionScheme = {
  id: 'go',
  isValid: (v) => cache.ok(v),
  compare: (a, b) => compareGo(cache.get(a), cache.get(b)),
};
