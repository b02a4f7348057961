import { ErrorCodes, VigiaError } from '../../core/errors.js';
import { RpmTag, RpmType, TYPE_ALIGN, TYPE_SIZE } from './tags.js';

/** One index entry of an rpm header: where a tag's data sits in the data area. */
export interface HeaderEntry {
  tag: number;
  type: number;
  /** Offset into the data area. */
  offset: number;
  count: number;
  /** Byte length of the data (validated to lie inside the data area). */
  length: number;
}

/** Largest header rpm itself accepts (`headerMaxbytes`, 256 MiB), and largest index count. */
const MAX_HEADER_BYTES = 256 * 1024 * 1024;
const MAX_INDEX_ENTRIES = 0xffff;
const ENTRY_SIZE = 16;

const utf8 = new TextDecoder('utf-8');

/**
 * A parsed rpm header blob as rpm stores it in its database: `il` and `dl` (big-endian u32),
 * `il` 16-byte index entries (tag, type, offset, count), then `dl` bytes of data
 * (rpm `lib/header.c`, `hdrblobInit`/`hdrblobVerifyInfo`/`hdrblobVerifyRegion`). Every entry is
 * checked (known type, offset and length inside the data area, alignment, NUL-terminated
 * strings) and a region tag must have a well-formed trailer; anything else throws
 * `PACKAGE_DB_INVALID` naming the problem. When a tag appears twice (an entry appended after
 * the immutable region), the later entry wins, as in rpm.
 */
export class RpmHeader {
  private readonly entries = new Map<number, HeaderEntry>();
  private readonly data: Buffer;

  constructor(blob: Uint8Array) {
    const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
    if (buf.length < 8) throw invalid(`header of ${buf.length} bytes is too short`);
    const il = buf.readUInt32BE(0);
    const dl = buf.readUInt32BE(4);
    if (il < 1 || il > MAX_INDEX_ENTRIES) throw invalid(`header index count ${il} out of range`);
    const dataStart = 8 + il * ENTRY_SIZE;
    if (dl > MAX_HEADER_BYTES || dataStart + dl > buf.length) {
      throw invalid(`header needs ${dataStart + dl} bytes (il ${il}, dl ${dl}) but has ${buf.length}`);
    }
    this.data = buf.subarray(dataStart, dataStart + dl);
    for (let i = 0; i < il; i++) {
      const at = 8 + i * ENTRY_SIZE;
      const tag = buf.readInt32BE(at);
      const type = buf.readUInt32BE(at + 4);
      const offset = buf.readInt32BE(at + 8);
      const count = buf.readUInt32BE(at + 12);
      if (i === 0 && isRegionTag(tag)) {
        this.checkRegion(tag, type, offset, count, il);
        continue;
      }
      this.entries.set(tag, { tag, type, offset, count, length: this.checkEntry(tag, type, offset, count) });
    }
  }

  /** True when the header has an entry for `tag`. */
  has(tag: number): boolean {
    return this.entries.has(tag);
  }

  /** A STRING (or the first of a STRING_ARRAY / I18NSTRING) value; undefined when absent. */
  string(tag: number): string | undefined {
    return this.strings(tag)?.[0];
  }

  /** A STRING_ARRAY / I18NSTRING / STRING value as an array; undefined when absent. */
  strings(tag: number): string[] | undefined {
    const e = this.entries.get(tag);
    if (e === undefined) return undefined;
    if (e.type !== RpmType.STRING && e.type !== RpmType.STRING_ARRAY && e.type !== RpmType.I18NSTRING) {
      throw invalid(`tag ${tag} has type ${e.type}, not a string`);
    }
    if (e.count === 0) return [];
    // the entry was checked to hold exactly `count` NUL-terminated strings: decode once, split
    return utf8.decode(this.data.subarray(e.offset, e.offset + e.length - 1)).split('\0');
  }

  /** The integers of an INT8/INT16/INT32/INT64 entry; undefined when absent. */
  integers(tag: number): number[] | undefined {
    const e = this.entries.get(tag);
    if (e === undefined) return undefined;
    const size = TYPE_SIZE[e.type] ?? -1;
    if (e.type < RpmType.INT8 || e.type > RpmType.INT64)
      throw invalid(`tag ${tag} has type ${e.type}, not an integer`);
    const out: number[] = [];
    for (let i = 0; i < e.count; i++) {
      const at = e.offset + i * size;
      if (size === 1) out.push(this.data.readUInt8(at));
      else if (size === 2) out.push(this.data.readUInt16BE(at));
      else if (size === 4) out.push(this.data.readInt32BE(at));
      else out.push(Number(this.data.readBigInt64BE(at)));
    }
    return out;
  }

  /** The first integer of an integer entry; undefined when absent. */
  integer(tag: number): number | undefined {
    return this.integers(tag)?.[0];
  }

  /** Validates an ordinary entry and returns the byte length of its data. */
  private checkEntry(tag: number, type: number, offset: number, count: number): number {
    const where = `tag ${tag}`;
    if (tag < RpmTag.HEADERI18NTABLE) throw invalid(`${where}: tag number below ${RpmTag.HEADERI18NTABLE}`);
    if (type > RpmType.I18NSTRING) throw invalid(`${where}: unknown data type ${type}`);
    if (offset < 0 || offset > this.data.length)
      throw invalid(`${where}: offset ${offset} outside the data area`);
    if (offset % (TYPE_ALIGN[type] ?? 1) !== 0)
      throw invalid(`${where}: offset ${offset} misaligned for type ${type}`);
    const size = TYPE_SIZE[type] ?? 0;
    if (size >= 0) {
      const length = size * count;
      if (offset + length > this.data.length)
        throw invalid(`${where}: ${count} values run past the data area`);
      return length;
    }
    if (type === RpmType.STRING && count !== 1) throw invalid(`${where}: STRING with count ${count}`);
    let end = offset;
    for (let i = 0; i < count; i++) {
      const nul = this.data.indexOf(0, end);
      if (nul < 0) throw invalid(`${where}: string ${i + 1} of ${count} is not NUL-terminated`);
      end = nul + 1;
    }
    return end - offset;
  }

  /** A region entry must be BIN/16 pointing at a 16-byte trailer whose negative offset spans ≤ il entries. */
  private checkRegion(tag: number, type: number, offset: number, count: number, il: number): void {
    if (type !== RpmType.BIN || count !== ENTRY_SIZE) throw invalid(`region tag ${tag}: bad type or count`);
    if (offset < 0 || offset + ENTRY_SIZE > this.data.length)
      throw invalid(`region tag ${tag}: trailer outside the data area`);
    const trailerTag = this.data.readInt32BE(offset);
    const trailerType = this.data.readUInt32BE(offset + 4);
    const trailerOffset = this.data.readInt32BE(offset + 8);
    const trailerCount = this.data.readUInt32BE(offset + 12);
    const expected = tag === RpmTag.HEADERIMAGE ? [RpmTag.HEADERIMAGE, RpmTag.HEADERSIGNATURES] : [tag];
    const ril = -trailerOffset / ENTRY_SIZE;
    if (
      !expected.includes(trailerTag) ||
      trailerType !== RpmType.BIN ||
      trailerCount !== ENTRY_SIZE ||
      !Number.isInteger(ril) ||
      ril < 1 ||
      ril > il
    ) {
      throw invalid(`region tag ${tag}: bad region trailer`);
    }
  }
}

function isRegionTag(tag: number): boolean {
  return tag === RpmTag.HEADERIMAGE || tag === RpmTag.HEADERSIGNATURES || tag === RpmTag.HEADERIMMUTABLE;
}

function invalid(message: string): VigiaError {
  return new VigiaError(ErrorCodes.PACKAGE_DB_INVALID, message);
}
