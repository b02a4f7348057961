import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigia } from '../test-support/cli.js';
import { FIXTURES } from '../test-support/fixtures.js';
import { fixtureStoreCacheDir } from '../test-support/store.js';
import { join } from 'node:path';
import { sampleReport } from './__golden__/sample-report.js';
import { validateReport } from './__golden__/validators.js';
import type { ScanReport } from './types.js';

/** `schemas/scan-report.schema.json` against what the real CLI writes. */
describe('schemas/scan-report.schema.json', () => {
  let store: { path: string; cleanup: () => void };
  const reports = new Map<string, ScanReport>();

  beforeAll(async () => {
    store = fixtureStoreCacheDir();
    for (const image of ['alpine-310.tar.gz', 'debian-node-app.oci.tar:node-app']) {
      const r = await runVigia(
        [
          'scan',
          image,
          '--format',
          'json',
          '--skip-db-update',
          '--timestamp',
          '2026-01-01T00:00:00Z',
          '--fail-on',
          'HIGH',
        ],
        { env: { VIGIA_CACHE_DIR: store.path }, cwd: join(FIXTURES, 'images') },
      );
      expect(r.stderr).toBe('');
      expect([0, 1]).toContain(r.status);
      reports.set(image, JSON.parse(r.stdout) as ScanReport);
    }
  }, 180_000);
  afterAll(() => store?.cleanup());

  it.each(['alpine-310.tar.gz', 'debian-node-app.oci.tar:node-app'])(
    'validates vigia scan %s --format json',
    (image) => {
      const report = reports.get(image)!;
      expect(validateReport(report)).toEqual([]);
    },
  );

  it('validates the hand-built sample report the format tests use', () => {
    expect(validateReport(sampleReport())).toEqual([]);
  });

  it('the real node-app report exercises findings of several kinds and a failing verdict', () => {
    const report = reports.get('debian-node-app.oci.tar:node-app')!;
    const kinds = new Set(report.findings.map((f) => f.kind));
    expect(kinds.has('vulnerability')).toBe(true);
    expect(kinds.has('secret')).toBe(true);
    expect(report.verdict.status).toBe('fail');
  });

  it.each([
    ['a missing required field', (r: Record<string, unknown>) => delete r.summary, /summary/],
    [
      'an unknown severity',
      (r: { findings: { severity: string }[] }) => (r.findings[0]!.severity = 'SEVERE'),
      /severity|oneOf/,
    ],
    ['an unknown top-level field', (r: Record<string, unknown>) => (r.extra = true), /additional/],
    ['a bad verdict status', (r: { verdict: { status: string } }) => (r.verdict.status = 'maybe'), /status/],
    [
      'a package without purl',
      (r: { packages: Record<string, unknown>[] }) => delete r.packages[0]!.purl,
      /purl/,
    ],
  ] as const)('rejects %s', (_name, mutate, pattern) => {
    const copy = structuredClone(reports.get('debian-node-app.oci.tar:node-app')!) as never;
    (mutate as (r: never) => unknown)(copy);
    expect(validateReport(copy).join('\n')).toMatch(pattern);
  });
});
