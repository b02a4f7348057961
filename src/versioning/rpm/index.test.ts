import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../../core/errors.js';
import { rpmScheme } from './index.js';

// Expected orderings checked with rpm 4.18's Lua rpm.vercmp; rpm itself accepts almost anything, the rejected strings are ones rpmbuild would not produce.
const ordered: [string, string, number][] = [
  ['1.0', '1.0.1', -1],
  ['1.0~rc1', '1.0', -1],
  ['1.0~rc1', '1.0~rc2', -1],
  ['1.0^git1', '1.0', 1],
  ['1.0^git1', '1.0.1', -1],
  ['1.0^', '1.0', 1],
  ['1.0~rc1^git1', '1.0~rc1', 1],
  ['1:1.0', '2.0', 1],
  ['0:1.0', '1.0', 0],
  ['1.0-1', '1.0', 1],
  ['1.0-1.el8', '1.0-1.el8_1', -1],
  ['1.0a', '1.0', 1],
  ['1.0', '1.0.0', -1],
  ['1.01', '1.1', 0],
  ['1.0_1', '1.0.1', 0],
  ['2.a', '2.1', -1],
  ['10', '9', 1],
  ['1.0-2.fc38', '1.0-10.fc38', -1],
  ['a', 'b', -1],
];

const invalid = [':1.0', '1.0-', '-1', '1.0-1-', 'a:1.0', '1.0-1:2', '1.0%', '1.0 1', '1.0/1'];

describe('rpm scheme', () => {
  it.each(ordered)('%s vs %s -> %i', (a, b, want) => {
    expect(Math.sign(rpmScheme.compare(a, b)) + 0).toBe(want);
    expect(Math.sign(rpmScheme.compare(b, a)) + 0).toBe(0 - want);
  });

  it.each(invalid.map((v) => [v]))('rejects %j with VERSION_INVALID', (v) => {
    expect(rpmScheme.isValid(v)).toBe(false);
    let thrown: unknown;
    try {
      rpmScheme.compare(v, v);
    } catch (err) {
      thrown = err;
    }
    expect(isVigiaError(thrown, 'VERSION_INVALID')).toBe(true);
    expect(String((thrown as Error).message)).toContain('rpm version');
  });
});
