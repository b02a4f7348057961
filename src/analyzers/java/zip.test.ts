import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { fixtureImage } from '../../test-support/fixtures.js';
import { readTopFiles } from '../../test-support/image-files.js';
import { readZipDirectory, readZipEntry, ZipError } from './zip.js';

const FIXTURE_DIR = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
export const IMAGE_JARS = [
  '/usr/share/java/jackson-annotations.jar',
  '/usr/share/java/jackson-core.jar',
  '/usr/share/java/jackson-databind.jar',
  '/usr/share/java/snakeyaml.jar',
];

/** Every entry and its bytes, as the independent `yauzl` library reads them. */
function yauzlRead(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

function ourRead(buf: Buffer): Map<string, Buffer> {
  const budget = { remaining: 1 << 30 };
  return new Map(readZipDirectory(buf).map((e) => [e.name, readZipEntry(buf, e, budget)]));
}

/**
 * Rewrites a zip so that every central-directory entry keeps its sizes and offset only in a
 * Zip64 extra field (the 32-bit fields become 0xFFFFFFFF), as writers do past 4 GiB.
 */
function forceZip64Fields(buf: Buffer): Buffer {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  const cdStart = buf.readUInt32LE(eocd + 16);
  const parts: Buffer[] = [];
  let p = cdStart;
  for (let i = 0; i < count; i++) {
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const head = Buffer.from(buf.subarray(p, p + 46 + nameLen));
    const extra = Buffer.alloc(4 + 24);
    extra.writeUInt16LE(1, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(head.readUInt32LE(24)), 4);
    extra.writeBigUInt64LE(BigInt(head.readUInt32LE(20)), 12);
    extra.writeBigUInt64LE(BigInt(head.readUInt32LE(42)), 20);
    for (const at of [20, 24, 42]) head.writeUInt32LE(0xffffffff, at);
    head.writeUInt16LE(extra.length, 30);
    parts.push(
      head,
      extra,
      buf.subarray(p + 46 + nameLen + extraLen, p + 46 + nameLen + extraLen + commentLen),
    );
    p += 46 + nameLen + extraLen + commentLen;
  }
  const cd = Buffer.concat(parts);
  const end = Buffer.from(buf.subarray(eocd, eocd + 22));
  end.writeUInt32LE(cd.length, 12);
  // Zip64 end record + locator, then the classic record.
  const rec = Buffer.alloc(56);
  rec.writeUInt32LE(0x06064b50, 0);
  rec.writeBigUInt64LE(44n, 4);
  rec.writeBigUInt64LE(BigInt(count), 24);
  rec.writeBigUInt64LE(BigInt(count), 32);
  rec.writeBigUInt64LE(BigInt(cd.length), 40);
  rec.writeBigUInt64LE(BigInt(cdStart), 48);
  const loc = Buffer.alloc(20);
  loc.writeUInt32LE(0x07064b50, 0);
  loc.writeBigUInt64LE(BigInt(cdStart + cd.length), 8);
  loc.writeUInt32LE(1, 16);
  return Buffer.concat([buf.subarray(0, cdStart), cd, rec, loc, end]);
}

describe('readZipDirectory / readZipEntry', () => {
  let imageJars: Map<string, Buffer>;
  beforeAll(async () => {
    const files = await readTopFiles(fixtureImage('debian-node-app.oci.tar'), IMAGE_JARS, 'node-app');
    imageJars = new Map([...files].map(([k, v]) => [k, v.content]));
  });

  it('reads the four real jars of the node-app image exactly as yauzl does', async () => {
    expect([...imageJars.keys()].sort()).toEqual(IMAGE_JARS);
    for (const [path, buf] of imageJars) {
      const ours = ourRead(buf);
      const theirs = await yauzlRead(buf);
      expect([...ours.keys()], path).toEqual([...theirs.keys()]);
      for (const [name, bytes] of theirs)
        expect(ours.get(name)?.equals(bytes), `${path}!/${name}`).toBe(true);
    }
    expect(
      ourRead(imageJars.get('/usr/share/java/jackson-databind.jar') ?? Buffer.alloc(0)).size,
    ).toBeGreaterThan(600);
  });

  const committed = readdirSync(FIXTURE_DIR).filter((f) => f !== 'launcher-zip64.jar');
  it.each(committed)('reads the zip-made fixture %s as yauzl does', async (name) => {
    const buf = readFileSync(join(FIXTURE_DIR, name));
    const theirs = await yauzlRead(buf);
    const ours = ourRead(buf);
    expect([...ours.keys()]).toEqual([...theirs.keys()]);
    for (const [entry, bytes] of theirs) expect(ours.get(entry)?.equals(bytes), entry).toBe(true);
  });

  it('tolerates a launch script prepended to a Zip64 archive', async () => {
    const buf = readFileSync(join(FIXTURE_DIR, 'launcher-zip64.jar'));
    const zipStart = buf.indexOf(Buffer.from('PK\x03\x04', 'latin1'));
    expect(zipStart).toBeGreaterThan(0);
    const ours = ourRead(buf);
    expect([...ours.keys()]).toContain('BOOT-INF/lib/api-all-2.0.0.jar');
    // The same archive without the script, as yauzl reads it (Info-ZIP wrote it with offset 0).
    const theirs = await yauzlRead(buf.subarray(zipStart));
    expect([...ours.keys()]).toEqual([...theirs.keys()]);
    for (const [entry, bytes] of theirs) expect(ours.get(entry)?.equals(bytes), entry).toBe(true);
  });

  it('reads sizes and offsets from Zip64 extra fields', () => {
    const plain = readFileSync(join(FIXTURE_DIR, 'webapp.war'));
    const z64 = forceZip64Fields(plain);
    expect(readZipDirectory(z64)).toEqual(readZipDirectory(plain));
    expect([...ourRead(z64).entries()]).toEqual([...ourRead(plain).entries()]);
  });

  const jar = () => readFileSync(join(FIXTURE_DIR, 'opensaml-core-3.4.6.jar'));
  const corruptCases: [string, () => Buffer, RegExp][] = [
    ['empty file', () => Buffer.alloc(0), /end-of-central-directory/],
    ['not a zip', () => Buffer.from('#!/bin/sh\necho hello\n'.repeat(10)), /end-of-central-directory/],
    ['truncated tail', () => jar().subarray(0, jar().length - 30), /end-of-central-directory/],
    ['truncated head', () => jar().subarray(1500), /central directory size|local header/],
  ];
  it.each(corruptCases)('rejects a corrupt archive: %s', (_name, make, message) => {
    const run = () => ourRead(make());
    expect(run).toThrow(ZipError);
    expect(run).toThrow(message);
  });

  it('detects a corrupt deflate stream and a CRC mismatch', () => {
    const buf = jar();
    const entry = readZipDirectory(buf).find((e) => e.name.endsWith('pom.xml'));
    if (!entry) throw new Error('fixture lacks pom.xml');
    const dataAt = entry.localHeaderOffset + 30 + buf.readUInt16LE(entry.localHeaderOffset + 26) + 2;
    const broken = Buffer.from(buf);
    broken[dataAt + 10] = (broken[dataAt + 10] ?? 0) ^ 0xff;
    expect(() => readZipEntry(broken, entry, { remaining: 1 << 20 })).toThrow(
      /bad deflate data|CRC mismatch|bytes, the directory says/,
    );
  });

  it('charges inflated bytes to the budget and stops a zip bomb', () => {
    const buf = readFileSync(join(FIXTURE_DIR, 'bomb.jar'));
    const [entry] = readZipDirectory(buf);
    if (!entry) throw new Error('fixture is empty');
    expect(entry.uncompressedSize).toBe(64 * 1024 * 1024);
    expect(() => readZipEntry(buf, entry, { remaining: 1024 * 1024 })).toThrow(/inflate budget/);
    // A directory that understates the size is caught by the output cap as well.
    const lying = { ...entry, uncompressedSize: 100 };
    expect(() => readZipEntry(buf, lying, { remaining: 1024 * 1024 })).toThrow(/inflate budget/);
    const budget = { remaining: 65 * 1024 * 1024 };
    expect(readZipEntry(buf, entry, budget).length).toBe(64 * 1024 * 1024);
    expect(budget.remaining).toBe(1024 * 1024);
  });
});
