import { ParseCache } from '../cache.js';
import { invalidVersion } from '../invalid.js';
import type { VersionScheme } from '../types.js';

/**
 * Token kinds of apk-tools' src/version.c, in its order; the order matters: when two versions
 * agree on a common prefix, the one whose next token kind is larger sorts first.
 */
const T = {
  INITIAL_DIGIT: 0,
  DIGIT: 1,
  LETTER: 2,
  SUFFIX: 3,
  SUFFIX_NO: 4,
  COMMIT_HASH: 5,
  REVISION_NO: 6,
  END: 7,
} as const;

/** Suffix ranks; pre-release suffixes rank below NONE (5), post-release ones above. */
const SUFFIXES: Readonly<Record<string, number>> = {
  alpha: 1,
  beta: 2,
  pre: 3,
  rc: 4,
  cvs: 6,
  svn: 7,
  git: 8,
  hg: 9,
  p: 10,
};
const SUFFIX_NONE = 5;

/** One token: its kind, its text and, for numbers, its value (as a digit string without leading zeros). */
export interface ApkToken {
  kind: number;
  text: string;
  suffix: number;
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isLower = (c: string) => c >= 'a' && c <= 'z';
const isHex = (c: string) => isDigit(c) || (c >= 'a' && c <= 'f');

/**
 * Tokenise like apk-tools' token_first()/token_next():
 * `digit{.digit}...{letter}{_suffix{digit}}...{~hash}{-r#}`. Throws for what
 * apk_version_validate() rejects. The returned list ends with an END token.
 */
export function parseApk(version: string): ApkToken[] {
  const fail = (why: string) => invalidVersion('apk', version, why);
  const out: ApkToken[] = [];
  const n = version.length;
  const digitsEnd = (from: number) => {
    let k = from;
    while (k < n && isDigit(version[k] ?? '')) k++;
    return k;
  };
  let i = digitsEnd(0);
  if (i === 0) throw fail(n === 0 ? 'empty version' : 'does not start with a digit');
  let kind: number = T.INITIAL_DIGIT;
  out.push({ kind, text: version.slice(0, i), suffix: 0 });
  while (i < n) {
    const c = version[i] ?? '';
    if (isLower(c)) {
      if (kind > T.DIGIT) throw fail(`letter "${c}" not allowed here`);
      kind = T.LETTER;
      out.push({ kind, text: c, suffix: 0 });
      i++;
    } else if (c === '.' || isDigit(c)) {
      if (c === '.') {
        if (kind > T.DIGIT) throw fail('"." not allowed after a letter, suffix, hash or revision');
        i++;
      }
      if (kind === T.INITIAL_DIGIT || kind === T.DIGIT) kind = T.DIGIT;
      else if (kind === T.SUFFIX) kind = T.SUFFIX_NO;
      else throw fail('digits not allowed here');
      const j = digitsEnd(i);
      if (j === i) throw fail('expected digits');
      out.push({ kind, text: version.slice(i, j), suffix: 0 });
      i = j;
    } else if (c === '_') {
      if (kind > T.SUFFIX_NO) throw fail('suffix not allowed here');
      let j = i + 1;
      while (j < n && isLower(version[j] ?? '')) j++;
      const name = version.slice(i + 1, j);
      const rank = SUFFIXES[name];
      if (rank === undefined) throw fail(`unknown suffix "_${name}"`);
      kind = T.SUFFIX;
      out.push({ kind, text: name, suffix: rank });
      i = j;
    } else if (c === '~') {
      if (kind >= T.COMMIT_HASH) throw fail('"~hash" not allowed here');
      let j = i + 1;
      while (j < n && isHex(version[j] ?? '')) j++;
      if (j === i + 1) throw fail('"~" must be followed by a lower-case hex commit hash');
      kind = T.COMMIT_HASH;
      out.push({ kind, text: version.slice(i + 1, j), suffix: 0 });
      i = j;
    } else if (c === '-') {
      if (kind >= T.REVISION_NO || version[i + 1] !== 'r')
        throw fail('"-" must start the final "-rN" revision');
      const j = digitsEnd(i + 2);
      if (j === i + 2) throw fail('revision "-r" without a number');
      kind = T.REVISION_NO;
      out.push({ kind, text: version.slice(i + 2, j), suffix: 0 });
      i = j;
    } else {
      throw fail(`invalid character "${c}"`);
    }
  }
  out.push({ kind: T.END, text: '', suffix: 0 });
  return out;
}

/** Byte-wise comparison then length, like apk_blob_sort(). */
const blobSort = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Numeric comparison of digit strings of any length. */
function numCmp(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return blobSort(x, y);
}

function tokenCmp(a: ApkToken, b: ApkToken): number {
  switch (a.kind) {
    case T.DIGIT:
      // a leading zero on either side means a string comparison (Gentoo rule)
      if (a.text.startsWith('0') || b.text.startsWith('0')) return blobSort(a.text, b.text);
      return numCmp(a.text, b.text);
    case T.INITIAL_DIGIT:
    case T.SUFFIX_NO:
    case T.REVISION_NO:
      return numCmp(a.text, b.text);
    case T.SUFFIX:
      return Math.sign(a.suffix - b.suffix);
    default:
      return blobSort(a.text, b.text);
  }
}

/** apk_version_compare() on two tokenised versions. */
export function compareApk(ta: ApkToken[], tb: ApkToken[]): number {
  let k = 0;
  for (;;) {
    const a = ta[k];
    const b = tb[k];
    if (a === undefined || b === undefined) return 0;
    if (a.kind !== b.kind || a.kind >= T.END) {
      if (a.kind === b.kind) return 0;
      if (a.kind === T.SUFFIX && a.suffix < SUFFIX_NONE) return -1;
      if (b.kind === T.SUFFIX && b.suffix < SUFFIX_NONE) return 1;
      return a.kind > b.kind ? -1 : 1;
    }
    const r = tokenCmp(a, b);
    if (r) return r;
    k++;
  }
}

const cache = new ParseCache(parseApk);

/** Alpine / Wolfi / Chainguard package versions (apk-tools). */
export const apkScheme: VersionScheme = {
  id: 'apk',
  isValid: (v) => cache.ok(v),
  compare: (a, b) => compareApk(cache.get(a), cache.get(b)),
};
