import Database from 'better-sqlite3';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fileHeader } from '../../test-support/image-files.js';
import { buildBerkeleyDb, swapBerkeleyDb } from './__fixtures__/bdb-tools.js';
import { DBS } from './__fixtures__/dbs.js';
import { packageHeader } from './__fixtures__/header-builder.js';
import { rpmAnalyzer } from './analyzer.js';
import { readBerkeleyDb } from './bdb.js';
import { detectRpmDbFormat, readRpmDb } from './database.js';
import { adler32 } from './ndb.js';

function analyze(content: Buffer, path = '/var/lib/rpm/Packages') {
  const { facts, warnings } = rpmAnalyzer.analyze({ header: fileHeader(path, content), content });
  const packages = facts.flatMap((f) => (f.kind === 'packages' ? f.packages : []));
  return { facts, packages, warnings: warnings.map((w) => w.message), codes: warnings.map((w) => w.code) };
}

/** NEVRAs of the undamaged database, to check that whatever is recovered is real. */
function nevras(db: Buffer, path?: string): Set<string> {
  return new Set(analyze(db, path).packages.map((p) => `${p.name}-${p.version}.${p.arch}`));
}

describe('format detection', () => {
  it.each([
    ['bdb-centos7.5.1804', 'bdb'],
    ['ndb-sles15.3', 'ndb'],
    ['sqlite-cbl-mariner2.0', 'sqlite'],
  ] as const)('%s → %s', (name, format) => {
    expect(detectRpmDbFormat(DBS[name]())).toBe(format);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['text', Buffer.from('Package: not-rpm\nVersion: 1\n')],
    ['zeros', Buffer.alloc(8192)],
  ])('%s → a warning, no fact', (_label, content) => {
    const { facts, warnings, codes } = analyze(content);
    expect(facts).toEqual([]);
    expect(codes).toEqual(['package-db-invalid']);
    expect(warnings[0]).toBe(
      '/var/lib/rpm/Packages: cannot read the rpm database: not an rpm database (no SQLite, NDB or Berkeley DB hash magic)',
    );
  });
});

describe('Berkeley DB', () => {
  it('reads a big-endian (s390x-style) database like the little-endian one', () => {
    const le = DBS['bdb-centos7.5.1804']();
    const be = swapBerkeleyDb(le);
    expect(be.readUInt32BE(12)).toBe(0x061561);
    const a = readBerkeleyDb(le);
    const b = readBerkeleyDb(be);
    expect(b.problems).toEqual([]);
    expect(b.records.map((r) => r.key)).toEqual(a.records.map((r) => r.key));
    expect(b.records.every((r, i) => Buffer.compare(r.blob, a.records[i]!.blob) === 0)).toBe(true);
    expect(nevras(be)).toEqual(nevras(le));
  });

  it('reads items stored on the hash page itself and skips record 0 (the instance counter)', () => {
    const counter = Buffer.alloc(4);
    counter.writeUInt32LE(3);
    const db = buildBerkeleyDb([
      { key: 0, data: counter },
      { key: 2, data: packageHeader() },
      { key: 1, data: packageHeader() },
    ]);
    const read = readBerkeleyDb(db);
    expect(read.problems).toEqual([]);
    expect(read.records.map((r) => r.key)).toEqual([1, 2]);
    expect(analyze(db).packages.map((p) => p.version)).toEqual(['1.2-3.el9', '1.2-3.el9']);
  });

  it('truncated to half: a warning naming the damage, and only real packages recovered', () => {
    const db = DBS['bdb-centos7.5.1804']();
    const all = nevras(db);
    const { facts, packages, warnings, codes } = analyze(db.subarray(0, Math.floor(db.length / 2)));
    expect(facts).toHaveLength(1);
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.length).toBeLessThan(144);
    expect(packages.every((p) => all.has(`${p.name}-${p.version}.${p.arch}`))).toBe(true);
    expect(warnings[0]).toMatch(
      /^\/var\/lib\/rpm\/Packages: bdb database: truncated: 2023 of 4046 pages present$/,
    );
    expect(warnings.at(-1)).toBe(
      `/var/lib/rpm/Packages: bdb database is damaged: ${packages.length} packages recovered`,
    );
    expect(new Set(codes)).toEqual(new Set(['package-db-invalid']));
  });

  it('flipped magic → no fact, one warning', () => {
    const db = Buffer.from(DBS['bdb-rhel8-libuuid']());
    db[12] = (db[12] ?? 0) ^ 0xff;
    expect(analyze(db)).toMatchObject({ facts: [], codes: ['package-db-invalid'] });
  });

  it.each<[string, (db: Buffer) => void, RegExp]>([
    ['metadata page type', (db) => (db[25] = 9), /metadata page has type 9/],
    ['page size', (db) => db.writeUInt32LE(1000, 20), /bad Berkeley DB page size 1000/],
    ['encryption', (db) => (db[24] = 1), /encrypted Berkeley DB/],
    ['btree instead of hash', (db) => db.writeUInt32LE(0x053162, 12), /not an rpm database/],
  ])('damaged %s → no fact, a warning saying what is wrong', (_label, damage, message) => {
    const db = Buffer.from(DBS['bdb-rhel8-libuuid']());
    damage(db);
    const { facts, warnings } = analyze(db);
    expect(facts).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(message);
  });

  it('a broken overflow chain loses that package only', () => {
    const db = Buffer.from(DBS['bdb-centos7.5.1804']());
    let page = 1;
    while (db[page * 4096 + 25] !== 7) page++;
    db[page * 4096 + 25] = 0;
    const { packages, warnings } = analyze(db);
    expect(packages).toHaveLength(143);
    expect(warnings[0]).toMatch(
      /bdb database: package record \d+: page \d+ in the overflow chain is not an overflow page/,
    );
  });

  it('a damaged header inside an intact database loses that package only', () => {
    const db = Buffer.from(DBS['bdb-rhel8-libuuid']());
    let page = 1;
    while (db[page * 4096 + 25] !== 7 || db.readUInt32LE(page * 4096 + 12) !== 0) page++; // first page of a chain
    db.writeUInt32BE(0x7fffffff, page * 4096 + 26); // the header's il
    const { facts, packages, warnings } = analyze(db);
    expect(facts).toHaveLength(1);
    expect(packages).toEqual([]);
    expect(warnings[0]).toMatch(/package record 1: header index count 2147483647 out of range/);
  });
});

describe('NDB', () => {
  const path = '/usr/lib/sysimage/rpm/Packages.db';

  it.each([
    ['empty', Buffer.alloc(0)],
    ['Wikipedia', Buffer.from('Wikipedia')],
    ['100 000 × 0xff (several 5552-byte rounds)', Buffer.alloc(100_000, 0xff)],
    ['a real blob', DBS['ndb-sles15.3']().subarray(4096, 70_000)],
  ])('computes Adler-32 like zlib (%s)', (_label, data) => {
    const zlibStream = deflateSync(data); // RFC 1950: the stream ends with the Adler-32 of the data
    expect(adler32(data)).toBe(zlibStream.readUInt32BE(zlibStream.length - 4));
  });

  it('a corrupted byte inside one blob fails its checksum: that package only is lost', () => {
    const db = Buffer.from(DBS['ndb-sles15.3']());
    const slot = 2 * 16; // first slot after the header
    const blkOffset = db.readUInt32LE(slot + 8);
    db[blkOffset * 16 + 16 + 200] = (db[blkOffset * 16 + 16 + 200] ?? 0) ^ 0x01;
    const { packages, warnings } = analyze(db, path);
    expect(packages).toHaveLength(34);
    expect(warnings[0]).toMatch(/ndb database: package record \d+: blob checksum mismatch/);
  });

  it('truncated: blobs past the end are reported, the rest recovered; long problem lists are summed up', () => {
    const db = DBS['ndb-sles15.3']();
    const all = nevras(db, path);
    const { packages, warnings } = analyze(db.subarray(0, 400_000), path);
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.length).toBeLessThan(35);
    expect(packages.every((p) => all.has(`${p.name}-${p.version}.${p.arch}`))).toBe(true);
    const lost = 35 - packages.length;
    expect(warnings).toHaveLength(Math.min(lost, 5) + (lost > 5 ? 1 : 0) + 1);
    expect(warnings[0]).toMatch(/blob runs past the end of the file \(truncated\)/);
    if (lost > 5) expect(warnings[5]).toBe(`${path}: ndb database: ${lost - 5} more problems`);
  });

  it.each<[string, (db: Buffer) => void, RegExp]>([
    ['magic', (db) => (db[0] = 0), /not an rpm database/],
    ['version', (db) => db.writeUInt32LE(3, 4), /unsupported NDB version 3/],
    ['slot page count', (db) => db.writeUInt32LE(100_000, 12), /names 100000 slot pages/],
  ])('damaged %s → no fact, a warning', (_label, damage, message) => {
    const db = Buffer.from(DBS['ndb-sles15.3']());
    damage(db);
    const { facts, warnings } = analyze(db, path);
    expect(facts).toEqual([]);
    expect(warnings[0]).toMatch(message);
  });
});

describe('SQLite', () => {
  const path = '/var/lib/rpm/rpmdb.sqlite';

  it('a row whose blob is not a header loses that package only', () => {
    const original = Buffer.from(DBS['sqlite-cbl-mariner2.0']());
    original[18] = 1;
    original[19] = 1;
    const mem = new Database(original);
    const first = (mem.prepare('SELECT min(hnum) AS n FROM Packages').get() as { n: number }).n;
    mem.prepare('UPDATE Packages SET blob = ? WHERE hnum = ?').run(Buffer.from([0, 0, 0, 1]), first);
    const damaged = mem.serialize();
    mem.close();
    const { packages, warnings } = analyze(damaged, path);
    expect(packages).toHaveLength(128);
    expect(warnings[0]).toBe(
      `${path}: sqlite database: package record ${first}: header of 4 bytes is too short`,
    );
  });

  it('truncated file → a warning and never a crash; whatever is recovered is real', () => {
    const db = DBS['sqlite-cbl-mariner2.0']();
    const all = nevras(db, path);
    const { packages, warnings, codes } = analyze(db.subarray(0, Math.floor(db.length / 3)), path);
    expect(warnings.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set(['package-db-invalid']));
    expect(packages.length).toBeLessThan(129);
    expect(packages.every((p) => all.has(`${p.name}-${p.version}.${p.arch}`))).toBe(true);
  });

  it('an SQLite file without a Packages table → no fact, a warning', () => {
    const mem = new Database(':memory:');
    mem.exec('CREATE TABLE other (x)');
    const file = mem.serialize();
    mem.close();
    const { facts, warnings } = analyze(file, path);
    expect(facts).toEqual([]);
    expect(warnings[0]).toMatch(/cannot read the Packages table: no such table: Packages/);
  });

  it('does not modify the bytes it was given (WAL switch happens on a copy)', () => {
    const db = DBS['sqlite-amazonlinux2023']();
    const before = Buffer.from(db);
    expect(readRpmDb(db).records).toHaveLength(103);
    expect(db.equals(before)).toBe(true);
  });
});
