import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../../core/errors.js';
import { pep440Scheme } from './index.js';

// Expected orderings and rejections checked with packaging 23.0 (packaging.version.Version).
const ordered: [string, string, number][] = [
  ['1.0', '1.0.0', 0],
  ['1.0.dev0', '1.0a0', -1],
  ['1.0a1', '1.0b1', -1],
  ['1.0rc1', '1.0', -1],
  ['1.0', '1.0.post1', -1],
  ['1.0.post1.dev0', '1.0.post1', -1],
  ['1.0a1.post1', '1.0a2', -1],
  ['1!0.1', '2.0', 1],
  ['1.0+local', '1.0', 1],
  ['1.0+abc', '1.0+1', -1],
  ['1.0+1.2', '1.0+1.10', -1],
  ['1.0-1', '1.0.post1', 0],
  ['1.0.alpha1', '1.0a1', 0],
  ['1.0c1', '1.0rc1', 0],
  ['1.0.preview2', '1.0rc2', 0],
  ['V1.0', '1.0', 0],
  ['1.0-r2', '1.0.post2', 0],
  ['1.0.dev1', '1.0', -1],
  ['1.0.dev0', '1.0.post0.dev0', -1],
  ['1.0rc1.dev0', '1.0rc1', -1],
  ['1.0.0.0.1', '1.0', 1],
  ['2024.1', '2023.12.31', 1],
];

const invalid = ['1.0a1b', 'dev', '1.0+', '1.0+a..b', '1.0_', '0.3.2d', '1..0', '1.0+ab-', '~1.0'];

describe('pep440 scheme', () => {
  it.each(ordered)('%s vs %s -> %i', (a, b, want) => {
    expect(Math.sign(pep440Scheme.compare(a, b)) + 0).toBe(want);
    expect(Math.sign(pep440Scheme.compare(b, a)) + 0).toBe(0 - want);
  });

  it.each(invalid.map((v) => [v]))('rejects %j with VERSION_INVALID', (v) => {
    expect(pep440Scheme.isValid(v)).toBe(false);
    let thrown: unknown;
    try {
      pep440Scheme.compare(v, v);
    } catch (err) {
      thrown = err;
    }
    expect(isVigiaError(thrown, 'VERSION_INVALID')).toBe(true);
    expect(String((thrown as Error).message)).toContain('pep440 version');
  });
});
