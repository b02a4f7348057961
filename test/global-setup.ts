import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixtureStore } from '../src/test-support/feed-server.js';

/**
 * Once per test run: build the advisory store from the real fixture feeds, through the real
 * download path (a local HTTP server serving ../shared/fixtures/advisories). Tests copy it with
 * `fixtureStoreCacheDir()` (src/test-support/store.ts) instead of each building their own.
 */
export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-fixture-store-'));
  await buildFixtureStore(dir);
  process.env.VIGIA_TEST_STORE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
