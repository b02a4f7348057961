import { crc32, inflateRawSync } from 'node:zlib';
import { ErrorCodes, VigiaError } from '../../core/errors.js';

/**
 * A compact synchronous ZIP reader (PKWARE APPNOTE 6.3.x): end-of-central-directory record,
 * Zip64 locator and record, central directory, local headers, stored and deflated entries.
 * Analyzers are synchronous, so the async `yauzl` does not fit; this reads a Buffer in place.
 * Data prepended to the archive (self-extracting stubs, launch scripts of executable jars) is
 * tolerated: offsets are corrected by the distance between where the central directory says it
 * is and where it really ends.
 */

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const ZIP64_LOCATOR_SIZE = 20;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;

/** Compression methods we can read. */
export const ZipMethods = { stored: 0, deflated: 8 } as const;

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  /** General-purpose flags; bit 0 means encrypted. */
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the local header, already corrected for prepended data. */
  localHeaderOffset: number;
}

/** Shared cap on the bytes inflated from one outer archive and everything nested in it. */
export interface InflateBudget {
  remaining: number;
}

/** A ZIP that cannot be read; `code` tells a corrupt archive from one that blew the budget. */
export class ZipError extends VigiaError {
  readonly reason: 'corrupt' | 'budget' | 'unsupported';

  constructor(reason: 'corrupt' | 'budget' | 'unsupported', message: string, cause?: unknown) {
    super(ErrorCodes.PACKAGE_DB_INVALID, message, { cause });
    this.name = 'ZipError';
    this.reason = reason;
  }
}

const corrupt = (message: string, cause?: unknown) => new ZipError('corrupt', message, cause);

/** True when the buffer could be a ZIP (starts with a local header or an empty-archive EOCD). */
export function looksLikeZip(buf: Buffer): boolean {
  if (buf.length < 4) return false;
  const sig = buf.readUInt32LE(0);
  return sig === SIG_LOCAL || sig === SIG_EOCD;
}

function findEocd(buf: Buffer): number {
  const earliest = Math.max(0, buf.length - EOCD_SIZE - U16_MAX);
  for (let i = buf.length - EOCD_SIZE; i >= earliest; i--) {
    if (buf.readUInt32LE(i) !== SIG_EOCD) continue;
    // The comment must end exactly at the end of the file.
    if (i + EOCD_SIZE + buf.readUInt16LE(i + 20) === buf.length) return i;
  }
  throw corrupt('no end-of-central-directory record (not a zip, or truncated)');
}

function readU64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt(`64-bit field at ${at} is too large`);
  return Number(v);
}

interface Directory {
  count: number;
  size: number;
  /** Where the central directory really starts in `buf`. */
  start: number;
  /** Real position minus recorded offset (bytes prepended to the archive). */
  shift: number;
}

function readDirectoryLocation(buf: Buffer): Directory {
  const eocd = findEocd(buf);
  let count = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  let end = eocd;
  const locator = eocd - ZIP64_LOCATOR_SIZE;
  if (locator >= 0 && buf.readUInt32LE(locator) === SIG_ZIP64_LOCATOR) {
    // The record sits right before the locator; its recorded offset may be shifted too.
    const recordedAt = readU64(buf, locator + 8);
    const candidates = [recordedAt, locator - 56];
    const at = candidates.find((c) => c >= 0 && c + 56 <= locator && buf.readUInt32LE(c) === SIG_ZIP64_EOCD);
    if (at === undefined) throw corrupt('Zip64 end-of-central-directory record not found');
    count = readU64(buf, at + 32);
    size = readU64(buf, at + 40);
    offset = readU64(buf, at + 48);
    end = at;
  } else if (count === U16_MAX || size === U32_MAX || offset === U32_MAX) {
    throw corrupt('Zip64 markers without a Zip64 locator');
  }
  const start = end - size;
  if (start < 0) throw corrupt(`central directory size ${size} exceeds the file`);
  return { count, size, start, shift: start - offset };
}

function zip64Extra(
  extra: Buffer,
  want: { uncompressed: boolean; compressed: boolean; offset: boolean },
): { uncompressed?: number; compressed?: number; offset?: number } {
  for (let p = 0; p + 4 <= extra.length;) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    const body = p + 4;
    if (body + len > extra.length) break;
    if (id === 0x0001) {
      const out: { uncompressed?: number; compressed?: number; offset?: number } = {};
      let q = body;
      const take = (): number => {
        if (q + 8 > body + len) throw corrupt('Zip64 extra field is too short');
        const v = readU64(extra, q);
        q += 8;
        return v;
      };
      if (want.uncompressed) out.uncompressed = take();
      if (want.compressed) out.compressed = take();
      if (want.offset) out.offset = take();
      return out;
    }
    p = body + len;
  }
  throw corrupt('Zip64 sizes announced but no Zip64 extra field');
}

/** Lists the entries of a ZIP held in `buf`. Throws ZipError when the archive is malformed. */
export function readZipDirectory(buf: Buffer): ZipEntry[] {
  const dir = readDirectoryLocation(buf);
  const entries: ZipEntry[] = [];
  const end = dir.start + dir.size;
  let p = dir.start;
  for (let i = 0; i < dir.count; i++) {
    if (p + CENTRAL_SIZE > end || buf.readUInt32LE(p) !== SIG_CENTRAL) {
      throw corrupt(`central directory entry ${i} is malformed`);
    }
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const next = p + CENTRAL_SIZE + nameLen + extraLen + commentLen;
    if (next > end) throw corrupt(`central directory entry ${i} overruns the directory`);
    const name = buf.toString('utf8', p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLen);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    let offset = buf.readUInt32LE(p + 42);
    if (compressedSize === U32_MAX || uncompressedSize === U32_MAX || offset === U32_MAX) {
      const extra = buf.subarray(p + CENTRAL_SIZE + nameLen, p + CENTRAL_SIZE + nameLen + extraLen);
      const z = zip64Extra(extra, {
        uncompressed: uncompressedSize === U32_MAX,
        compressed: compressedSize === U32_MAX,
        offset: offset === U32_MAX,
      });
      uncompressedSize = z.uncompressed ?? uncompressedSize;
      compressedSize = z.compressed ?? compressedSize;
      offset = z.offset ?? offset;
    }
    entries.push({
      name,
      method: buf.readUInt16LE(p + 10),
      flags: buf.readUInt16LE(p + 8),
      crc32: buf.readUInt32LE(p + 16),
      compressedSize,
      uncompressedSize,
      localHeaderOffset: offset + dir.shift,
    });
    p = next;
  }
  return entries;
}

/**
 * The uncompressed bytes of one entry. Every inflated byte is charged to `budget`; an entry
 * that would exceed it throws a ZipError with reason `budget` (zip bombs). The CRC is checked.
 */
export function readZipEntry(buf: Buffer, entry: ZipEntry, budget: InflateBudget): Buffer {
  if (entry.flags & 1) throw new ZipError('unsupported', `${entry.name}: encrypted entry`);
  const at = entry.localHeaderOffset;
  if (at < 0 || at + LOCAL_SIZE > buf.length || buf.readUInt32LE(at) !== SIG_LOCAL) {
    throw corrupt(`${entry.name}: local header not found at offset ${at}`);
  }
  const dataStart = at + LOCAL_SIZE + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > buf.length) throw corrupt(`${entry.name}: data runs past the end of the archive`);
  if (entry.uncompressedSize > budget.remaining) {
    throw new ZipError('budget', `${entry.name}: ${entry.uncompressedSize} bytes exceed the inflate budget`);
  }
  const raw = buf.subarray(dataStart, dataEnd);
  let out: Buffer;
  if (entry.method === ZipMethods.stored) {
    out = raw;
  } else if (entry.method === ZipMethods.deflated) {
    try {
      // The declared size may lie: cap the real output at the budget as well.
      out = inflateRawSync(raw, { maxOutputLength: Math.max(1, budget.remaining) });
    } catch (err) {
      if (err instanceof RangeError) {
        throw new ZipError('budget', `${entry.name}: inflates past the inflate budget`, err);
      }
      throw corrupt(`${entry.name}: bad deflate data`, err);
    }
  } else {
    throw new ZipError('unsupported', `${entry.name}: compression method ${entry.method} is not supported`);
  }
  if (out.length !== entry.uncompressedSize) {
    throw corrupt(`${entry.name}: ${out.length} bytes, the directory says ${entry.uncompressedSize}`);
  }
  if (crc32(out) >>> 0 !== entry.crc32) throw corrupt(`${entry.name}: CRC mismatch`);
  budget.remaining -= out.length;
  return out;
}
