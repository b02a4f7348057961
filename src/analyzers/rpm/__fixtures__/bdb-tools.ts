// Test helpers for Berkeley DB hash files, following libdb's dbinc/db_page.h layouts:
// swap a little-endian database into the big-endian one an s390x host writes, and build a tiny
// database whose items sit on the hash page itself (H_KEYDATA), which the fixtures do not have.

const P_OVERFLOW = 7;
const P_HASHMETA = 8;
const P_HASH = 13;
const H_KEYDATA = 1;
const H_OFFPAGE = 3;

function swap32(b: Buffer, at: number): void {
  b.writeUInt32BE(b.readUInt32LE(at), at);
}
function swap16(b: Buffer, at: number): void {
  b.writeUInt16BE(b.readUInt16LE(at), at);
}

/** The same database with every integer of the metadata, hash and overflow pages byte-swapped. */
export function swapBerkeleyDb(le: Buffer): Buffer {
  const out = Buffer.from(le);
  const pageSize = le.readUInt32LE(20);
  for (let page = 0; page * pageSize < le.length; page++) {
    const base = page * pageSize;
    const p = out.subarray(base, base + pageSize);
    const type = p[25];
    if (type === P_HASHMETA) {
      for (let at = 0; at < 24; at += 4) swap32(p, at);
      for (let at = 28; at < 52; at += 4) swap32(p, at);
      for (let at = 72; at < 464; at += 4) swap32(p, at);
    } else if (type === P_HASH || type === P_OVERFLOW) {
      const entries = le.readUInt16LE(base + 20);
      for (let at = 0; at < 20; at += 4) swap32(p, at);
      swap16(p, 20);
      swap16(p, 22);
      if (type === P_HASH) {
        for (let i = 0; i < entries; i++) {
          const item = le.readUInt16LE(base + 26 + i * 2);
          swap16(p, 26 + i * 2);
          if (i % 2 === 0 && p[item] === H_KEYDATA) swap32(p, item + 1);
          if (i % 2 === 1 && p[item] === H_OFFPAGE) {
            swap32(p, item + 4);
            swap32(p, item + 8);
          }
        }
      }
    }
  }
  return out;
}

/** A two-page little-endian hash database holding `records` inline on one hash page. */
export function buildBerkeleyDb(records: Array<{ key: number; data: Buffer }>, pageSize = 4096): Buffer {
  const db = Buffer.alloc(pageSize * 2);
  db.writeUInt32LE(0x061561, 12);
  db.writeUInt32LE(9, 16);
  db.writeUInt32LE(pageSize, 20);
  db[25] = P_HASHMETA;
  db.writeUInt32LE(1, 32);
  const page = db.subarray(pageSize);
  page.writeUInt32LE(1, 8);
  page[25] = P_HASH;
  const items: Buffer[] = [];
  for (const { key, data } of records) {
    const k = Buffer.alloc(5);
    k[0] = H_KEYDATA;
    k.writeUInt32LE(key, 1);
    items.push(k, Buffer.concat([Buffer.from([H_KEYDATA]), data]));
  }
  let cursor = pageSize;
  items.forEach((item, i) => {
    cursor -= item.length;
    item.copy(page, cursor);
    page.writeUInt16LE(cursor, 26 + i * 2);
  });
  page.writeUInt16LE(items.length, 20);
  page.writeUInt16LE(cursor, 22);
  return db;
}
