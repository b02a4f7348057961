/**
 * Just enough of the tar header format (POSIX ustar + pax extended headers + GNU long names)
 * to index an archive's members by seeking over their content, for random access into plain
 * (uncompressed) image archives. Layer content is never parsed here: the layer walker uses
 * tar-stream. Reference: POSIX pax/ustar (IEEE Std 1003.1, `pax` "ustar Interchange Format").
 */

export const BLOCK = 512;

export interface RawTarHeader {
  name: string;
  /** Typeflag character (`0`, `1`, `2`, `5`, `x`, `g`, `L`, `K`, …); NUL reads as `0`. */
  typeflag: string;
  size: number;
  linkname: string;
}

/** True when a 512-byte block is all zeros (end-of-archive marker). */
export function isZeroBlock(block: Uint8Array): boolean {
  for (const b of block) if (b !== 0) return false;
  return true;
}

function cString(block: Uint8Array, start: number, length: number): string {
  let end = start;
  while (end < start + length && block[end] !== 0) end++;
  return Buffer.from(block.buffer, block.byteOffset + start, end - start).toString('utf8');
}

/** Octal ASCII, or GNU base-256 when the first byte's high bit is set. */
function numeric(block: Uint8Array, start: number, length: number): number {
  const first = block[start] ?? 0;
  if (first & 0x80) {
    let value = first & 0x7f;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + (block[i] ?? 0);
    return value;
  }
  const text = cString(block, start, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return Number.NaN;
  return parseInt(text, 8);
}

/** True when the stored checksum matches the header (ustar: unsigned sum, chksum as spaces). */
function checksumOk(block: Uint8Array): boolean {
  const stored = numeric(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
  return stored === sum;
}

/** True when `block` looks like a tar header (valid checksum; ustar/GNU magic or a v7 header). */
export function looksLikeTarHeader(block: Uint8Array): boolean {
  return block.length >= BLOCK && !isZeroBlock(block) && checksumOk(block);
}

/** Decode one header block; `undefined` when it is not a valid header. */
export function decodeHeader(block: Uint8Array): RawTarHeader | undefined {
  if (!looksLikeTarHeader(block)) return undefined;
  const size = numeric(block, 124, 12);
  if (!Number.isFinite(size) || size < 0) return undefined;
  let name = cString(block, 0, 100);
  const magic = cString(block, 257, 6);
  if (magic === 'ustar') {
    const prefix = cString(block, 345, 155);
    if (prefix) name = `${prefix}/${name}`;
  }
  const flag = String.fromCharCode(block[156] ?? 0);
  return {
    name,
    typeflag: flag === '\0' ? '0' : flag,
    size,
    linkname: cString(block, 157, 100),
  };
}

/** Decode pax extended header records (`LEN key=value\n`…) into a map. */
export function decodePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) break;
    const length = parseInt(data.toString('ascii', pos, space), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.toString('utf8', space + 1, pos + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    pos += length;
  }
  return out;
}

/** Bytes occupied by `size` bytes of content, padded to whole blocks. */
export function paddedSize(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}
