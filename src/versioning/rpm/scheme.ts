import { ParseCache } from '../cache.js';
import { invalidVersion } from '../invalid.js';
import type { VersionScheme } from '../types.js';

/** An rpm EVR: `[epoch:]version[-release]`, split at the first `:` and the last `-` as rpm does. */
export interface RpmVersion {
  epoch: string;
  version: string;
  /** Undefined when the string has no `-release`. */
  release: string | undefined;
}

/** What rpmbuild allows in Version and Release (after macro expansion). */
const PART = /^[A-Za-z0-9._+~^]+$/;

/** Parse an EVR the way rpm 4.18's rpmverParse() splits it, rejecting what rpmbuild would not build. */
export function parseRpm(evr: string): RpmVersion {
  const fail = (why: string) => invalidVersion('rpm', evr, why);
  if (evr.length === 0) throw fail('empty version');
  if (/\s/.test(evr)) throw fail('contains whitespace');
  let rest = evr;
  let epoch = '0';
  const m = /^([0-9]*):/.exec(rest);
  if (m) {
    if (m[1] === '') throw fail('empty epoch');
    epoch = m[1] ?? '0';
    rest = rest.slice(m[0].length);
  }
  const dash = rest.lastIndexOf('-');
  const version = dash >= 0 ? rest.slice(0, dash) : rest;
  const release = dash >= 0 ? rest.slice(dash + 1) : undefined;
  if (version.length === 0) throw fail('empty version part');
  if (!PART.test(version))
    throw fail('invalid character in version part (allowed: letters, digits, . _ + ~ ^)');
  if (release !== undefined) {
    if (release.length === 0) throw fail('empty release');
    if (!PART.test(release)) throw fail('invalid character in release (allowed: letters, digits, . _ + ~ ^)');
  }
  return { epoch, version, release };
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const TILDE = 126;
const CARET = 94;

/** rpmvercmp() of rpm 4.18 (rpmio/rpmvercmp.c): segments, `~` sorts first, `^` after the base. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  const at = (s: string, k: number) => (k < s.length ? s.charCodeAt(k) : 0);
  while (i < a.length || j < b.length) {
    while (
      i < a.length &&
      !isDigit(at(a, i)) &&
      !isAlpha(at(a, i)) &&
      at(a, i) !== TILDE &&
      at(a, i) !== CARET
    )
      i++;
    while (
      j < b.length &&
      !isDigit(at(b, j)) &&
      !isAlpha(at(b, j)) &&
      at(b, j) !== TILDE &&
      at(b, j) !== CARET
    )
      j++;
    const ca = at(a, i);
    const cb = at(b, j);
    if (ca === TILDE || cb === TILDE) {
      if (ca !== TILDE) return 1;
      if (cb !== TILDE) return -1;
      i++;
      j++;
      continue;
    }
    if (ca === CARET || cb === CARET) {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (ca !== CARET) return 1;
      if (cb !== CARET) return -1;
      i++;
      j++;
      continue;
    }
    if (!(i < a.length && j < b.length)) break;
    const numeric = isDigit(ca);
    const inSeg = numeric ? isDigit : isAlpha;
    let ei = i;
    let ej = j;
    while (ei < a.length && inSeg(at(a, ei))) ei++;
    while (ej < b.length && inSeg(at(b, ej))) ej++;
    if (ej === j) return numeric ? 1 : -1;
    let sa = a.slice(i, ei);
    let sb = b.slice(j, ej);
    if (numeric) {
      sa = sa.replace(/^0+/, '');
      sb = sb.replace(/^0+/, '');
      if (sa.length !== sb.length) return sa.length > sb.length ? 1 : -1;
    }
    if (sa !== sb) return sa < sb ? -1 : 1;
    i = ei;
    j = ej;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/**
 * Compare EVRs as rpm 4.18's `rpm.vercmp` does: epoch, version, then release; when the versions
 * are equal and only one side has a release, the side with a release is newer.
 */
export function compareRpm(a: RpmVersion, b: RpmVersion): number {
  const r = rpmvercmp(a.epoch, b.epoch) || rpmvercmp(a.version, b.version);
  if (r) return r;
  if (a.release === undefined || b.release === undefined) {
    if (a.release === b.release) return 0;
    return a.release === undefined ? -1 : 1;
  }
  return rpmvercmp(a.release, b.release);
}

const cache = new ParseCache(parseRpm);

/** rpm package EVRs (RHEL, Alma, Rocky, SUSE, Mariner, Amazon Linux…). */
export const rpmScheme: VersionScheme = {
  id: 'rpm',
  isValid: (v) => cache.ok(v),
  compare: (a, b) => compareRpm(cache.get(a), cache.get(b)),
};
