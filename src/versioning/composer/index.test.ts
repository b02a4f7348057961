import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../../core/errors.js';
import { composerScheme } from './index.js';

// Expected orderings and rejections checked with composer/semver 3.3.2 (VersionParser::normalize + Comparator); branches are not ordered.
const ordered: [string, string, number][] = [
  ['1.0', '1.0.0', 0],
  ['v1.0.0', '1.0.0', 0],
  ['1.0.0-alpha1', '1.0.0-beta1', -1],
  ['1.0.0-beta1', '1.0.0-RC1', -1],
  ['1.0.0-RC1', '1.0.0', -1],
  ['1.0.0', '1.0.0-p1', -1],
  ['1.0.0-pl1', '1.0.0-patch1', 0],
  ['1.0.0-dev', '1.0.0-alpha1', -1],
  ['1.0.0-a1', '1.0.0-alpha1', 0],
  ['1.0.0-b2', '1.0.0-beta2', 0],
  ['1.0.0+build5', '1.0.0', 0],
  ['1.0.0-rc1', '1.0.0-RC1', 0],
  ['2.x-dev', '2.1.0', 1],
  ['1.0.0.1', '1.0.0', 1],
  ['20240101', '2023.12.31', 1],
  ['1.0.0-beta', '1.0.0-beta1', -1],
  ['1.0.0-beta.2', '1.0.0-beta2', 0],
  ['1.0.0-stable', '1.0.0', 0],
  ['1.0.0@beta', '1.0.0', 0],
  ['1.10', '1.9', 1],
  ['1.0.0-alpha1-dev', '1.0.0-alpha1', -1],
];

const invalid = ['dev-main', 'master', '1.0.0-foo', 'abc', '1.0.0.0.0', '1.0.0-beta.', '1.2.3.4.5-dev'];

describe('composer scheme', () => {
  it.each(ordered)('%s vs %s -> %i', (a, b, want) => {
    expect(Math.sign(composerScheme.compare(a, b)) + 0).toBe(want);
    expect(Math.sign(composerScheme.compare(b, a)) + 0).toBe(0 - want);
  });

  it.each(invalid.map((v) => [v]))('rejects %j with VERSION_INVALID', (v) => {
    expect(composerScheme.isValid(v)).toBe(false);
    let thrown: unknown;
    try {
      composerScheme.compare(v, v);
    } catch (err) {
      thrown = err;
    }
    expect(isVigiaError(thrown, 'VERSION_INVALID')).toBe(true);
    expect(String((thrown as Error).message)).toContain('composer version');
  });
});
