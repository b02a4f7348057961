import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../../core/errors.js';
import { goScheme } from './index.js';

// Expected orderings follow golang.org/x/mod/semver.Compare and x/vuln GoTagToSemver (run by scripts/versioning/gen_go.py for the fixtures).
const ordered: [string, string, number][] = [
  ['v1.2.3', '1.2.3', 0],
  ['v1.2', 'v1.2.0', 0],
  ['v1', 'v1.0.0', 0],
  ['v2.0.0+incompatible', 'v2.0.0', 0],
  ['v1.2.3-pre', 'v1.2.3', -1],
  ['v0.0.0-20200101120000-abcdef123456', 'v0.0.0-20210101000000-000000000000', -1],
  ['v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.3', 1],
  ['v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.4', -1],
  ['go1.19.8', '1.19.8', 0],
  ['go1.20', '1.20.0', 0],
  ['go1.21rc2', '1.21.0-rc.2', 0],
  ['go1.21rc2', 'go1.21.0', -1],
  ['go1.21.0', '1.21.0-0', 1],
  ['go1', '1.0.0', 0],
  ['go1.9beta1', 'go1.9rc1', -1],
  ['v1.10.0', 'v1.9.0', 1],
  ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
  ['1.0.0-2', '1.0.0-10', -1],
  ['1.20', '1.20.5', -1],
];

const invalid = [
  'go1.0',
  'v1.2-pre',
  'v01.2.3',
  'v1.2.3-01',
  'go1.21.rc2',
  'latest',
  'v1.2.3+',
  'v1.2.3-',
  'govet',
  'v1.2.3.4',
  'go01.2',
];

describe('go scheme', () => {
  it.each(ordered)('%s vs %s -> %i', (a, b, want) => {
    expect(Math.sign(goScheme.compare(a, b)) + 0).toBe(want);
    expect(Math.sign(goScheme.compare(b, a)) + 0).toBe(0 - want);
  });

  it.each(invalid.map((v) => [v]))('rejects %j with VERSION_INVALID', (v) => {
    expect(goScheme.isValid(v)).toBe(false);
    let thrown: unknown;
    try {
      goScheme.compare(v, v);
    } catch (err) {
      thrown = err;
    }
    expect(isVigiaError(thrown, 'VERSION_INVALID')).toBe(true);
    expect(String((thrown as Error).message)).toContain('go version');
  });
});
