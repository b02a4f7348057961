import { ParseCache } from '../cache.js';
import { invalidVersion } from '../invalid.js';
import type { VersionScheme } from '../types.js';

/** Gem::Version::VERSION_PATTERN, anchored (RubyGems 3.3). */
const PATTERN = /^[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** A segment: a number (digit string without leading zeros) or a string. */
export type GemSegment = { num: true; value: string } | { num: false; value: string };

/** A parsed gem version: its normalised text and its canonical segments. */
export interface GemVersion {
  /** `version` with each `-` replaced by `.pre.`, as Gem::Version#initialize stores it. */
  text: string;
  /** Gem::Version#canonical_segments: trailing zeros dropped from the numeric and string parts. */
  canonical: GemSegment[];
}

const isZero = (s: GemSegment) => s.num && s.value === '0';

/** Parse like Gem::Version.new (after Gem::Version.correct?). */
export function parseGem(version: string): GemVersion {
  if (version.length === 0) throw invalidVersion('rubygems', version, 'empty version');
  if (/\s/.test(version)) throw invalidVersion('rubygems', version, 'contains whitespace');
  if (!PATTERN.test(version))
    throw invalidVersion('rubygems', version, 'malformed version (Gem::Version.correct? is false)');
  const text = version.replaceAll('-', '.pre.');
  const segments: GemSegment[] = (text.match(/[0-9]+|[a-z]+/gi) ?? []).map((s) =>
    /^[0-9]+$/.test(s) ? { num: true, value: s.replace(/^0+(?=.)/, '') } : { num: false, value: s },
  );
  const firstString = segments.findIndex((s) => !s.num);
  const numeric = firstString < 0 ? segments : segments.slice(0, firstString);
  const strings = firstString < 0 ? [] : segments.slice(firstString);
  const dropZeros = (list: GemSegment[]) => {
    let end = list.length;
    while (end > 0 && isZero(list[end - 1] as GemSegment)) end--;
    return list.slice(0, end);
  };
  return { text, canonical: [...dropZeros(numeric), ...dropZeros(strings)] };
}

const ZERO: GemSegment = { num: true, value: '0' };
const strCmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Gem::Version#<=>: segment by segment, missing ones count as 0, strings sort before numbers. */
export function compareGem(a: GemVersion, b: GemVersion): number {
  if (a.text === b.text) return 0;
  const n = Math.max(a.canonical.length, b.canonical.length);
  for (let i = 0; i < n; i++) {
    const l = a.canonical[i] ?? ZERO;
    const r = b.canonical[i] ?? ZERO;
    if (l.num !== r.num) return l.num ? 1 : -1;
    if (l.value === r.value) continue;
    if (!l.num) return strCmp(l.value, r.value);
    if (l.value.length !== r.value.length) return l.value.length < r.value.length ? -1 : 1;
    return strCmp(l.value, r.value);
  }
  return 0;
}

const cache = new ParseCache(parseGem);

/** Ruby gem versions (Gem::Version). */
export const rubygemsScheme: VersionScheme = {
  id: 'rubygems',
  isValid: (v) => cache.ok(v),
  compare: (a, b) => compareGem(cache.get(a), cache.get(b)),
};
