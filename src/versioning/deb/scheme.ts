import { ParseCache } from '../cache.js';
import { invalidVersion } from '../invalid.js';
import type { VersionScheme } from '../types.js';

/** A Debian version split as dpkg's parseversion() does: `[epoch:]upstream[-revision]`. */
export interface DebVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

const UPSTREAM_CHARS = /^[A-Za-z0-9.+~:-]*$/;
const REVISION_CHARS = /^[A-Za-z0-9.+~]*$/;

/**
 * Parse like dpkg 1.21 `parseversion()`; everything dpkg reports as an error *or* warns about
 * ("bad syntax") is rejected, since Debian Policy 5.6.12 forbids it.
 */
export function parseDeb(version: string): DebVersion {
  const fail = (why: string) => invalidVersion('deb', version, why);
  if (version.length === 0) throw fail('empty version');
  if (/\s/.test(version)) throw fail('contains whitespace');
  let rest = version;
  let epoch = 0;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const e = rest.slice(0, colon);
    if (e.length === 0) throw fail('empty epoch');
    if (!/^[0-9]+$/.test(e)) throw fail('epoch is not a number');
    epoch = Number(e);
    if (epoch > 2147483647) throw fail('epoch too large');
    rest = rest.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  const revision = dash >= 0 ? rest.slice(dash + 1) : '';
  if (upstream.length === 0) throw fail('empty upstream version');
  if (dash >= 0 && revision.length === 0) throw fail('empty revision');
  if (!/^[0-9]/.test(upstream)) throw fail('upstream version does not start with a digit');
  if (!UPSTREAM_CHARS.test(upstream)) throw fail('invalid character in upstream version');
  if (!REVISION_CHARS.test(revision)) throw fail('invalid character in revision');
  return { epoch, upstream, revision };
}

/** dpkg's order(): `~` < end < letters < everything else, digits never reach here. */
function order(c: number): number {
  if (c >= 48 && c <= 57) return 0;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c;
  if (c === 126) return -1;
  if (c) return c + 256;
  return 0;
}

/** dpkg's verrevcmp(): alternating non-digit and digit runs. */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  const code = (s: string, k: number) => (k < s.length ? s.charCodeAt(k) : 0);
  const isDigit = (c: number) => c >= 48 && c <= 57;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(code(a, i))) || (j < b.length && !isDigit(code(b, j)))) {
      const ac = order(code(a, i));
      const bc = order(code(b, j));
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (code(a, i) === 48) i++;
    while (code(b, j) === 48) j++;
    while (isDigit(code(a, i)) && isDigit(code(b, j))) {
      if (!firstDiff) firstDiff = code(a, i) - code(b, j);
      i++;
      j++;
    }
    if (isDigit(code(a, i))) return 1;
    if (isDigit(code(b, j))) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

/** Compare two parsed Debian versions: epoch, then upstream, then revision. */
export function compareDeb(a: DebVersion, b: DebVersion): number {
  if (a.epoch !== b.epoch) return a.epoch - b.epoch;
  return verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision);
}

const cache = new ParseCache(parseDeb);

/** Debian package versions (dpkg). */
export const debScheme: VersionScheme = {
  id: 'deb',
  isValid: (v) => cache.ok(v),
  compare: (a, b) => compareDeb(cache.get(a), cache.get(b)),
};
