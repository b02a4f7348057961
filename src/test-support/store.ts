import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './fixtures.js';

/**
 * A fresh cache directory holding a copy of the advisory store built once per test run from the
 * fixture feeds (see test/global-setup.ts). Use it as `VIGIA_CACHE_DIR` or `--cache-dir`.
 */
export function fixtureStoreCacheDir(): { path: string; cleanup: () => void } {
  const shared = process.env.VIGIA_TEST_STORE_DIR;
  if (!shared || !existsSync(join(shared, 'db', 'vigia.db'))) {
    throw new Error('the fixture advisory store is missing: run tests through vitest (test/global-setup.ts)');
  }
  const dir = tempDir('vigia-store-');
  mkdirSync(join(dir.path, 'db'), { recursive: true });
  copyFileSync(join(shared, 'db', 'vigia.db'), join(dir.path, 'db', 'vigia.db'));
  return dir;
}
