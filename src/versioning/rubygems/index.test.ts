import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../../core/errors.js';
import { rubygemsScheme } from './index.js';

// Expected orderings and rejections checked with RubyGems 3.3.15 (Gem::Version#<=>, Gem::Version.correct?).
const ordered: [string, string, number][] = [
  ['1.0', '1', 0],
  ['1.0.0', '1', 0],
  ['1.0.a', '1.0', -1],
  ['1.0.a', '1.0.b', -1],
  ['1.0.a10', '1.0.a9', 1],
  ['1.0-1', '1.0.pre.1', 0],
  ['1.0.rc1', '1.0.beta1', 1],
  ['1.a', '1.0.a', 0],
  ['2.0.0.pre', '1.9.9', 1],
  ['1.0.A', '1.0.a', -1],
  ['1.0.0.1', '1.0', 1],
  ['1.10', '1.9', 1],
  ['1.0.a.1', '1.0.a', 1],
  ['0.9.1.beta', '0.9.1.alpha', 1],
];

const invalid = ['1.0 beta', 'a1.0', '1..0', '1.0.', '1.0-', '-1.0', '1.0+b', '1.0_1', '.1'];

describe('rubygems scheme', () => {
  it.each(ordered)('%s vs %s -> %i', (a, b, want) => {
    expect(Math.sign(rubygemsScheme.compare(a, b)) + 0).toBe(want);
    expect(Math.sign(rubygemsScheme.compare(b, a)) + 0).toBe(0 - want);
  });

  it.each(invalid.map((v) => [v]))('rejects %j with VERSION_INVALID', (v) => {
    expect(rubygemsScheme.isValid(v)).toBe(false);
    let thrown: unknown;
    try {
      rubygemsScheme.compare(v, v);
    } catch (err) {
      thrown = err;
    }
    expect(isVigiaError(thrown, 'VERSION_INVALID')).toBe(true);
    expect(String((thrown as Error).message)).toContain('rubygems version');
  });
});
