import { SemVer } from 'semver';
import { ParseCache } from '../cache.js';
import { invalidVersion } from '../invalid.js';
import type { VersionScheme } from '../types.js';

/**
 * Parse a SemVer 2.0 version with node-semver in strict mode (what npm uses). A leading `v` is
 * tolerated (node-semver does; OSV SEMVER ranges may carry it); whitespace, `=` and loose forms
 * such as `1.2` or `01.2.3` are rejected.
 */
export function parseSemver(version: string, scheme = 'semver'): SemVer {
  if (version.length === 0) throw invalidVersion(scheme, version, 'empty version');
  if (/\s/.test(version)) throw invalidVersion(scheme, version, 'contains whitespace');
  if (version.startsWith('=')) throw invalidVersion(scheme, version, 'leading "=" is not part of a version');
  try {
    return new SemVer(version, { loose: false });
  } catch (err) {
    throw invalidVersion(scheme, version, 'not a SemVer 2.0 version (MAJOR.MINOR.PATCH[-pre][+build])', err);
  }
}

const cache = new ParseCache((v: string) => parseSemver(v));

/** SemVer 2.0 precedence (npm, crates.io, and OSV `SEMVER` ranges). Build metadata is ignored. */
export const semverScheme: VersionScheme = {
  id: 'semver',
  isValid: (v) => cache.ok(v),
  compare: (a, b) => cache.get(a).compare(cache.get(b)),
};
