// Test helper: builds rpm header blobs as rpm stores them in its database (il, dl, index, data),
// following rpm lib/header.c's on-disk layout, so that header and package tests can cover cases
// no fixture database has (no region, dribble entries, epoch 0, OLDFILENAMES, damage).
import { RpmTag, RpmType, TYPE_ALIGN, TYPE_SIZE } from '../tags.js';

export interface BuildEntry {
  tag: number;
  type: number;
  value: string | string[] | number[] | Buffer;
}

export interface BuildOptions {
  /** Wrap the first `regionCount` entries (default all) in a HEADERIMMUTABLE region. */
  region?: boolean;
  regionCount?: number;
}

/** An entry for a string tag. */
export const str = (tag: number, value: string): BuildEntry => ({ tag, type: RpmType.STRING, value });
/** An entry for a string-array tag. */
export const strs = (tag: number, value: string[]): BuildEntry => ({ tag, type: RpmType.STRING_ARRAY, value });
/** An entry for an int32 tag. */
export const int32 = (tag: number, value: number[]): BuildEntry => ({ tag, type: RpmType.INT32, value });

/** Serialises entries into a header blob. */
export function buildHeader(entries: BuildEntry[], options: BuildOptions = {}): Buffer {
  const region = options.region ?? true;
  const regionCount = options.regionCount ?? entries.length;
  const index: Buffer[] = [];
  const data: Buffer[] = [];
  let dl = 0;
  const place = (type: number, bytes: Buffer): number => {
    const align = TYPE_ALIGN[type] ?? 1;
    const pad = (align - (dl % align)) % align;
    if (pad > 0) data.push(Buffer.alloc(pad));
    dl += pad;
    const offset = dl;
    data.push(bytes);
    dl += bytes.length;
    return offset;
  };
  const entry = (tag: number, type: number, offset: number, count: number): Buffer => {
    const b = Buffer.alloc(16);
    b.writeInt32BE(tag, 0);
    b.writeUInt32BE(type, 4);
    b.writeInt32BE(offset, 8);
    b.writeUInt32BE(count, 12);
    return b;
  };
  const add = (e: BuildEntry): void => {
    const { bytes, count } = encode(e);
    index.push(entry(e.tag, e.type, place(e.type, bytes), count));
  };
  if (region) index.push(Buffer.alloc(16)); // region entry, filled in below
  entries.slice(0, regionCount).forEach(add);
  if (region) {
    const ril = regionCount + 1;
    const trailer = entry(RpmTag.HEADERIMMUTABLE, RpmType.BIN, -ril * 16, 16);
    index[0] = entry(RpmTag.HEADERIMMUTABLE, RpmType.BIN, place(RpmType.BIN, trailer), 16);
  }
  entries.slice(regionCount).forEach(add);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(index.length, 0);
  head.writeUInt32BE(dl, 4);
  return Buffer.concat([head, ...index, ...data]);
}

function encode(e: BuildEntry): { bytes: Buffer; count: number } {
  if (Buffer.isBuffer(e.value)) return { bytes: e.value, count: e.value.length };
  if (typeof e.value === 'string') return { bytes: Buffer.from(`${e.value}\0`), count: 1 };
  if (e.value.every((v): v is string => typeof v === 'string')) {
    return { bytes: Buffer.from(e.value.map((s) => `${s}\0`).join('')), count: e.value.length };
  }
  const size = TYPE_SIZE[e.type] ?? 4;
  const nums = e.value as number[];
  const bytes = Buffer.alloc(size * nums.length);
  nums.forEach((n, i) => {
    if (size === 2) bytes.writeUInt16BE(n, i * 2);
    else if (size === 4) bytes.writeInt32BE(n, i * 4);
    else if (size === 8) bytes.writeBigInt64BE(BigInt(n), i * 8);
    else bytes.writeUInt8(n, i);
  });
  return { bytes, count: nums.length };
}

/** A minimal package header (NAME, VERSION, RELEASE, ARCH) plus extra entries. */
export function packageHeader(extra: BuildEntry[] = [], options: BuildOptions = {}): Buffer {
  return buildHeader(
    [
      str(RpmTag.NAME, 'demo'),
      str(RpmTag.VERSION, '1.2'),
      str(RpmTag.RELEASE, '3.el9'),
      str(RpmTag.ARCH, 'x86_64'),
      ...extra,
    ],
    options,
  );
}
