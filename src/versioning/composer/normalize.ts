import { invalidVersion } from '../invalid.js';

// Composer\Semver\VersionParser::normalize() (composer/semver 3.x), for versions (not constraints).
// PHP's possessive quantifiers (`\d++`) are plain greedy ones here: with the anchored patterns
// below no backtracking can change a match.

const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*)?)?([.-]?dev)?';
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATE = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)${MODIFIER}$`, 'i');
const BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;
const STABILITY_FLAG = /@(?:stable|RC|beta|alpha|dev)$/i;

function expandStability(s: string): string {
  const l = s.toLowerCase();
  if (l === 'a') return 'alpha';
  if (l === 'b') return 'beta';
  if (l === 'p' || l === 'pl') return 'patch';
  if (l === 'rc') return 'RC';
  return l;
}

/**
 * The normalized form Composer compares (`1.2.3.0`, `1.0.0.0-RC1`, `2.9999999.9999999.9999999-dev`).
 * Branch names (`dev-main`, `master`) are rejected: Composer never orders them against versions.
 */
export function normalizeComposer(version: string): string {
  const fail = (why: string) => invalidVersion('composer', version, why);
  if (version.length === 0) throw fail('empty version');
  if (/\s/.test(version)) throw fail('contains whitespace');
  let v = version.replace(STABILITY_FLAG, '');
  if (['master', 'trunk', 'default'].includes(v) || v.toLowerCase().startsWith('dev-')) {
    throw fail('a branch name, not a version (Composer does not order branches)');
  }
  const build = /^([^,\s+]+)\+\S+$/.exec(v);
  if (build) v = build[1] ?? v;
  let out: string | undefined;
  let m = CLASSICAL.exec(v);
  let index = 5;
  if (m) {
    out = `${m[1]}${m[2] || '.0'}${m[3] || '.0'}${m[4] || '.0'}`;
  } else {
    m = DATE.exec(v);
    index = 2;
    if (m) out = (m[1] ?? '').replace(/\D/g, '.');
  }
  if (m && out !== undefined) {
    const stability = m[index];
    if (stability) {
      if (stability === 'stable') return out;
      const n = m[index + 1];
      out += `-${expandStability(stability)}${n ? n.replace(/^[.-]+/, '') : ''}`;
    }
    if (m[index + 2]) out += '-dev';
    return out;
  }
  const dev = /^(.*?)[.-]?dev$/i.exec(v);
  if (dev) {
    const b = BRANCH.exec((dev[1] ?? '').trim());
    if (b) {
      let s = '';
      for (let i = 1; i < 5; i++) s += b[i] !== undefined ? b[i]!.replace(/[*X]/g, 'x') : '.x';
      return `${s.replaceAll('x', '9999999')}-dev`;
    }
  }
  throw fail('not a version Composer can normalize');
}
