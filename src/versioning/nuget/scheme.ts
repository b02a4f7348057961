import { ParseCache } from '../cache.js';
import { invalidVersion } from '../invalid.js';
import type { VersionScheme } from '../types.js';

/** A NuGet version: 4 numbers (absent ones are 0) and release labels; metadata is not kept (ignored by ordering). */
export interface NuGetVersion {
  numbers: [number, number, number, number];
  labels: string[];
}

const LABEL_CHARS = /^[0-9A-Za-z-]+$/;
const INT32_MAX = 2147483647;

/** SemanticVersion.IsValidPart: non-empty, [0-9A-Za-z-], no leading zero on an all-digit part (unless allowed). */
function validPart(s: string, allowLeadingZeros: boolean): boolean {
  if (!LABEL_CHARS.test(s)) return false;
  return allowLeadingZeros || !(s.length > 1 && /^0[0-9]+$/.test(s));
}

/**
 * Parse like NuGet.Versioning's NuGetVersion.TryParse: 1 to 4 numeric parts (leading zeros
 * allowed, each an Int32), then `-label.label` and `+metadata`.
 */
export function parseNuGet(version: string): NuGetVersion {
  const fail = (why: string) => invalidVersion('nuget', version, why);
  if (version.length === 0) throw fail('empty version');
  if (/\s/.test(version)) throw fail('contains whitespace');
  const cut = version.search(/[-+]/);
  const numberPart = cut < 0 ? version : version.slice(0, cut);
  let labels: string[] = [];
  let metadata: string | undefined;
  if (cut >= 0) {
    const rest = version.slice(cut + 1);
    if (version[cut] === '+') metadata = rest;
    else {
      const plus = rest.indexOf('+');
      labels = (plus < 0 ? rest : rest.slice(0, plus)).split('.');
      if (plus >= 0) metadata = rest.slice(plus + 1);
    }
  }
  if (!/^[0-9]+(?:\.[0-9]+){0,3}$/.test(numberPart)) throw fail('expected 1 to 4 dot-separated numbers');
  const parts = numberPart.split('.').map((p) => Number(p.replace(/^0+(?=.)/, '')));
  if (parts.some((n) => !(n <= INT32_MAX))) throw fail('number too large');
  for (const label of labels) {
    if (!validPart(label, false)) throw fail(`invalid release label "${label}"`);
  }
  if (metadata !== undefined && !metadata.split('.').every((m) => validPart(m, true))) {
    throw fail('invalid build metadata');
  }
  const [a = 0, b = 0, c = 0, d = 0] = parts;
  return { numbers: [a, b, c, d], labels };
}

/** int.TryParse as CompareRelease uses it on a label. */
function asInt(label: string): number | undefined {
  if (!/^-?[0-9]+$/.test(label)) return undefined;
  const n = Number(label);
  return n >= -2147483648 && n <= INT32_MAX ? n : undefined;
}

const ordinalIgnoreCase = (a: string, b: string) => {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

/** VersionComparer.CompareRelease: numbers numerically, numbers before text, text ignoring case. */
function labelCmp(a: string, b: string): number {
  const x = asInt(a);
  const y = asInt(b);
  if (x !== undefined && y !== undefined) return Math.sign(x - y);
  if (x !== undefined || y !== undefined) return x !== undefined ? -1 : 1;
  return ordinalIgnoreCase(a, b);
}

/** VersionComparer.Default.Compare: numbers, then no labels > labels, then labels; metadata ignored. */
export function compareNuGet(a: NuGetVersion, b: NuGetVersion): number {
  for (let k = 0; k < 4; k++) {
    const r = Math.sign((a.numbers[k] ?? 0) - (b.numbers[k] ?? 0));
    if (r) return r;
  }
  if (a.labels.length === 0 || b.labels.length === 0) {
    return a.labels.length === b.labels.length ? 0 : a.labels.length === 0 ? 1 : -1;
  }
  for (let k = 0; k < Math.max(a.labels.length, b.labels.length); k++) {
    const x = a.labels[k];
    const y = b.labels[k];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const r = labelCmp(x, y);
    if (r) return r;
  }
  return 0;
}

const cache = new ParseCache(parseNuGet);

/** NuGet package versions (NuGet.Versioning: SemVer 2.0 plus the legacy 4th number). */
export const nugetScheme: VersionScheme = {
  id: 'nuget',
  isValid: (v) => cache.ok(v),
  compare: (a, b) => compareNuGet(cache.get(a), cache.get(b)),
};
