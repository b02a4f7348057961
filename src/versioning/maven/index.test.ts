import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../../core/errors.js';
import { mavenScheme } from './index.js';

// Expected orderings checked with maven-artifact 3.8.7's ComparableVersion; Maven accepts any string, we reject only whitespace and non-ASCII.
const ordered: [string, string, number][] = [
  ['1', '1.0', 0],
  ['1.0', '1.0.0', 0],
  ['1-ga', '1', 0],
  ['1.0.RELEASE', '1', 0],
  ['1-final', '1', 0],
  ['1-alpha', '1-beta', -1],
  ['1-a1', '1-alpha-1', 0],
  ['1-beta', '1-milestone', -1],
  ['1-m1', '1-rc1', -1],
  ['1-cr1', '1-rc1', 0],
  ['1-rc', '1-SNAPSHOT', -1],
  ['1-SNAPSHOT', '1', -1],
  ['1', '1-sp', -1],
  ['1-sp', '1-foo', -1],
  ['1-foo', '1-1', -1],
  ['1-1', '1.1', -1],
  ['1.0.0.cr2', '1.0.0-rc9', -1],
  ['1.0-alpha-1', '1.0', -1],
  ['1.9', '1.10', -1],
  ['1.0.0.Final', '1.0.0', 0],
  ['2.0.0.M1', '2.0.0', -1],
  ['1.0-1', '1.0.1', -1],
  ['1.0a', '1.0-a', 0],
];

const invalid = ['1.0 final', '1.0é'];

describe('maven scheme', () => {
  it.each(ordered)('%s vs %s -> %i', (a, b, want) => {
    expect(Math.sign(mavenScheme.compare(a, b)) + 0).toBe(want);
    expect(Math.sign(mavenScheme.compare(b, a)) + 0).toBe(0 - want);
  });

  it.each(invalid.map((v) => [v]))('rejects %j with VERSION_INVALID', (v) => {
    expect(mavenScheme.isValid(v)).toBe(false);
    let thrown: unknown;
    try {
      mavenScheme.compare(v, v);
    } catch (err) {
      thrown = err;
    }
    expect(isVigiaError(thrown, 'VERSION_INVALID')).toBe(true);
    expect(String((thrown as Error).message)).toContain('maven version');
  });
});
