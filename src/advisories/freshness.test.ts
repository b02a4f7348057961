import { describe, expect, it } from 'vitest';
import { dataAgeDays, ensureFreshEnough } from './freshness.js';
import type { DbMetadata } from './schema.js';

const meta = (builtAt: string, fetched: string[]): DbMetadata => ({
  path: '/c/db/vigia.db',
  schemaVersion: 1,
  builtAt,
  sources: fetched.map((f, i) => ({ id: `s${i}`, kind: 'osv', url: 'u', records: 1, fetchedAt: f })),
});

describe('store freshness', () => {
  const now = new Date('2025-03-10T12:00:00Z');
  it.each([
    [meta('2025-03-10T00:00:00Z', ['2025-03-10T00:00:00Z']), 3, false],
    [meta('2025-03-07T12:00:00Z', ['2025-03-07T12:00:00Z']), 3, false],
    [meta('2025-03-10T00:00:00Z', ['2025-03-10T00:00:00Z', '2025-03-01T00:00:00Z']), 3, true],
    [meta('2025-03-01T00:00:00Z', []), 3, true],
    [meta('2025-03-01T00:00:00Z', []), 10, false],
  ])('case %# (limit %i days) stale=%s', (m, limit, stale) => {
    expect(ensureFreshEnough(m, limit, now) !== undefined).toBe(stale);
  });

  it('says how old, the limit and what to run', () => {
    const w = ensureFreshEnough(meta('2025-03-06T12:00:00Z', ['2025-03-06T12:00:00Z']), 3, now);
    expect(w).toEqual({
      code: 'db-stale',
      message:
        'advisory database /c/db/vigia.db was last updated 2025-03-06T12:00:00.000Z (4.0 days ago, limit 3 days): run `vigia db update`',
    });
    expect(dataAgeDays(meta('2025-03-09T12:00:00Z', []), now)).toBe(1);
  });
});
