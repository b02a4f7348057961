import { ErrorCodes, VigiaError } from '../../core/errors.js';
import type { DbRead, DbRecord } from './records.js';

/** rpm NDB constants (rpm `lib/backend/ndb/rpmpkg.c`); all integers little-endian. */
const DB_MAGIC = magic('RpmP');
const SLOT_MAGIC = magic('Slot');
const BLOB_HEAD_MAGIC = magic('BlbS');
const BLOB_TAIL_MAGIC = magic('BlbE');
const DB_VERSION = 0;
const PAGE_SIZE = 4096;
const SLOT_SIZE = 16;
const BLK_SIZE = 16;
const HEADER_SLOTS = 2;
const BLOB_HEAD = 16;
const BLOB_TAIL = 12;

/**
 * Reads the records of rpm's NDB `Packages.db` (SUSE): a 32-byte header (`RpmP`, version 0,
 * generation, number of slot pages), slot pages of 16-byte slots (`Slot`, package index, block
 * offset, block count; offset 0 = free), and at each slot's offset (in 16-byte blocks) a blob:
 * head (`BlbS`, package index, timestamp, length), the header blob, zero padding, and a tail
 * (Adler-32 of head + blob + padding, length, `BlbE`). Every blob's head, length, tail and
 * checksum are verified.
 *
 * A file that is not NDB (magic, version, slot pages beyond the file) throws
 * `PACKAGE_DB_INVALID`; a damaged slot or blob is reported in `problems` and skipped.
 */
export function readNdb(buf: Buffer): DbRead {
  if (buf.length < 32 || buf.readUInt32LE(0) !== DB_MAGIC) throw invalid('bad NDB magic');
  const version = buf.readUInt32LE(4);
  if (version !== DB_VERSION) throw invalid(`unsupported NDB version ${version}`);
  const slotPages = buf.readUInt32LE(12);
  if (slotPages === 0 || slotPages * PAGE_SIZE > buf.length) {
    throw invalid(`NDB header names ${slotPages} slot pages but the file has ${buf.length} bytes`);
  }
  const problems: string[] = [];
  const records: DbRecord[] = [];
  const fileBlocks = Math.floor(buf.length / BLK_SIZE);
  const firstDataBlock = (slotPages * PAGE_SIZE) / BLK_SIZE;
  for (let slot = HEADER_SLOTS; slot < (slotPages * PAGE_SIZE) / SLOT_SIZE; slot++) {
    const at = slot * SLOT_SIZE;
    if (buf.readUInt32LE(at) !== SLOT_MAGIC) {
      problems.push(`slot ${slot}: bad slot magic`);
      continue;
    }
    const pkgIndex = buf.readUInt32LE(at + 4);
    const blkOffset = buf.readUInt32LE(at + 8);
    const blkCount = buf.readUInt32LE(at + 12);
    if (blkOffset === 0) continue;
    const where = `package record ${pkgIndex}`;
    if (pkgIndex === 0 || blkCount === 0 || blkOffset < firstDataBlock) {
      problems.push(`${where}: bad slot ${slot}`);
      continue;
    }
    if (blkOffset + blkCount > fileBlocks) {
      problems.push(`${where}: blob runs past the end of the file (truncated)`);
      continue;
    }
    const blob = readBlob(buf, pkgIndex, blkOffset * BLK_SIZE, blkCount * BLK_SIZE);
    if (typeof blob === 'string') problems.push(`${where}: ${blob}`);
    else records.push({ key: pkgIndex, blob });
  }
  records.sort((a, b) => a.key - b.key);
  return { records, problems };
}

function readBlob(buf: Buffer, pkgIndex: number, start: number, size: number): Buffer | string {
  if (size < BLOB_HEAD + BLOB_TAIL) return 'blob too small';
  if (buf.readUInt32LE(start) !== BLOB_HEAD_MAGIC) return 'bad blob head magic';
  if (buf.readUInt32LE(start + 4) !== pkgIndex) return 'blob belongs to another package';
  const length = buf.readUInt32LE(start + 12);
  if (Math.ceil((BLOB_HEAD + length + BLOB_TAIL) / BLK_SIZE) * BLK_SIZE !== size)
    return 'blob length disagrees with its slot';
  const tail = start + size - BLOB_TAIL;
  if (buf.readUInt32LE(tail + 8) !== BLOB_TAIL_MAGIC || buf.readUInt32LE(tail + 4) !== length)
    return 'bad blob tail';
  if (adler32(buf.subarray(start, tail)) !== buf.readUInt32LE(tail)) return 'blob checksum mismatch';
  return buf.subarray(start + BLOB_HEAD, start + BLOB_HEAD + length);
}

/** Adler-32 (RFC 1950 §8.2), as rpm's NDB computes it. */
export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length;) {
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i] ?? 0;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function magic(s: string): number {
  return Buffer.from(s, 'latin1').readUInt32LE(0);
}

function invalid(message: string): VigiaError {
  return new VigiaError(ErrorCodes.PACKAGE_DB_INVALID, message);
}
