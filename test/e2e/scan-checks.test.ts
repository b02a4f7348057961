import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigia } from '../../src/test-support/cli.js';
import { fixtureImage, tempDir } from '../../src/test-support/fixtures.js';
import { fixtureStoreCacheDir } from '../../src/test-support/store.js';
import type { MisconfigFinding, ScanReport, SecretFinding } from '../../src/report/types.js';

const ARCHIVE = fixtureImage('debian-node-app.oci.tar');

describe('scan: secrets and misconfigurations on the real fixtures', () => {
  let store: { path: string; cleanup: () => void };
  let work: { path: string; cleanup: () => void };
  let report: ScanReport;

  beforeAll(async () => {
    store = fixtureStoreCacheDir();
    work = tempDir();
    const dockerfile = join(work.path, 'Dockerfile');
    writeFileSync(
      dockerfile,
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y nodejs\nCOPY app/ /app/\n',
    );
    const r = await runVigia(
      [
        'scan',
        `${ARCHIVE}:node-app`,
        '--format',
        'json',
        '--scanners',
        'secret,misconfig',
        '--dockerfile',
        dockerfile,
      ],
      { env: { VIGIA_CACHE_DIR: store.path } },
    );
    expect(r.stderr).toBe('');
    report = JSON.parse(r.stdout) as ScanReport;
  }, 120_000);
  afterAll(() => {
    store?.cleanup();
    work?.cleanup();
  });

  const secrets = () => report.findings.filter((f): f is SecretFinding => f.kind === 'secret');
  const misconfigs = () => report.findings.filter((f): f is MisconfigFinding => f.kind === 'misconfig');

  it('finds the AWS key pair in /app/.env of layer 4, deleted in layer 5 but still shipped', () => {
    const env = secrets().filter((s) => s.path === '/app/.env');
    expect(env.map((s) => s.ruleId).sort()).toEqual(['aws-access-key-id', 'aws-secret-access-key']);
    for (const s of env) {
      expect(s.visibility).toBe('deleted');
      expect(s.layer?.index).toBe(3);
      expect(s.layer?.createdBy).toMatch(/COPY secrets/);
    }
  });

  it('finds the private key that stays in the final file system', () => {
    const key = secrets().find((s) => s.path === '/root/.ssh/id_rsa');
    expect(key).toMatchObject({ ruleId: 'private-key', visibility: 'visible', line: 1 });
    expect(key?.layer?.index).toBe(3);
  });

  it('finds DB_PASSWORD in the config and the history, redacted', () => {
    const config = secrets().filter((s) => s.visibility === 'config');
    expect(config.map((s) => s.path).sort()).toEqual(expect.arrayContaining(['config:Env[1]']));
    expect(config.some((s) => s.path.startsWith('history['))).toBe(true);
    for (const s of secrets()) expect(s.redacted).not.toContain('hunter2');
    expect(JSON.stringify(report)).not.toContain('hunter2');
  });

  it('reports root, port 22, no healthcheck and the Dockerfile problems with their lines', () => {
    const ids = misconfigs().map((m) => m.checkId);
    expect(ids).toEqual(expect.arrayContaining(['VIG-IMG-001', 'VIG-IMG-002', 'VIG-IMG-004']));
    expect(ids).not.toContain('VIG-IMG-012');
    const df = misconfigs().filter((m) => m.source === 'dockerfile');
    expect(df.find((m) => m.checkId === 'VIG-DF-002')?.line).toBe(1);
    expect(df.find((m) => m.checkId === 'VIG-DF-007')?.line).toBe(2);
  });

  it('finds no secrets in the Alpine fixtures', async () => {
    for (const image of ['alpine-310.tar.gz', 'alpine-311.tar.gz']) {
      const r = await runVigia(['scan', fixtureImage(image), '--format', 'json', '--scanners', 'secret'], {
        env: { VIGIA_CACHE_DIR: store.path },
      });
      const alpine = JSON.parse(r.stdout) as ScanReport;
      expect(alpine.findings.filter((f) => f.kind === 'secret')).toEqual([]);
    }
  }, 60_000);
});
