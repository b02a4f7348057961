import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../core/errors.js';
import { schemes } from './registry.js';
import { SCHEME_IDS } from './types.js';
import type { VersionScheme } from './types.js';

// Every registered scheme against the orderings the real tools produced (fixtures/*.tsv, see
// scripts/versioning/), plus the order laws and typed rejection of invalid input.

const here = dirname(fileURLToPath(import.meta.url));

interface Pair {
  a: string;
  b: string;
  want: number;
  where: string;
}

function fixtures(id: string): { pairs: Pair[]; invalid: string[] } {
  const dir = join(here, id, 'fixtures');
  const pairs: Pair[] = [];
  const invalid: string[] = [];
  if (!existsSync(dir)) return { pairs, invalid };
  for (const file of readdirSync(dir).sort()) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    lines.forEach((line, n) => {
      if (line === '' || line.startsWith('#')) return;
      if (file.endsWith('.tsv')) {
        const [a = '', b = '', want = ''] = line.split('\t');
        pairs.push({ a, b, want: Number(want), where: `${file}:${n + 1}` });
      } else if (file.endsWith('invalid.txt')) {
        invalid.push(line);
      }
    });
  }
  return { pairs, invalid };
}

/** Deterministic PRNG (mulberry32) so that sampled triples are the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** Inputs no scheme accepts. */
const UNIVERSAL_INVALID = ['', ' ', '1.0 ', ' 1.0', '1.0\n', '1. 0', '\t'];

function expectInvalid(scheme: VersionScheme, v: string, valid: string): void {
  expect(scheme.isValid(v), `${scheme.id} isValid(${JSON.stringify(v)})`).toBe(false);
  for (const call of [
    () => scheme.compare(v, v),
    () => scheme.compare(v, valid),
    () => scheme.compare(valid, v),
  ]) {
    let thrown: unknown;
    try {
      call();
    } catch (err) {
      thrown = err;
    }
    expect(
      isVigiaError(thrown, 'VERSION_INVALID'),
      `${scheme.id} rejects ${JSON.stringify(v)} with VERSION_INVALID`,
    ).toBe(true);
    if (thrown instanceof Error) expect(thrown.message.startsWith(`${scheme.id} version `)).toBe(true);
  }
}

it('registers exactly the scheme ids of types.ts', () => {
  expect(Object.keys(schemes).sort()).toEqual([...SCHEME_IDS].sort());
  for (const [id, scheme] of Object.entries(schemes)) expect(scheme.id).toBe(id);
});

describe.each(SCHEME_IDS.map((id) => [id]))('%s', (id) => {
  const scheme = schemes[id];
  const { pairs, invalid } = fixtures(id);
  const versions = [...new Set(pairs.flatMap((p) => [p.a, p.b]))].sort();

  it('has several thousand real-tool ordering pairs', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(3000);
  });

  it('orders every fixture pair as the real tool did, both ways round', () => {
    const wrong: string[] = [];
    for (const p of pairs) {
      const got = sign(scheme.compare(p.a, p.b));
      const back = sign(scheme.compare(p.b, p.a));
      if (got !== p.want || back !== -p.want)
        wrong.push(`${p.where}: ${p.a} vs ${p.b}: want ${p.want}, got ${got}/${-back}`);
    }
    expect(wrong.slice(0, 25)).toEqual([]);
  });

  it('accepts every fixture version and finds it equal to itself', () => {
    const bad = versions.filter((v) => !scheme.isValid(v) || scheme.compare(v, v) !== 0);
    expect(bad).toEqual([]);
  });

  it('is a total order: consistent after sorting, transitive on sampled triples', () => {
    const sorted = [...versions].sort((x, y) => scheme.compare(x, y));
    const rand = rng(7);
    const pick = () => Math.floor(rand() * sorted.length);
    const broken: string[] = [];
    for (let k = 0; k < 4000; k++) {
      const [i, j] = [pick(), pick()].sort((x, y) => x - y) as [number, number];
      if (scheme.compare(sorted[i] as string, sorted[j] as string) > 0)
        broken.push(`sorted ${sorted[i]} > ${sorted[j]}`);
    }
    for (let k = 0; k < 4000; k++) {
      const [a, b, c] = [sorted[pick()], sorted[pick()], sorted[pick()]] as [string, string, string];
      const ab = sign(scheme.compare(a, b));
      const bc = sign(scheme.compare(b, c));
      const ac = sign(scheme.compare(a, c));
      if (ab <= 0 && bc <= 0 && ac > 0) broken.push(`${a} <= ${b} <= ${c} but ${a} > ${c}`);
      if (ab === 0 && bc === 0 && ac !== 0) broken.push(`${a} == ${b} == ${c} but ${a} != ${c}`);
      if (sign(scheme.compare(b, a)) !== -ab) broken.push(`antisymmetry ${a} ${b}`);
    }
    expect(broken.slice(0, 10)).toEqual([]);
  });

  it('rejects invalid input with VERSION_INVALID, never ordering it', () => {
    const valid = versions[0] ?? '';
    expect(scheme.isValid(valid)).toBe(true);
    for (const v of [...UNIVERSAL_INVALID, ...invalid]) expectInvalid(scheme, v, valid);
  });
});
