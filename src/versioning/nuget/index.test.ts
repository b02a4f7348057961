import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../../core/errors.js';
import { nugetScheme } from './index.js';

// NuGet.Versioning rules (VersionComparer.Default, NuGetVersion.TryParse); more vectors from NuGet.Client's tests in fixtures/upstream.tsv.
const ordered: [string, string, number][] = [
  ['1.0.0', '1.0', 0],
  ['1.0.0.0', '1', 0],
  ['1.0.0.1', '1.0.0', 1],
  ['1.0.0-alpha', '1.0.0', -1],
  ['1.0.0-ALPHA', '1.0.0-alpha', 0],
  ['1.0.0-alpha.2', '1.0.0-alpha.10', -1],
  ['1.0.0+meta', '1.0.0', 0],
  ['1.0.0-1', '1.0.0-a', -1],
  ['01.2.3', '1.2.3', 0],
  ['1.0.0.1-beta', '1.0.0.1', -1],
  ['1.0.0.1-beta', '1.0.0', 1],
];

const invalid = ['1.2.3.4.5', '1.0.0-01', '1beta', '1.0.0-', 'v1.0.0', '2147483648.0', '1.0.0-a_b'];

describe('nuget scheme', () => {
  it.each(ordered)('%s vs %s -> %i', (a, b, want) => {
    expect(Math.sign(nugetScheme.compare(a, b)) + 0).toBe(want);
    expect(Math.sign(nugetScheme.compare(b, a)) + 0).toBe(0 - want);
  });

  it.each(invalid.map((v) => [v]))('rejects %j with VERSION_INVALID', (v) => {
    expect(nugetScheme.isValid(v)).toBe(false);
    let thrown: unknown;
    try {
      nugetScheme.compare(v, v);
    } catch (err) {
      thrown = err;
    }
    expect(isVigiaError(thrown, 'VERSION_INVALID')).toBe(true);
    expect(String((thrown as Error).message)).toContain('nuget version');
  });
});
