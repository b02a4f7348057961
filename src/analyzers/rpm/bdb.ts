import { ErrorCodes, VigiaError } from '../../core/errors.js';
import type { DbRead, DbRecord } from './records.js';

/** Berkeley DB constants (libdb `dbinc/db_page.h`, `dbinc/hash.h`). */
const HASH_MAGIC = 0x061561;
const BTREE_MAGIC = 0x053162;
const P_HASH_UNSORTED = 2;
const P_OVERFLOW = 7;
const P_HASHMETA = 8;
const P_HASH = 13;
const H_KEYDATA = 1;
const H_OFFPAGE = 3;
const PAGE_HEADER = 26;
/** With checksums on, a 6-byte PG_CHKSUM follows the page header (db_page.h `P_INP`). */
const PAGE_HEADER_CHKSUM = 32;
const DBMETA_CHKSUM = 0x01;
const VALID_PAGE_SIZES = new Set([512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]);

/**
 * Reads the records of rpm's Berkeley DB `Packages` file (a BDB hash database) without libdb:
 * every hash page (sorted or the pre-4.6 unsorted kind) is scanned for key/data pairs; a data
 * item is either on the page (`H_KEYDATA`) or a chain of overflow pages (`H_OFFPAGE`), whose
 * pieces are concatenated up to the item's total length. Key 0 is rpm's instance counter, not a
 * package, and is skipped. Both byte orders are read (the metadata magic tells which).
 *
 * A file that is not a BDB hash database (bad magic, page type, page size, or encrypted) throws
 * `PACKAGE_DB_INVALID`. Damage past the metadata page (truncated file, broken overflow chain,
 * bad item) is reported in `problems` and the readable records are still returned.
 */
export function readBerkeleyDb(buf: Buffer): DbRead {
  if (buf.length < 512) throw invalid(`${buf.length} bytes is too short for a Berkeley DB metadata page`);
  const little = buf.readUInt32LE(12) === HASH_MAGIC;
  if (!little && buf.readUInt32BE(12) !== HASH_MAGIC) {
    const btree = buf.readUInt32LE(12) === BTREE_MAGIC || buf.readUInt32BE(12) === BTREE_MAGIC;
    throw invalid(
      btree ? 'Berkeley DB btree, not the hash database rpm keeps packages in' : 'bad Berkeley DB magic',
    );
  }
  const u16 = (at: number) => (little ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
  const u32 = (at: number) => (little ? buf.readUInt32LE(at) : buf.readUInt32BE(at));

  const pageSize = u32(20);
  if (!VALID_PAGE_SIZES.has(pageSize)) throw invalid(`bad Berkeley DB page size ${pageSize}`);
  if (buf[24] !== 0) throw invalid('encrypted Berkeley DB');
  if (buf[25] !== P_HASHMETA) throw invalid(`metadata page has type ${buf[25]}, not hash metadata`);
  const overhead = (buf[26] ?? 0) & DBMETA_CHKSUM ? PAGE_HEADER_CHKSUM : PAGE_HEADER;
  const lastPage = u32(32);

  const problems: string[] = [];
  const present = Math.floor(buf.length / pageSize);
  if (present < lastPage + 1) problems.push(`truncated: ${present} of ${lastPage + 1} pages present`);
  const pages = Math.min(present, lastPage + 1);

  const records: DbRecord[] = [];
  for (let page = 1; page < pages; page++) {
    const base = page * pageSize;
    const type = buf[base + 25];
    if (type !== P_HASH && type !== P_HASH_UNSORTED) continue;
    const entries = u16(base + 20);
    if (entries % 2 !== 0 || overhead + entries * 2 > pageSize) {
      problems.push(`hash page ${page}: bad entry count ${entries}`);
      continue;
    }
    const offsetOf = (i: number) => u16(base + overhead + i * 2);
    for (let i = 0; i < entries; i += 2) {
      const keyAt = offsetOf(i);
      const keyEnd = i === 0 ? pageSize : offsetOf(i - 1);
      const dataAt = offsetOf(i + 1);
      if (keyAt >= keyEnd || keyEnd > pageSize || dataAt >= keyAt) {
        problems.push(`hash page ${page}: item ${i / 2} has bad offsets`);
        continue;
      }
      const key = buf.subarray(base + keyAt, base + keyEnd);
      if (key[0] !== H_KEYDATA || key.length !== 5) {
        problems.push(`hash page ${page}: item ${i / 2} has an unexpected key`);
        continue;
      }
      const instance = little ? key.readUInt32LE(1) : key.readUInt32BE(1);
      if (instance === 0) continue;
      const item = buf.subarray(base + dataAt, base + keyAt);
      const where = `package record ${instance}`;
      if (item[0] === H_KEYDATA) {
        records.push({ key: instance, blob: item.subarray(1) });
      } else if (item[0] === H_OFFPAGE && item.length >= 12) {
        const blob = readOverflow(
          buf,
          u16,
          u32,
          pageSize,
          pages,
          overhead,
          u32(base + dataAt + 4),
          u32(base + dataAt + 8),
        );
        if (typeof blob === 'string') problems.push(`${where}: ${blob}`);
        else records.push({ key: instance, blob });
      } else {
        problems.push(`${where}: unsupported item type ${item[0]}`);
      }
    }
  }
  records.sort((a, b) => a.key - b.key);
  return { records, problems };
}

/** Concatenates an overflow chain; returns the bytes or a problem message. */
function readOverflow(
  buf: Buffer,
  u16: (at: number) => number,
  u32: (at: number) => number,
  pageSize: number,
  pages: number,
  overhead: number,
  first: number,
  total: number,
): Buffer | string {
  const out = Buffer.alloc(total);
  let filled = 0;
  const seen = new Set<number>();
  for (let page = first; page !== 0;) {
    if (page >= pages) return `overflow page ${page} is past the end of the file`;
    if (seen.has(page)) return `overflow chain loops at page ${page}`;
    seen.add(page);
    const base = page * pageSize;
    if (buf[base + 25] !== P_OVERFLOW) return `page ${page} in the overflow chain is not an overflow page`;
    const length = u16(base + 22);
    if (overhead + length > pageSize || filled + length > total)
      return `overflow page ${page} has a bad length`;
    buf.copy(out, filled, base + overhead, base + overhead + length);
    filled += length;
    page = u32(base + 16);
  }
  return filled === total ? out : `overflow chain holds ${filled} of ${total} bytes`;
}

function invalid(message: string): VigiaError {
  return new VigiaError(ErrorCodes.PACKAGE_DB_INVALID, message);
}
