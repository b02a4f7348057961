import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/fixtures.js';
import {
  ADVISORY_FIXTURES,
  fixtureDbSettings,
  makeZip,
  startFeedServer,
  type FeedServer,
} from '../test-support/feed-server.js';
import type { DbSettings } from './config.js';
import { AdvisoryStore, defaultDbDir } from './store.js';
import { updateStore } from './update.js';

/**
 * Bad feeds and bad servers, each through the real download path against a real server. Every
 * failure must name the URL and leave the previous store readable and unchanged.
 */
let server: FeedServer;
let tmp: ReturnType<typeof tempDir>;
let dbDir: string;
let settings: DbSettings;
const NPM = '/osv/npm/all.zip';

beforeAll(async () => {
  server = await startFeedServer();
  tmp = tempDir('vigia-bad-');
  dbDir = defaultDbDir(tmp.path);
  const all = fixtureDbSettings(server);
  settings = {
    ...all,
    osv: { ...all.osv, ecosystems: ['npm', 'crates.io'] },
    alpineSecdb: { ...all.alpineSecdb, releases: ['v3.10'], repos: ['main'] },
    timeoutSeconds: 1,
    retries: 1,
  };
  await updateStore({ dbDir, settings });
});

afterEach(() => server.reset());

afterAll(async () => {
  await server?.close();
  tmp?.cleanup();
});

/** The previous store is still there, readable, with its npm data; no temp file is left. */
function expectPreviousStoreIntact(): void {
  const store = AdvisoryStore.open(dbDir);
  try {
    expect(store.advisoriesFor('npm', 'lodash').map((a) => a.id)).toContain('GHSA-p6mc-m468-83gw');
    expect(store.metadata().sources.find((s) => s.id === 'osv:npm')?.records).toBe(640);
  } finally {
    store.close();
  }
  expect(readdirSync(dbDir).sort()).toEqual(['vigia.db']);
}

const osvRecord = (id: string, ranges: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    modified: '2024-01-02T03:04:05Z',
    affected: [{ package: { ecosystem: 'npm', name: `pkg-${id.toLowerCase()}` }, ranges }],
    ...extra,
  });

describe('db update with bad input', () => {
  it('a truncated zip is FEED_INVALID naming the URL', async () => {
    server.truncate(NPM, 200_000);
    await expect(updateStore({ dbDir, settings })).rejects.toMatchObject({
      code: 'FEED_INVALID',
      message: expect.stringMatching(new RegExp(`^${server.osvUrl}/npm/all\\.zip: not a valid zip file \\(`)),
    });
    expectPreviousStoreIntact();
  });

  it('bad records are counted and named, the rest imports', async () => {
    server.override(
      NPM,
      makeZip({
        'GOOD-1.json': osvRecord('GOOD-1', [
          { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.3' }] },
        ]),
        'BROKEN-1.json': '{"id": "BROKEN-1", "modified": ',
        'NOID-1.json': JSON.stringify({ modified: '2024-01-01T00:00:00Z' }),
        'BADEVENT-1.json': osvRecord('BADEVENT-1', [
          { type: 'SEMVER', events: [{ introduced: '0', fixed: '1' }] },
        ]),
        'GIT-1.json': osvRecord('GIT-1', [{ type: 'GIT', repo: 'https://x', events: [{ introduced: '0' }] }]),
        'MIXED-1.json': osvRecord('MIXED-1', [
          { type: 'GIT', repo: 'https://x', events: [{ introduced: 'abc' }] },
          { type: 'ECOSYSTEM', events: [{ introduced: '1.0.0' }, { last_affected: '1.4.0' }] },
        ]),
        'GONE-1.json': osvRecord('GONE-1', [{ type: 'SEMVER', events: [{ introduced: '0' }] }], {
          withdrawn: '2024-02-01T00:00:00Z',
        }),
      }),
    );
    const report = await updateStore({ dbDir, settings });
    const npm = report.feeds.find((f) => f.feed === 'osv:npm');
    expect(npm).toMatchObject({ status: 'imported', records: 2, withdrawn: 1, skippedRanges: { GIT: 2 } });
    expect(npm?.invalid.map((p) => p.name)).toEqual(['BROKEN-1.json', 'NOID-1.json', 'BADEVENT-1.json']);
    expect(npm?.invalid[0]?.reason).toMatch(/^invalid JSON/);
    expect(npm?.invalid[1]?.reason).toMatch(/^not a valid OSV record: id: /);
    expect(npm?.invalid[2]?.reason).toMatch(/exactly one of introduced, fixed, last_affected, limit/);
    expect(npm?.unusable).toEqual([
      { name: 'GIT-1 npm/pkg-git-1', reason: 'only ranges of unsupported types and no versions' },
      { name: 'GIT-1', reason: 'no affected package vigia can match' },
    ]);
    const store = AdvisoryStore.open(dbDir);
    try {
      expect(store.advisoriesFor('npm', 'pkg-mixed-1')[0]?.affected[0]?.ranges).toEqual([
        { type: 'ECOSYSTEM', events: [{ introduced: '1.0.0' }, { last_affected: '1.4.0' }] },
      ]);
      expect(store.advisoriesFor('npm', 'pkg-good-1').map((a) => a.id)).toEqual(['GOOD-1']);
      expect(store.advisoriesFor('npm', 'lodash')).toEqual([]);
    } finally {
      store.close();
    }
    // Put the real feed back for the other tests.
    server.reset();
    await updateStore({ dbDir, settings });
    expectPreviousStoreIntact();
  });

  it('a server that answers 500 then 200 is retried with backoff', async () => {
    server.override(
      NPM,
      makeZip({ 'ONLY-1.json': osvRecord('ONLY-1', [{ type: 'SEMVER', events: [{ introduced: '0' }] }]) }),
    );
    server.failNext(1, { path: NPM });
    const seen = server.requests.length;
    const report = await updateStore({ dbDir, settings });
    expect(report.feeds.find((f) => f.feed === 'osv:npm')?.records).toBe(1);
    expect(
      server.requests
        .slice(seen)
        .filter((r) => r.path === NPM)
        .map((r) => r.status),
    ).toEqual([500, 200]);
    server.reset();
    await updateStore({ dbDir, settings });
    expectPreviousStoreIntact();
  });

  it('a server that keeps failing is FEED_UNAVAILABLE after the retries', async () => {
    server.failNext(10, { path: NPM, status: 503 });
    await expect(updateStore({ dbDir, settings })).rejects.toMatchObject({
      code: 'FEED_UNAVAILABLE',
      message: `${server.osvUrl}/npm/all.zip: HTTP 503 Service Unavailable (after 2 attempts)`,
    });
    expectPreviousStoreIntact();
  });

  it('a 404 is not retried', async () => {
    const seen = server.requests.length;
    await expect(
      updateStore({ dbDir, settings: { ...settings, osv: { ...settings.osv, ecosystems: ['NoSuchEco'] } } }),
    ).rejects.toMatchObject({
      code: 'FEED_UNAVAILABLE',
      message: `${server.osvUrl}/NoSuchEco/all.zip: HTTP 404 Not Found`,
    });
    expect(server.requests.slice(seen).filter((r) => r.status === 404)).toHaveLength(1);
    expectPreviousStoreIntact();
  });

  it('a server that stalls before answering times out', async () => {
    server.stall(NPM);
    await expect(updateStore({ dbDir, settings })).rejects.toMatchObject({
      code: 'FEED_UNAVAILABLE',
      message: `${server.osvUrl}/npm/all.zip: no data for 1 s (timed out) (after 2 attempts)`,
    });
    expectPreviousStoreIntact();
  });

  it('a server that stalls in the middle of the body times out too', async () => {
    server.override(
      NPM,
      makeZip({ 'A.json': osvRecord('A', [{ type: 'SEMVER', events: [{ introduced: '0' }] }]) }),
    );
    server.stall(NPM, { afterBytes: 100 });
    await expect(updateStore({ dbDir, settings })).rejects.toMatchObject({
      code: 'FEED_UNAVAILABLE',
      message: `${server.osvUrl}/npm/all.zip: no data for 1 s (timed out) (after 2 attempts)`,
    });
    expectPreviousStoreIntact();
  });

  it('a connection cut short of Content-Length fails after the retries', async () => {
    // A changed file (so not a 304), then the connection drops after 50 kB of its 750 kB.
    server.override(NPM, readFileSync(join(ADVISORY_FIXTURES, 'osv/Maven/all.zip')));
    server.cutConnection(NPM, 50_000);
    await expect(updateStore({ dbDir, settings })).rejects.toMatchObject({
      code: 'FEED_UNAVAILABLE',
      message: `${server.osvUrl}/npm/all.zip: UND_ERR_SOCKET (other side closed) (after 2 attempts)`,
    });
    expectPreviousStoreIntact();
  });

  it('an x-goog-hash md5 mismatch is FEED_INVALID', async () => {
    server.override(
      NPM,
      makeZip({ 'B.json': osvRecord('B', [{ type: 'SEMVER', events: [{ introduced: '0' }] }]) }),
    );
    server.googHash = 'wrong';
    await expect(updateStore({ dbDir, settings })).rejects.toMatchObject({
      code: 'FEED_INVALID',
      message: expect.stringMatching(
        new RegExp(
          `^${server.osvUrl}/npm/all\\.zip: checksum mismatch: x-goog-hash md5=\\S+, received md5=\\S+ \\(after 2 attempts\\)$`,
        ),
      ),
    });
    expectPreviousStoreIntact();
  });

  it('a secdb file that is not secdb JSON is FEED_INVALID', async () => {
    server.override(
      '/alpine-secdb/v3.10/main.json',
      Buffer.from('{"distroversion": "v3.10", "packages": [}'),
    );
    await expect(updateStore({ dbDir, settings })).rejects.toMatchObject({
      code: 'FEED_INVALID',
      message: expect.stringMatching(new RegExp(`^${server.secdbUrl}/v3\\.10/main\\.json: invalid JSON`)),
    });
    server.override(
      '/alpine-secdb/v3.10/main.json',
      Buffer.from('{"distroversion": "3.10", "reponame": "main", "packages": []}'),
    );
    await expect(updateStore({ dbDir, settings })).rejects.toMatchObject({
      code: 'FEED_INVALID',
      message: `${server.secdbUrl}/v3.10/main.json: not an Alpine secdb file: distroversion: expected a release like v3.10 or edge`,
    });
    expectPreviousStoreIntact();
  });

  it('a second update waits for the lock and fails with DB_LOCKED', async () => {
    server.stall(NPM);
    const slow = updateStore({ dbDir, settings: { ...settings, timeoutSeconds: 3, retries: 0 } });
    await new Promise((r) => setTimeout(r, 300));
    await expect(updateStore({ dbDir, settings, lockTimeoutMs: 500 })).rejects.toMatchObject({
      code: 'DB_LOCKED',
      message: expect.stringMatching(
        /update\.lock is held by another vigia db update\/import \(pid \d+ on .+, since .+\); waited 1 s/,
      ),
    });
    await expect(slow).rejects.toMatchObject({ code: 'FEED_UNAVAILABLE' });
    expectPreviousStoreIntact();
  });
});
