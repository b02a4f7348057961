import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/fixtures.js';
import { ADVISORY_FIXTURES } from '../test-support/feed-server.js';
import { detectImport, importPath } from './import-path.js';
import { AdvisoryStore, defaultDbDir } from './store.js';
import { exportStore } from './store-file.js';

let tmp: ReturnType<typeof tempDir>;
let dbDir: string;
const fixture = (p: string) => join(ADVISORY_FIXTURES, p);

beforeAll(async () => {
  tmp = tempDir('vigia-import-');
  dbDir = defaultDbDir(tmp.path);
  for (const p of [
    'osv/npm/all.zip',
    'alpine-secdb/v3.11/main.json',
    'kev/known_exploited_vulnerabilities.json',
  ]) {
    await importPath(fixture(p), { dbDir });
  }
});
afterAll(() => tmp.cleanup());

function lookups(dir: string) {
  const s = AdvisoryStore.open(dir);
  try {
    return {
      lodash: s.advisoriesFor('npm', 'lodash').map((a) => a.id),
      openssl: s.advisoriesFor('Alpine:v3.11', 'openssl').map((a) => a.id),
      kev: s.knownExploited('CVE-2021-44228')?.dateAdded,
      sources: s.metadata().sources.map((x) => [x.id, x.records]),
    };
  } finally {
    s.close();
  }
}

describe('db import PATH (offline)', () => {
  it.each([
    ['osv/npm/all.zip', 'osv-zip'],
    ['osv', 'osv-dir'],
    ['alpine-secdb/v3.10/community.json', 'alpine-secdb'],
    ['kev/known_exploited_vulnerabilities.json', 'kev'],
  ])('detects %s as %s', (p, kind) => expect(detectImport(fixture(p)).kind).toBe(kind));

  it('names the feeds like db update does', () => {
    const { sources } = lookups(dbDir);
    expect(sources).toEqual([
      ['alpine-secdb:v3.11/main', expect.any(Number)],
      ['cisa-kev', 1404],
      ['osv:npm', 640],
    ]);
    const s = AdvisoryStore.open(dbDir);
    try {
      expect(s.hasEcosystem('npm')).toBe(true);
      expect(s.hasEcosystem('Alpine:v3.11')).toBe(true);
      expect(s.metadata().sources[2]?.url).toBe(`file://${fixture('osv/npm/all.zip')}`);
    } finally {
      s.close();
    }
  });

  it('imports a directory of OSV JSON and a single OSV JSON file as their own feeds', async () => {
    const dir = join(tmp.path, 'records');
    mkdirSync(dir);
    const rec = (id: string, name: string) =>
      JSON.stringify({
        id,
        modified: '2024-01-01T00:00:00Z',
        affected: [{ package: { ecosystem: 'Hex', name }, versions: ['1.0.0'] }],
      });
    writeFileSync(join(dir, 'A-1.json'), rec('A-1', 'plug'));
    writeFileSync(join(dir, 'broken.json'), '{');
    const other = defaultDbDir(join(tmp.path, 'dirs'));
    const r = await importPath(dir, { dbDir: other });
    expect(r.kind === 'feed' && r.report.feeds[0]).toMatchObject({
      feed: `osv-import:${dir}`,
      records: 1,
      invalid: [{ name: 'broken.json' }],
    });
    writeFileSync(join(tmp.path, 'B-1.json'), rec('B-1', 'phoenix'));
    await importPath(join(tmp.path, 'B-1.json'), { dbDir: other });
    const s = AdvisoryStore.open(other);
    try {
      expect(s.advisoriesFor('Hex', 'plug').map((a) => a.id)).toEqual(['A-1']);
      expect(s.advisoriesFor('Hex', 'phoenix').map((a) => a.id)).toEqual(['B-1']);
      expect(s.hasEcosystem('Hex')).toBe(true);
    } finally {
      s.close();
    }
  });

  it('refuses what it cannot import', () => {
    const junk = join(tmp.path, 'junk.txt');
    writeFileSync(junk, '{"hello": "world"}');
    expect(() => detectImport(junk)).toThrow(
      expect.objectContaining({
        code: 'FEED_INVALID',
        message: expect.stringContaining(`${junk}: not a feed vigia can import`),
      }),
    );
    expect(() => detectImport(join(tmp.path, 'nope.zip'))).toThrow(
      expect.objectContaining({ code: 'FILE_UNREADABLE' }),
    );
  });

  it('refuses a directory without OSV JSON files instead of importing nothing', async () => {
    const empty = join(tmp.path, 'empty-dir');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'no records here');
    await expect(importPath(empty, { dbDir })).rejects.toMatchObject({
      code: 'FEED_INVALID',
      message: `${empty}: no OSV JSON files (*.json) in this directory`,
    });
    expect(lookups(dbDir).lodash.length).toBeGreaterThan(0);
  });
});

describe('db export FILE / db import FILE (the whole store)', () => {
  it.each(['store.db', 'store.db.gz'])('round-trips through %s', async (name) => {
    const file = join(tmp.path, name);
    const { bytes } = await exportStore(dbDir, file);
    expect(bytes).toBeGreaterThan(1000);
    if (name.endsWith('.gz')) expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const target = defaultDbDir(join(tmp.path, `airgap-${name}`));
    const r = await importPath(file, { dbDir: target });
    expect(r).toMatchObject({ kind: 'store', sources: 3 });
    expect(lookups(target)).toEqual(lookups(dbDir));
    expect(readdirSync(target).sort()).toEqual(['vigia.db']);
  });

  it('refuses a truncated gzip, a non-vigia SQLite file and another schema; the store stays', async () => {
    const target = defaultDbDir(join(tmp.path, 'refuse'));
    await exportStore(dbDir, join(tmp.path, 'good.db'));
    await importPath(join(tmp.path, 'good.db'), { dbDir: target });
    const before = lookups(target);

    await exportStore(dbDir, join(tmp.path, 'whole.db.gz'));
    const gz = readFileSync(join(tmp.path, 'whole.db.gz'));
    writeFileSync(join(tmp.path, 'cut.db.gz'), gz.subarray(0, gz.length >> 1));
    await expect(importPath(join(tmp.path, 'cut.db.gz'), { dbDir: target })).rejects.toMatchObject({
      code: 'FEED_INVALID',
      message: expect.stringContaining(`${join(tmp.path, 'cut.db.gz')}: corrupt gzip stream`),
    });

    const foreign = join(tmp.path, 'foreign.db');
    new Database(foreign).exec('CREATE TABLE meta (key, value); CREATE TABLE x (y)').close();
    await expect(importPath(foreign, { dbDir: target })).rejects.toMatchObject({
      code: 'DB_CORRUPT',
      message: expect.stringContaining(`${foreign} is an SQLite file but not a vigia advisory database`),
    });

    const future = join(tmp.path, 'future.db');
    copyFileSync(join(tmp.path, 'good.db'), future);
    const db = new Database(future);
    db.prepare("UPDATE meta SET value = '2' WHERE key = 'schema_version'").run();
    db.close();
    await expect(importPath(future, { dbDir: target })).rejects.toMatchObject({
      code: 'DB_CORRUPT',
      message: expect.stringContaining(`${future} has store schema 2, this vigia reads schema 1`),
    });

    expect(lookups(target)).toEqual(before);
    expect(readdirSync(target).sort()).toEqual(['vigia.db']);
  });

  it('export without a store is DB_MISSING', async () => {
    await expect(exportStore(join(tmp.path, 'none'), join(tmp.path, 'x.db'))).rejects.toMatchObject({
      code: 'DB_MISSING',
    });
    rmSync(join(tmp.path, 'x.db'), { force: true });
  });
});
