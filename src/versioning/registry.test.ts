import { describe, expect, it } from 'vitest';
import { ECOSYSTEMS } from '../core/ecosystems.js';
import { isVigiaError } from '../core/errors.js';
import { getScheme, isSchemeId, schemes } from './registry.js';

describe('scheme registry', () => {
  it('has a scheme for every ecosystem of the ecosystem table', () => {
    for (const row of Object.values(ECOSYSTEMS)) {
      expect(isSchemeId(row.scheme), row.id).toBe(true);
      expect(getScheme(row.scheme).id).toBe(row.scheme);
    }
  });

  it.each(['', 'gem', 'SEMVER', 'npm', 'toString', '__proto__'])(
    'refuses unknown id %j with INTERNAL, never falls back',
    (id) => {
      let thrown: unknown;
      try {
        getScheme(id);
      } catch (err) {
        thrown = err;
      }
      expect(isVigiaError(thrown, 'INTERNAL')).toBe(true);
    },
  );

  it('lists ten schemes', () => {
    expect(Object.keys(schemes)).toHaveLength(10);
  });
});
