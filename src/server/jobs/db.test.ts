import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/fixtures.js';
import { fixtureStoreCacheDir } from '../../test-support/store.js';
import type { ScanReport } from '../../report/types.js';
import { StoreHandle } from '../advisory-store.js';
import { ScanDb, scanDbPath } from './db.js';
import { INTERRUPTED, ScanService } from './service.js';
import type { ScanInput } from './types.js';

const dirs: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup();
});
function dir(): string {
  const d = tempDir('vigia-scandb-');
  dirs.push(d);
  return d.path;
}

const api = (image: string): ScanInput => ({ kind: 'api', image });
const harbor = (credentials: boolean): ScanInput => ({
  kind: 'harbor',
  reference: '127.0.0.1:1/repo@sha256:' + 'a'.repeat(64),
  plainHttp: true,
  artifact: { repository: 'repo', digest: 'sha256:' + 'a'.repeat(64) },
  registryUrl: 'http://127.0.0.1:1',
  credentials,
});

describe('ScanDb', () => {
  it('stores jobs and gzip-compressed reports, newest first', () => {
    const cacheDir = dir();
    const db = ScanDb.open(cacheDir);
    db.insert({ id: 'a', image: 'x:1', input: api('x:1'), createdAt: '2026-01-01T00:00:00Z' });
    db.insert({ id: 'b', image: 'y:1', input: api('y:1'), createdAt: '2026-01-01T00:00:00Z' });
    db.markRunning('a', '2026-01-01T00:00:01Z');
    const report = { createdAt: 'r', findings: [], note: 'é'.repeat(1000) } as unknown as ScanReport;
    db.markDone('a', '2026-01-01T00:00:02Z', report, {
      verdict: 'pass',
      grade: 'A',
      score: 99,
      vulnerabilities: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 },
      packages: 3,
      secrets: 0,
      misconfigs: 0,
    });
    db.markFailed('b', '2026-01-01T00:00:03Z', { code: 'IMAGE_NOT_FOUND', message: 'gone' });
    expect(db.recent(10).map((j) => [j.id, j.status])).toEqual([
      ['b', 'failed'],
      ['a', 'done'],
    ]);
    expect(db.get('a')).toMatchObject({
      status: 'done',
      startedAt: '2026-01-01T00:00:01Z',
      summary: { grade: 'A' },
    });
    expect(db.get('b')?.error).toEqual({ code: 'IMAGE_NOT_FOUND', message: 'gone' });
    expect(db.report('a')).toEqual(report);
    expect(db.report('b')).toBeUndefined();
    db.close();

    const raw = new Database(scanDbPath(cacheDir), { readonly: true });
    const blob = raw.prepare("SELECT report FROM scans WHERE id = 'a'").pluck().get() as Buffer;
    raw.close();
    expect([blob[0], blob[1]]).toEqual([0x1f, 0x8b]);
    expect(JSON.parse(gunzipSync(blob).toString('utf8'))).toEqual(report);
    expect(blob.length).toBeLessThan(JSON.stringify(report).length / 5);
  });

  it('refuses a second server on the same cache directory', () => {
    const cacheDir = dir();
    const first = ScanDb.open(cacheDir);
    try {
      expect(() => ScanDb.open(cacheDir)).toThrow(/scans\.db is in use by another vigia serve/);
    } finally {
      first.close();
    }
    ScanDb.open(cacheDir).close();
  });

  it('refuses a file that is not a scan database, naming it', () => {
    const cacheDir = dir();
    mkdirSync(join(cacheDir, 'serve'));
    writeFileSync(scanDbPath(cacheDir), 'this is not sqlite'.repeat(100));
    expect(() => ScanDb.open(cacheDir)).toThrow(/scans\.db is not a readable scan database .*move it away/);
    expect(readFileSync(scanDbPath(cacheDir), 'utf8')).toContain('this is not sqlite');
  });
});

describe('ScanService.recover', () => {
  it('fails what was running, requeues what waited, except Harbor jobs whose credentials were in memory', async () => {
    const store = fixtureStoreCacheDir();
    dirs.push(store);
    const db = ScanDb.open(store.path);
    const jobs: [string, ScanInput, boolean][] = [
      ['running', api('127.0.0.1:1/a:1'), true],
      ['queued-api', api('127.0.0.1:1/b:1'), false],
      ['queued-harbor-creds', harbor(true), false],
      ['queued-harbor-anon', harbor(false), false],
    ];
    for (const [id, input, running] of jobs) {
      db.insert({ id, image: id, input, createdAt: '2026-01-01T00:00:00Z' });
      if (running) db.markRunning(id, '2026-01-01T00:00:01Z');
    }
    const handle = StoreHandle.open(store.path, 1000);
    const service = new ScanService(
      db,
      { store: handle, toolVersion: 't', registry: { timeoutMs: 1000 }, env: {}, allowLocal: false },
      { maxConcurrent: 1, queueLimit: 5 },
      () => {},
    );
    expect(service.recover()).toEqual({ requeued: 2, interrupted: 2 });
    expect(db.get('running')).toMatchObject({ status: 'failed', error: { code: INTERRUPTED } });
    expect(db.get('queued-harbor-creds')).toMatchObject({ status: 'failed', error: { code: INTERRUPTED } });
    expect(db.get('queued-harbor-creds')?.error?.message).toMatch(/credentials are kept in memory only/);
    expect(['queued', 'running']).toContain(db.get('queued-api')?.status);
    expect(['queued', 'running']).toContain(db.get('queued-harbor-anon')?.status);
    await new Promise<void>((resolve) => {
      const poll = () =>
        service.stats().running + service.stats().queued === 0 ? resolve() : setTimeout(poll, 50);
      poll();
    });
    expect(db.get('queued-api')).toMatchObject({ status: 'failed', error: { code: 'REGISTRY_UNREACHABLE' } });
    await service.stop();
    db.close();
    handle.close();
  }, 60_000);
});
