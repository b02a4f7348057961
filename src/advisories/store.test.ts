import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/fixtures.js';
import { ADVISORY_FIXTURES } from '../test-support/feed-server.js';
import { importPath } from './import-path.js';
import { AdvisoryStore, defaultDbDir } from './store.js';

let tmp: ReturnType<typeof tempDir>;
let dbDir: string;

/** Two OSV directories holding the same id with different `modified` (two feeds, two sources). */
function osvDir(name: string, modified: string, summary: string): string {
  const dir = join(tmp.path, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'GHSA-dupe-dupe-dupe.json'),
    JSON.stringify({
      id: 'GHSA-dupe-dupe-dupe',
      modified,
      summary,
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'Some_Pkg' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }],
        },
      ],
    }),
  );
  return dir;
}

beforeAll(async () => {
  tmp = tempDir('vigia-store-');
  dbDir = defaultDbDir(tmp.path);
  await importPath(join(ADVISORY_FIXTURES, 'osv/crates.io/all.zip'), { dbDir });
  await importPath(osvDir('old', '2023-01-01T00:00:00Z', 'old text'), { dbDir });
  await importPath(osvDir('new', '2024-01-01T00:00:00Z', 'new text'), { dbDir });
});
afterAll(() => tmp.cleanup());

describe('AdvisoryStore', () => {
  it('normalises names on lookup as on import (crates.io `_` = `-`, PyPI PEP 503)', () => {
    const store = AdvisoryStore.open(dbDir);
    try {
      const ids = ['GHSA-mc8h-8q98-g5hr', 'RUSTSEC-2023-0018'];
      expect(store.advisoriesFor('crates.io', 'remove_dir_all').map((a) => a.id)).toEqual(ids);
      expect(store.advisoriesFor('crates.io', 'Remove-Dir-All').map((a) => a.id)).toEqual(ids);
      expect(store.advisoriesFor('PyPI', 'some.pkg').map((a) => a.id)).toEqual(['GHSA-dupe-dupe-dupe']);
      expect(store.advisoriesFor('crates.io', 'no-such-crate')).toEqual([]);
      expect(store.advisoriesFor('npm', 'remove_dir_all')).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('returns one advisory per id when two feeds carry it: the newest', () => {
    const store = AdvisoryStore.open(dbDir);
    try {
      const found = store.advisoriesFor('PyPI', 'some-pkg');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ summary: 'new text', modified: '2024-01-01T00:00:00Z' });
      expect(found[0]?.affected).toHaveLength(1);
    } finally {
      store.close();
    }
  });

  it('hands out fresh objects: changing one answer does not change the next', () => {
    const store = AdvisoryStore.open(dbDir);
    try {
      const [adv] = store.advisoriesFor('crates.io', 'time');
      adv!.aliases.push('X-1');
      adv!.affected[0]!.name = 'changed';
      const [again] = store.advisoriesFor('crates.io', 'time');
      expect(again).not.toBe(adv);
      expect(again!.aliases).not.toContain('X-1');
      expect(again!.affected[0]!.name).toBe('time');
    } finally {
      store.close();
    }
  });

  it('a missing store is DB_MISSING saying how to get one', () => {
    expect(() => AdvisoryStore.open(join(tmp.path, 'nowhere'))).toThrow(
      expect.objectContaining({
        code: 'DB_MISSING',
        message: `no advisory database at ${join(tmp.path, 'nowhere', 'vigia.db')}: run \`vigia db update\` (online) or \`vigia db import FILE\` (offline)`,
      }),
    );
  });

  it.each([
    [
      'garbage',
      (p: string) => writeFileSync(p, 'hello, not a database at all'),
      /is not a readable vigia advisory database \(file is not a database\)/,
    ],
    [
      'another SQLite file',
      (p: string) => new Database(p).exec('CREATE TABLE t (x); CREATE TABLE meta (key, value)').close(),
      /is an SQLite file but not a vigia advisory database/,
    ],
  ])('%s is DB_CORRUPT', (_label, make, message) => {
    const dir = join(tmp.path, `bad-${_label.replace(/\W/g, '')}`);
    mkdirSync(dir, { recursive: true });
    make(join(dir, 'vigia.db'));
    expect(() => AdvisoryStore.open(dir)).toThrow(
      expect.objectContaining({ code: 'DB_CORRUPT', message: expect.stringMatching(message) }),
    );
  });

  it('a store of another schema version is refused', async () => {
    const other = defaultDbDir(join(tmp.path, 'other'));
    await importPath(join(ADVISORY_FIXTURES, 'osv/NuGet/all.zip'), { dbDir: other });
    const db = new Database(join(other, 'vigia.db'));
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    expect(() => AdvisoryStore.open(other)).toThrow(
      expect.objectContaining({
        code: 'DB_CORRUPT',
        message: expect.stringContaining('has store schema 99, this vigia reads schema 1'),
      }),
    );
  });
});
