import { copyFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/fixtures.js';
import { fixtureStoreCacheDir } from '../test-support/store.js';
import { StoreHandle } from './advisory-store.js';

const dirs: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup();
});

describe('StoreHandle', () => {
  it('never downloads: a missing store is DB_MISSING saying how to get one', () => {
    const empty = tempDir();
    dirs.push(empty);
    expect(() => StoreHandle.open(empty.path, 3)).toThrow(
      /no advisory database in .*vigia serve never downloads one; run `vigia db update`/,
    );
  });

  it('picks up a store replaced by `db update` and closes the old one after its last scan', () => {
    const cache = fixtureStoreCacheDir();
    dirs.push(cache);
    const file = join(cache.path, 'db', 'vigia.db');
    const handle = StoreHandle.open(cache.path, 100_000);
    const first = handle.lease(new Date());
    const again = handle.lease(new Date());
    expect(again.store).toBe(first.store);
    again.release();

    copyFileSync(file, `${file}.new`);
    renameSync(`${file}.new`, file);
    const second = handle.lease(new Date());
    expect(second.store).not.toBe(first.store);
    expect(second.store.metadata().builtAt).toBe(first.store.metadata().builtAt);
    expect(() => first.store.metadata()).not.toThrow();
    first.release();
    expect(() => first.store.metadata()).toThrow(/not open/);
    second.release();
    expect(() => second.store.metadata()).not.toThrow();
    handle.close();
  });

  it('adds a db-stale warning when the data is older than allowed', () => {
    const cache = fixtureStoreCacheDir();
    dirs.push(cache);
    const handle = StoreHandle.open(cache.path, 1);
    const lease = handle.lease(new Date(Date.now() + 3 * 86_400_000));
    expect(lease.warnings.map((w) => w.code)).toEqual(['db-stale']);
    lease.release();
    expect(handle.lease(new Date()).warnings).toEqual([]);
    handle.close();
  });
});
