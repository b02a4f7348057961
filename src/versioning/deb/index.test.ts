import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../../core/errors.js';
import { debScheme } from './index.js';

// Expected orderings checked with `dpkg --compare-versions` (dpkg 1.21.22); invalid ones are those dpkg rejects or warns about.
const ordered: [string, string, number][] = [
  ['1.0', '1.0.1', -1],
  ['1.0~rc1', '1.0', -1],
  ['1.0~~', '1.0~', -1],
  ['1.0~', '1.0', -1],
  ['1.0', '1.0a', -1],
  ['1.0a', '1.0+', -1],
  ['1:0.1', '2.0', 1],
  ['0:1.0', '1.0', 0],
  ['1.0-0', '1.0', 0],
  ['1.0-1', '1.0-1+deb12u1', -1],
  ['1.0-1ubuntu1', '1.0-1', 1],
  ['2.30-1', '2.4-1', 1],
  ['1.001', '1.1', 0],
  ['1.0-1~bpo11+1', '1.0-1', -1],
  ['10:1', '9:2', 1],
  ['1.2.3-1', '1.2.3-1.1', -1],
  ['2.0-1', '2:1.0', -1],
  ['1.0+dfsg-1', '1.0-1', 1],
  ['1.0.0', '1.0', 1],
];

const invalid = ['a1.0', '1.0-', ':1.0', 'x:1.0', '1.0_1', '1.0-a_b', '-1', '1.0-1:2', '1.0 1'];

describe('deb scheme', () => {
  it.each(ordered)('%s vs %s -> %i', (a, b, want) => {
    expect(Math.sign(debScheme.compare(a, b)) + 0).toBe(want);
    expect(Math.sign(debScheme.compare(b, a)) + 0).toBe(0 - want);
  });

  it.each(invalid.map((v) => [v]))('rejects %j with VERSION_INVALID', (v) => {
    expect(debScheme.isValid(v)).toBe(false);
    let thrown: unknown;
    try {
      debScheme.compare(v, v);
    } catch (err) {
      thrown = err;
    }
    expect(isVigiaError(thrown, 'VERSION_INVALID')).toBe(true);
    expect(String((thrown as Error).message)).toContain('deb version');
  });
});
