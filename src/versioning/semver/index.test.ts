import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../../core/errors.js';
import { semverScheme } from './index.js';

// The SemVer 2.0 spec (section 11) precedence example and rules; checked with the Rust semver crate for the fixtures.
const ordered: [string, string, number][] = [
  ['1.0.0', '2.0.0', -1],
  ['1.0.0-alpha', '1.0.0-alpha.1', -1],
  ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
  ['1.0.0-alpha.beta', '1.0.0-beta', -1],
  ['1.0.0-beta', '1.0.0-beta.2', -1],
  ['1.0.0-beta.2', '1.0.0-beta.11', -1],
  ['1.0.0-beta.11', '1.0.0-rc.1', -1],
  ['1.0.0-rc.1', '1.0.0', -1],
  ['1.0.0+build.1', '1.0.0+build.2', 0],
  ['v1.2.3', '1.2.3', 0],
  ['1.0.0-2', '1.0.0-10', -1],
  ['1.0.0-a', '1.0.0-1', 1],
  ['1.0.0-A', '1.0.0-a', -1],
  ['2.10.0', '2.9.0', 1],
];

const invalid = [
  '1.2',
  '01.2.3',
  '1.2.3-01',
  '=1.2.3',
  'V1.2.3',
  '1.2.3-',
  '1.2.3+',
  'x',
  '1.2.3.4',
  '^1.2.3',
];

describe('semver scheme', () => {
  it.each(ordered)('%s vs %s -> %i', (a, b, want) => {
    expect(Math.sign(semverScheme.compare(a, b)) + 0).toBe(want);
    expect(Math.sign(semverScheme.compare(b, a)) + 0).toBe(0 - want);
  });

  it.each(invalid.map((v) => [v]))('rejects %j with VERSION_INVALID', (v) => {
    expect(semverScheme.isValid(v)).toBe(false);
    let thrown: unknown;
    try {
      semverScheme.compare(v, v);
    } catch (err) {
      thrown = err;
    }
    expect(isVigiaError(thrown, 'VERSION_INVALID')).toBe(true);
    expect(String((thrown as Error).message)).toContain('semver version');
  });
});
