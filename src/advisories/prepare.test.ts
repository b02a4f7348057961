import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/fixtures.js';
import { fixtureDbSettings, startFeedServer, type FeedServer } from '../test-support/feed-server.js';
import type { DbSettings } from './config.js';
import { prepareStore } from './prepare.js';

let server: FeedServer;
let tmp: ReturnType<typeof tempDir>;
let settings: DbSettings;

beforeAll(async () => {
  server = await startFeedServer();
  tmp = tempDir('vigia-prepare-');
  const all = fixtureDbSettings(server);
  settings = {
    ...all,
    osv: { ...all.osv, ecosystems: ['crates.io'] },
    alpineSecdb: { ...all.alpineSecdb, enabled: false },
  };
});
afterAll(async () => {
  await server?.close();
  tmp?.cleanup();
});

describe('the store for a scan', () => {
  it.each([
    [{ offline: true, skipDbUpdate: false }, '--offline'],
    [{ offline: false, skipDbUpdate: true }, '--skip-db-update'],
  ])('never downloads with %o: a missing store is DB_MISSING naming the flag', async (flags, flag) => {
    const seen = server.requests.length;
    await expect(prepareStore({ cacheDir: tmp.path, settings, ...flags })).rejects.toMatchObject({
      code: 'DB_MISSING',
      message: expect.stringContaining(`and ${flag} forbids downloading one: run \`vigia db update\``),
    });
    expect(server.requests.length).toBe(seen);
  });

  it('downloads a missing store when allowed, and says so', async () => {
    const { store, warnings } = await prepareStore({
      cacheDir: tmp.path,
      settings,
      offline: false,
      skipDbUpdate: false,
    });
    try {
      expect(warnings.map((w) => w.code)).toEqual(['db-updated']);
      expect(store.advisoriesFor('crates.io', 'smallvec').length).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  });

  it('uses a fresh store as it is, and a stale one with a warning when offline', async () => {
    const seen = server.requests.length;
    const fresh = await prepareStore({ cacheDir: tmp.path, settings, offline: false, skipDbUpdate: false });
    fresh.store.close();
    expect(fresh.warnings).toEqual([]);
    expect(server.requests.length).toBe(seen);
    const later = new Date(Date.now() + 10 * 86_400_000);
    const stale = await prepareStore({
      cacheDir: tmp.path,
      settings,
      offline: true,
      skipDbUpdate: false,
      now: later,
    });
    stale.store.close();
    expect(stale.warnings.map((w) => w.code)).toEqual(['db-stale']);
    expect(server.requests.length).toBe(seen);
  });
});
