import { ParseCache } from '../cache.js';
import { invalidVersion } from '../invalid.js';
import type { VersionScheme } from '../types.js';

/** PEP 440 "Appendix B" regular expression, as PyPA's `packaging` uses it (case-insensitive). */
const PEP440 = new RegExp(
  '^v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?<pre>[-_.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?' +
    '(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?))?' +
    '(?<dev>[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?)' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$',
  'i',
);

/** Numbers are kept as digit strings without leading zeros, so no size limit applies. */
type Num = string;
/** `-Infinity`/`+Infinity` markers of packaging's sort key. */
const NEG = -1;
const POS = 1;

/** A parsed PEP 440 version, shaped like packaging's `_cmpkey`. */
export interface Pep440Version {
  epoch: Num;
  /** Release numbers with trailing zeros removed. */
  release: Num[];
  /** `[letter, n]` with letter in a|b|rc, or a marker: NEG for a dev-only version, POS for none. */
  pre: [string, Num] | number;
  /** Post number, or NEG when absent. */
  post: Num | number;
  /** Dev number, or POS when absent. */
  dev: Num | number;
  /** Local segments (numbers as digit strings flagged numeric), or NEG when absent. */
  local: { num: boolean; value: string }[] | number;
}

const num = (s: string | undefined): Num => (s ?? '0').replace(/^0+(?=.)/, '');

/** Parse with packaging's rules: normalise spellings (alpha→a, c/pre/preview→rc, rev/r→post…). */
export function parsePep440(version: string): Pep440Version {
  if (version.length === 0) throw invalidVersion('pep440', version, 'empty version');
  if (/\s/.test(version)) throw invalidVersion('pep440', version, 'contains whitespace');
  const g = PEP440.exec(version)?.groups;
  if (!g) throw invalidVersion('pep440', version, 'not a PEP 440 version');
  const release = (g.release ?? '').split('.').map(num);
  while (release.length > 0 && release[release.length - 1] === '0') release.pop();
  let preL = g.pre_l?.toLowerCase();
  if (preL === 'alpha') preL = 'a';
  else if (preL === 'beta') preL = 'b';
  else if (preL === 'c' || preL === 'pre' || preL === 'preview') preL = 'rc';
  const hasPost = g.post !== undefined;
  const hasDev = g.dev !== undefined;
  const pre: Pep440Version['pre'] = preL ? [preL, num(g.pre_n)] : !hasPost && hasDev ? NEG : POS;
  return {
    epoch: num(g.epoch),
    release,
    pre,
    post: hasPost ? num(g.post_n1 ?? g.post_n2) : NEG,
    dev: hasDev ? num(g.dev_n) : POS,
    local:
      g.local === undefined
        ? NEG
        : g.local
            .split(/[-_.]/)
            .map((p) =>
              /^[0-9]+$/.test(p) ? { num: true, value: num(p) } : { num: false, value: p.toLowerCase() },
            ),
  };
}

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

function numCmp(a: Num, b: Num): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const strCmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Compare a number-or-marker slot of the key (markers are ±infinity). */
function slotCmp(a: Num | number, b: Num | number): number {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = typeof a === 'number' ? a : 0;
    const y = typeof b === 'number' ? b : 0;
    return sign(x - y);
  }
  return numCmp(a, b);
}

function listCmp<T>(a: T[], b: T[], cmp: (x: T, y: T) => number): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    const r = cmp(a[k] as T, b[k] as T);
    if (r) return r;
  }
  return sign(a.length - b.length);
}

/** packaging.version.Version ordering. */
export function comparePep440(a: Pep440Version, b: Pep440Version): number {
  let r = numCmp(a.epoch, b.epoch) || listCmp(a.release, b.release, numCmp);
  if (r) return r;
  if (typeof a.pre === 'number' || typeof b.pre === 'number') {
    r = sign((typeof a.pre === 'number' ? a.pre : 0) - (typeof b.pre === 'number' ? b.pre : 0));
  } else {
    r = strCmp(a.pre[0], b.pre[0]) || numCmp(a.pre[1], b.pre[1]);
  }
  r = r || slotCmp(a.post, b.post) || slotCmp(a.dev, b.dev);
  if (r) return r;
  if (typeof a.local === 'number' || typeof b.local === 'number') {
    return sign((typeof a.local === 'number' ? a.local : 0) - (typeof b.local === 'number' ? b.local : 0));
  }
  // alphanumeric segments sort before numeric ones
  return listCmp(a.local, b.local, (x, y) =>
    x.num !== y.num ? (x.num ? 1 : -1) : x.num ? numCmp(x.value, y.value) : strCmp(x.value, y.value),
  );
}

const cache = new ParseCache(parsePep440);

/** Python package versions (PyPI), PEP 440. */
export const pep440Scheme: VersionScheme = {
  id: 'pep440',
  isValid: (v) => cache.ok(v),
  compare: (a, b) => comparePep440(cache.get(a), cache.get(b)),
};
