import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigia } from '../../src/test-support/cli.js';
import { fixtureImage, tempDir } from '../../src/test-support/fixtures.js';
import { fixtureStoreCacheDir } from '../../src/test-support/store.js';
import type { ScanReport } from '../../src/report/types.js';

const NODE_APP = `${fixtureImage('debian-node-app.oci.tar')}:node-app`;
const PIN = ['--timestamp', '2026-11-29T00:00:00Z'];

describe('vigia scan: the CI contract', () => {
  let store: { path: string; cleanup: () => void };
  let work: { path: string; cleanup: () => void };
  const env = () => ({ VIGIA_CACHE_DIR: store.path });

  beforeAll(() => {
    store = fixtureStoreCacheDir();
    work = tempDir();
  });
  afterAll(() => {
    store?.cleanup();
    work?.cleanup();
  });

  it('is deterministic: cold and warm layer cache give byte-identical JSON', async () => {
    const args = ['scan', NODE_APP, '--format', 'json', '--skip-db-update', ...PIN];
    const cold = await runVigia(args, { env: env() });
    const warm = await runVigia(args, { env: env() });
    const uncached = await runVigia([...args, '--no-cache'], { env: env() });
    expect(cold.status).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
    expect(uncached.stdout).toBe(cold.stdout);
    const report = JSON.parse(cold.stdout) as ScanReport;
    expect(report.createdAt).toBe('2026-11-29T00:00:00.000Z');
  }, 120_000);

  it('exits 1 when --fail-on is hit and 0 when nothing reaches it', async () => {
    const hit = await runVigia(['scan', NODE_APP, '--skip-db-update', '--fail-on', 'HIGH', '-q'], {
      env: env(),
    });
    expect(hit.status).toBe(1);
    expect(hit.stdout).toMatch(/Verdict: FAIL/);
    const clean = await runVigia(
      [
        'scan',
        fixtureImage('alpine-310.tar.gz'),
        '--skip-db-update',
        '--scanners',
        'vuln,secret',
        '--fail-on',
        'LOW',
        '-q',
      ],
      { env: env() },
    );
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/Verdict: PASS/);
  }, 120_000);

  it('filters by severity and fix availability, and honours an ignore file with expiry', async () => {
    const ignore = join(work.path, 'ignore.yaml');
    writeFileSync(
      ignore,
      [
        'vulnerabilities:',
        '  - id: CVE-2020-8203',
        '    package: lodash',
        '    reason: not reachable from our code',
        '  - id: CVE-2021-44906',
        '    reason: accepted until fixed upstream',
        '    expires: 2020-01-01',
      ].join('\n'),
    );
    const r = await runVigia(
      [
        'scan',
        NODE_APP,
        '--skip-db-update',
        '--format',
        'json',
        '--ignorefile',
        ignore,
        '--severity',
        'CRITICAL,HIGH',
        ...PIN,
      ],
      { env: env() },
    );
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as ScanReport;
    expect(report.findings.every((f) => f.severity === 'CRITICAL' || f.severity === 'HIGH')).toBe(true);
    const lodash = report.findings.find((f) => f.kind === 'vulnerability' && f.id === 'CVE-2020-8203');
    expect(lodash?.suppressed).toMatchObject({ kind: 'ignore-file', reason: 'not reachable from our code' });
    const minimist = report.findings.find((f) => f.kind === 'vulnerability' && f.id === 'CVE-2021-44906');
    expect(minimist?.suppressed).toBeUndefined();
    expect(report.warnings.map((w) => w.code)).toContain('ignore-expired');
  }, 120_000);

  it('suppresses findings with an OpenVEX not_affected statement, visibly', async () => {
    const vex = join(work.path, 'vex.json');
    writeFileSync(
      vex,
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': 'https://example.com/vex/1',
        author: 'security@example.com',
        timestamp: '2026-11-01T00:00:00Z',
        version: 1,
        statements: [
          {
            vulnerability: { name: 'CVE-2022-24999' },
            products: [{ '@id': 'pkg:npm/qs@6.7.0' }],
            status: 'not_affected',
            justification: 'vulnerable_code_not_in_execute_path',
          },
        ],
      }),
    );
    const r = await runVigia(
      ['scan', NODE_APP, '--skip-db-update', '--format', 'json', '--vex', vex, ...PIN],
      {
        env: env(),
      },
    );
    const report = JSON.parse(r.stdout) as ScanReport;
    const qs = report.findings.find((f) => f.kind === 'vulnerability' && f.id === 'CVE-2022-24999');
    expect(qs?.suppressed).toMatchObject({
      kind: 'vex',
      reason: 'not_affected: vulnerable_code_not_in_execute_path',
    });
    expect(report.summary.suppressed).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('ignores unfixed vulnerabilities with --ignore-unfixed', async () => {
    const r = await runVigia(
      ['scan', NODE_APP, '--skip-db-update', '--format', 'json', '--ignore-unfixed', ...PIN],
      {
        env: env(),
      },
    );
    const report = JSON.parse(r.stdout) as ScanReport;
    expect(report.findings.filter((f) => f.kind === 'vulnerability' && !f.fixedVersion)).toEqual([]);
  }, 120_000);

  it('fails clearly, with documented statuses, on a missing store, bad flags and bad input', async () => {
    const empty = tempDir();
    try {
      const noDb = await runVigia(['scan', NODE_APP, '--skip-db-update'], {
        env: { VIGIA_CACHE_DIR: empty.path },
      });
      expect(noDb.status).toBe(5);
      expect(noDb.stderr).toMatch(/^vigia: error: .*vigia db update/);
      const badFlag = await runVigia(['scan', NODE_APP, '--severity', 'SEVERE'], { env: env() });
      expect(badFlag.status).toBe(2);
      expect(badFlag.stderr).toMatch(/^vigia: error: --severity SEVERE/);
      const notImage = join(empty.path, 'not-an-image.tar');
      writeFileSync(notImage, 'hello');
      const bad = await runVigia(['scan', notImage, '--skip-db-update'], { env: env() });
      expect(bad.status).toBe(3);
      expect(bad.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      // A layer that fails midway leaves no cache entry behind: the next run still fails.
      mkdirSync(join(empty.path, 'img'));
      copyFileSync(fixtureImage('alpine-310.tar.gz'), join(empty.path, 'img', 'a.tar.gz'));
      const bytes = readFileSync(join(empty.path, 'img', 'a.tar.gz'));
      writeFileSync(join(empty.path, 'img', 'a.tar.gz'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      for (let i = 0; i < 2; i++) {
        const t = await runVigia(['scan', join(empty.path, 'img', 'a.tar.gz'), '--skip-db-update'], {
          env: env(),
        });
        expect(t.status).toBe(3);
        expect(t.stderr).not.toMatch(/\n\s+at /);
      }
    } finally {
      empty.cleanup();
    }
  }, 120_000);
});
