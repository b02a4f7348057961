import { ErrorCodes, VigiaError } from '../../core/errors.js';

/**
 * A minimal ELF reader (System V gABI, "ELF-64 Object File Format" and the 32-bit original):
 * file header, section headers with names, program headers, for 32/64-bit and little/big
 * endian files. It reads only headers unless asked for a section's or an address's bytes.
 * Shared by the Go build-info and Rust cargo-auditable analyzers.
 */

const MAGIC = 0x7f454c46; // "\x7fELF"
const SHN_XINDEX = 0xffff;
/** Section type with no bytes in the file (`.bss`). */
export const SHT_NOBITS = 8;
/** Loadable segment. */
export const PT_LOAD = 1;
/** Segment flags. */
export const PF_X = 1;
export const PF_W = 2;

/** One section header. */
export interface ElfSection {
  name: string;
  type: number;
  addr: number;
  offset: number;
  size: number;
}

/** One program header (segment). */
export interface ElfSegment {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
}

/** The headers of an ELF file. */
export interface ElfFile {
  bits: 32 | 64;
  littleEndian: boolean;
  machine: number;
  /** Empty when the section header table is absent (stripped with sstrip and the like). */
  sections: ElfSection[];
  segments: ElfSegment[];
}

/** An ELF file whose headers are truncated or inconsistent. */
export class ElfError extends VigiaError {
  constructor(message: string) {
    super(ErrorCodes.PACKAGE_DB_INVALID, message);
    this.name = 'ElfError';
  }
}

/** True when the buffer starts with the ELF magic. */
export function isElf(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32BE(0) === MAGIC;
}

class Reader {
  constructor(
    readonly buf: Buffer,
    readonly le: boolean,
    readonly bits: 32 | 64,
  ) {}

  private check(at: number, n: number): void {
    if (at < 0 || at + n > this.buf.length)
      throw new ElfError(`truncated: ${n} bytes at offset ${at} past the end`);
  }
  u16(at: number): number {
    this.check(at, 2);
    return this.le ? this.buf.readUInt16LE(at) : this.buf.readUInt16BE(at);
  }
  u32(at: number): number {
    this.check(at, 4);
    return this.le ? this.buf.readUInt32LE(at) : this.buf.readUInt32BE(at);
  }
  u64(at: number): number {
    this.check(at, 8);
    const v = this.le ? this.buf.readBigUInt64LE(at) : this.buf.readBigUInt64BE(at);
    if (v > BigInt(Number.MAX_SAFE_INTEGER))
      throw new ElfError(`64-bit value at offset ${at} is out of range`);
    return Number(v);
  }
  /** A word: 4 bytes in ELF32, 8 in ELF64. */
  word(at: number): number {
    return this.bits === 32 ? this.u32(at) : this.u64(at);
  }
}

function readSections(
  r: Reader,
  shoff: number,
  shentsize: number,
  shnum: number,
  shstrndx: number,
): ElfSection[] {
  if (shoff === 0) return [];
  const b = r.bits === 32;
  const raw = (i: number) => {
    const at = shoff + i * shentsize;
    return {
      nameOff: r.u32(at),
      type: r.u32(at + 4),
      addr: r.word(at + (b ? 12 : 16)),
      offset: r.word(at + (b ? 16 : 24)),
      size: r.word(at + (b ? 20 : 32)),
      link: r.u32(at + (b ? 24 : 40)),
    };
  };
  // Extended numbering: counts that do not fit live in section 0.
  if (shnum === 0) shnum = raw(0).size;
  if (shstrndx === SHN_XINDEX) shstrndx = raw(0).link;
  if (shnum > 65536 * 16) throw new ElfError(`implausible section count ${shnum}`);
  const headers = Array.from({ length: shnum }, (_, i) => raw(i));
  const strtab = headers[shstrndx];
  const name = (off: number): string => {
    if (!strtab || strtab.type === SHT_NOBITS) return '';
    const start = strtab.offset + off;
    if (off >= strtab.size || start >= r.buf.length) return '';
    const end = r.buf.indexOf(0, start);
    return r.buf.toString('latin1', start, end < 0 ? r.buf.length : end);
  };
  return headers.map((h) => ({
    name: name(h.nameOff),
    type: h.type,
    addr: h.addr,
    offset: h.offset,
    size: h.size,
  }));
}

function readSegments(r: Reader, phoff: number, phentsize: number, phnum: number): ElfSegment[] {
  if (phoff === 0) return [];
  const b = r.bits === 32;
  return Array.from({ length: phnum }, (_, i) => {
    const at = phoff + i * phentsize;
    return {
      type: r.u32(at),
      flags: r.u32(at + (b ? 24 : 4)),
      offset: r.word(at + (b ? 4 : 8)),
      vaddr: r.word(at + (b ? 8 : 16)),
      filesz: r.word(at + (b ? 16 : 32)),
      memsz: r.word(at + (b ? 20 : 40)),
    };
  });
}

/** Parses the headers of an ELF file. Throws ElfError when they are truncated or invalid. */
export function parseElf(buf: Buffer): ElfFile {
  if (!isElf(buf)) throw new ElfError('not an ELF file');
  if (buf.length < 52) throw new ElfError(`truncated: ${buf.length} bytes, shorter than an ELF header`);
  const cls = buf[4];
  const data = buf[5];
  if (cls !== 1 && cls !== 2) throw new ElfError(`unknown ELF class ${cls}`);
  if (data !== 1 && data !== 2) throw new ElfError(`unknown ELF data encoding ${data}`);
  const bits = cls === 1 ? 32 : 64;
  const r = new Reader(buf, data === 1, bits);
  const b = bits === 32;
  const phoff = r.word(b ? 28 : 32);
  const shoff = r.word(b ? 32 : 40);
  const h = b ? 42 : 54;
  const [phentsize, phnum, shentsize, shnum, shstrndx] = [0, 2, 4, 6, 8].map((d) => r.u16(h + d)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const minSh = b ? 40 : 64;
  const minPh = b ? 32 : 56;
  if (shoff !== 0 && shentsize < minSh) throw new ElfError(`section header size ${shentsize} is too small`);
  if (phoff !== 0 && phnum > 0 && phentsize < minPh)
    throw new ElfError(`program header size ${phentsize} is too small`);
  const elf: ElfFile = {
    bits,
    littleEndian: r.le,
    machine: r.u16(18),
    sections: readSections(r, shoff, shentsize, shnum, shstrndx),
    segments: readSegments(r, phoff, phentsize, phnum),
  };
  // A file cut short (a truncated layer) shows as sections or segments past its end.
  for (const s of elf.sections) {
    if (s.type !== SHT_NOBITS && s.size > 0 && s.offset + s.size > buf.length) {
      throw new ElfError(
        `truncated: section ${s.name || '?'} ends at ${s.offset + s.size}, file has ${buf.length} bytes`,
      );
    }
  }
  for (const p of elf.segments) {
    if (p.filesz > 0 && p.offset + p.filesz > buf.length) {
      throw new ElfError(`truncated: segment ends at ${p.offset + p.filesz}, file has ${buf.length} bytes`);
    }
  }
  return elf;
}

/** The bytes of the named section, or undefined when it is absent or has no file data. */
export function sectionData(buf: Buffer, elf: ElfFile, name: string): Buffer | undefined {
  const s = elf.sections.find((x) => x.name === name);
  if (!s || s.type === SHT_NOBITS) return undefined;
  if (s.offset + s.size > buf.length) throw new ElfError(`section ${name} runs past the end of the file`);
  return buf.subarray(s.offset, s.offset + s.size);
}

/**
 * Up to `size` bytes at virtual address `addr`, from the loadable segment that holds it (or a
 * section, when there are no segments). Undefined when no segment maps the address.
 */
export function readVirtual(buf: Buffer, elf: ElfFile, addr: number, size: number): Buffer | undefined {
  const ranges = [
    ...elf.segments
      .filter((p) => p.type === PT_LOAD)
      .map((p) => ({ addr: p.vaddr, offset: p.offset, size: p.filesz })),
    ...elf.sections.filter((s) => s.type !== SHT_NOBITS && s.addr !== 0),
  ];
  for (const r of ranges) {
    if (addr < r.addr || addr >= r.addr + r.size) continue;
    const start = r.offset + (addr - r.addr);
    const end = Math.min(start + size, r.offset + r.size, buf.length);
    return start < end ? buf.subarray(start, end) : undefined;
  }
  return undefined;
}
