import { ErrorCodes, VigiaError } from '../../core/errors.js';
import { PF_W, PF_X, PT_LOAD, readVirtual, sectionData, type ElfFile } from './elf.js';

/**
 * Finds and decodes the build-info blob the Go linker leaves in executables (Go ≥ 1.13), as
 * `debug/buildinfo` does: a 32-byte header (`\xff Go buildinf:`, pointer size, flags) 16-byte
 * aligned at the start of `.go.buildinfo` or near the start of the first writable data segment.
 * - Flag bit 2 (Go ≥ 1.18): the toolchain version and the module info follow the header inline,
 *   each prefixed by its uvarint length.
 * - Otherwise (Go 1.13–1.17): two pointers (at 16 and 16+ptrSize, endianness from flag bit 1)
 *   to Go string headers `{data, len}` for `runtime.buildVersion` and `runtime.modinfo`.
 */

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER_SIZE = 32;
const ALIGN = 16;
/** How far into the data segment the blob is looked for (the linker puts it near the start). */
const SEARCH_BYTES = 64 * 1024;
const FLAG_BIG_ENDIAN = 1;
const FLAG_INLINE = 2;

/** The raw build info of a Go executable. */
export interface RawBuildInfo {
  /** Toolchain version as written, e.g. `go1.19.8` or `go1.22.0 X:boringcrypto`. */
  goVersion: string;
  /** Module info with its sentinels stripped; empty when built without modules. */
  modinfo: string;
  format: 'inline' | 'pointer';
  ptrSize: number;
}

/** A blob was found but cannot be decoded. */
export class BuildInfoError extends VigiaError {
  constructor(message: string) {
    super(ErrorCodes.PACKAGE_DB_INVALID, message);
    this.name = 'BuildInfoError';
  }
}

function findMagic(data: Buffer): Buffer | undefined {
  for (let i = data.indexOf(MAGIC); i >= 0; i = data.indexOf(MAGIC, i + 1)) {
    if (i % ALIGN === 0 && data.length - i >= HEADER_SIZE) return data.subarray(i);
  }
  return undefined;
}

/** Where the blob should be: the `.go.buildinfo` section, else the first writable data segment. */
function searchArea(buf: Buffer, elf: ElfFile): Buffer | undefined {
  if (elf.sections.length > 0) {
    // With section headers the lookup is conclusive: no `.go.buildinfo`, not a Go executable.
    return sectionData(buf, elf, '.go.buildinfo')?.subarray(0, SEARCH_BYTES);
  }
  const data = elf.segments.find((p) => p.type === PT_LOAD && (p.flags & (PF_X | PF_W)) === PF_W);
  return data && readVirtual(buf, elf, data.vaddr, SEARCH_BYTES);
}

function uvarint(b: Buffer, at: number): [value: number, next: number] | undefined {
  let value = 0;
  let scale = 1;
  for (let i = at; i < b.length && i < at + 10; i++) {
    const byte = b[i] ?? 0;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, i + 1];
    scale *= 128;
  }
  return undefined;
}

function inlineStrings(blob: Buffer): [Buffer, Buffer] {
  const out: Buffer[] = [];
  let at = HEADER_SIZE;
  for (const what of ['toolchain version', 'module info']) {
    const v = uvarint(blob, at);
    if (!v || v[1] + v[0] > blob.length) throw new BuildInfoError(`inline ${what} length runs past the blob`);
    out.push(blob.subarray(v[1], v[1] + v[0]));
    at = v[1] + v[0];
  }
  return [out[0] ?? Buffer.alloc(0), out[1] ?? Buffer.alloc(0)];
}

function pointerStrings(
  buf: Buffer,
  elf: ElfFile,
  blob: Buffer,
  ptrSize: number,
  bigEndian: boolean,
): [Buffer, Buffer] {
  const ptr = (b: Buffer, at: number): number => {
    if (ptrSize === 4) return bigEndian ? b.readUInt32BE(at) : b.readUInt32LE(at);
    const v = bigEndian ? b.readBigUInt64BE(at) : b.readBigUInt64LE(at);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(v);
  };
  const goString = (addr: number, what: string): Buffer => {
    const hdr = readVirtual(buf, elf, addr, 2 * ptrSize);
    if (!hdr || hdr.length < 2 * ptrSize)
      throw new BuildInfoError(`${what} string header at 0x${addr.toString(16)} is not mapped`);
    const dataAddr = ptr(hdr, 0);
    const len = ptr(hdr, ptrSize);
    if (len === 0) return Buffer.alloc(0);
    const data = readVirtual(buf, elf, dataAddr, len);
    if (!data || data.length < len)
      throw new BuildInfoError(`${what} (${len} bytes at 0x${dataAddr.toString(16)}) is not mapped`);
    return data.subarray(0, len);
  };
  return [goString(ptr(blob, 16), 'toolchain version'), goString(ptr(blob, 16 + ptrSize), 'module info')];
}

/**
 * The build info of a Go ELF executable, or undefined when it is not one. Throws
 * BuildInfoError when a blob is present but cannot be decoded.
 */
export function readGoBuildInfo(buf: Buffer, elf: ElfFile): RawBuildInfo | undefined {
  const area = searchArea(buf, elf);
  const blob = area && findMagic(area);
  if (!blob) return undefined;
  const ptrSize = blob[14] ?? 0;
  const flags = blob[15] ?? 0;
  const inline = (flags & FLAG_INLINE) !== 0;
  if (!inline && ptrSize !== 4 && ptrSize !== 8)
    throw new BuildInfoError(`pointer size ${ptrSize} is invalid`);
  const [goVersion, rawMod] = inline
    ? inlineStrings(blob)
    : pointerStrings(buf, elf, blob, ptrSize, (flags & FLAG_BIG_ENDIAN) !== 0);
  if (goVersion.length === 0) throw new BuildInfoError('build info has an empty toolchain version');
  // Module info is framed by two 16-byte sentinels (cmd/go/internal/modload infoStart/infoEnd).
  const framed = rawMod.length >= 33 && rawMod[rawMod.length - 17] === 0x0a;
  return {
    goVersion: goVersion.toString('utf8'),
    modinfo: framed ? rawMod.toString('utf8', 16, rawMod.length - 16) : '',
    format: inline ? 'inline' : 'pointer',
    ptrSize,
  };
}
