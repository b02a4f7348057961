import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../../core/errors.js';
import { apkScheme } from './index.js';

// Expected orderings and rejections from apk-tools test/unit/version.data and src/version.c token rules (apk-tools cannot run on Debian).
const ordered: [string, string, number][] = [
  ['1.0_alpha1', '1.0', -1],
  ['1.0_p1', '1.0', 1],
  ['1.0-r1', '1.0', 1],
  ['1.0-r0', '1.0', 1],
  ['1.0a', '1.0.1', -1],
  ['1.0~1234', '1.0~2345', -1],
  ['1.0~1234-r1', '1.0~1234-r0', 1],
  ['8.2.0', '8.2.001', -1],
  ['8.2.0015', '8.2.002', -1],
  ['0.1.0_alpha_pre2', '0.1.0_alpha', -1],
  ['1.3-r0', '1.3.1-r0', -1],
  ['2.3.0b-r1', '2.3.0b-r2', -1],
  ['1.2_pre1', '1.2_rc1', -1],
  ['1.2_rc1', '1.2', -1],
  ['1.2_git20230101', '1.2', 1],
  ['1.2_git1', '1.2_p1', -1],
  ['006', '1.0.0', 1],
  ['1.1.1d-r2', '1.1.1d-r10', -1],
  ['1.0.2', '1.0.10', -1],
];

const invalid = [
  '0.1bc',
  '0.1a1',
  '0.1_foobar',
  '0.1-r',
  '0.1-r2-r3',
  '0.1_pre2~',
  '0.1_pre2~1234xbcd',
  '.1',
  'a',
  '10.2.22.r0',
  '6.6.2p1-r0',
  '1.0-1',
  '1.0_RC1',
];

describe('apk scheme', () => {
  it.each(ordered)('%s vs %s -> %i', (a, b, want) => {
    expect(Math.sign(apkScheme.compare(a, b)) + 0).toBe(want);
    expect(Math.sign(apkScheme.compare(b, a)) + 0).toBe(0 - want);
  });

  it.each(invalid.map((v) => [v]))('rejects %j with VERSION_INVALID', (v) => {
    expect(apkScheme.isValid(v)).toBe(false);
    let thrown: unknown;
    try {
      apkScheme.compare(v, v);
    } catch (err) {
      thrown = err;
    }
    expect(isVigiaError(thrown, 'VERSION_INVALID')).toBe(true);
    expect(String((thrown as Error).message)).toContain('apk version');
  });
});
