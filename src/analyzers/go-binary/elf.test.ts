import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ElfError, isElf, parseElf, readVirtual, sectionData } from './elf.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url)));

describe('parseElf', () => {
  it('reads section names and segments of a real ELF64 LE executable (as readelf shows them)', () => {
    const elf = parseElf(fixture('app-amd64'));
    expect(elf).toMatchObject({ bits: 64, littleEndian: true, machine: 62 });
    expect(elf.sections.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        '',
        '.text',
        '.rodata',
        '.go.buildinfo',
        '.noptrdata',
        '.data',
        '.bss',
        '.shstrtab',
      ]),
    );
    expect(elf.segments.filter((p) => p.type === 1)).toHaveLength(3);
  });

  it('reads ELF32 big-endian (mips) the same way', () => {
    const elf = parseElf(fixture('app-mips-pointers'));
    expect(elf).toMatchObject({ bits: 32, littleEndian: false, machine: 8 });
    expect(
      sectionData(fixture('app-mips-pointers'), elf, '.go.buildinfo')?.subarray(0, 14).toString('latin1'),
    ).toBe('\xff Go buildinf:');
  });

  it('follows extended section numbering (e_shnum = 0, e_shstrndx = SHN_XINDEX)', () => {
    const buf = fixture('app-amd64');
    const plain = parseElf(buf);
    const shoff = Number(buf.readBigUInt64LE(40));
    const shnum = buf.readUInt16LE(60);
    const shstrndx = buf.readUInt16LE(62);
    buf.writeUInt16LE(0, 60);
    buf.writeUInt16LE(0xffff, 62);
    buf.writeBigUInt64LE(BigInt(shnum), shoff + 32); // section 0 sh_size
    buf.writeUInt32LE(shstrndx, shoff + 40); // section 0 sh_link
    const extended = parseElf(buf);
    expect(extended.sections.slice(1)).toEqual(plain.sections.slice(1));
  });

  it('translates virtual addresses through PT_LOAD segments', () => {
    const buf = fixture('app-amd64');
    const elf = parseElf(buf);
    const s = elf.sections.find((x) => x.name === '.go.buildinfo');
    if (!s) throw new Error('no .go.buildinfo');
    expect(readVirtual(buf, elf, s.addr, 32)?.equals(buf.subarray(s.offset, s.offset + 32))).toBe(true);
    expect(readVirtual(buf, elf, 0x10, 4)).toBeUndefined();
  });

  it.each([
    ['not ELF', Buffer.from('#!/bin/sh\n'.repeat(10)), /not an ELF file/],
    ['a bare magic', Buffer.from('\x7fELF', 'latin1'), /shorter than an ELF header/],
    [
      'an unknown class',
      Buffer.concat([Buffer.from('\x7fELF\x03\x01', 'latin1'), Buffer.alloc(60)]),
      /unknown ELF class 3/,
    ],
    [
      'an unknown encoding',
      Buffer.concat([Buffer.from('\x7fELF\x02\x03', 'latin1'), Buffer.alloc(60)]),
      /data encoding 3/,
    ],
    ['headers past the end', fixture('app-amd64').subarray(0, 500), /truncated/],
  ])('rejects %s', (_what, buf, message) => {
    expect(() => parseElf(buf)).toThrow(ElfError);
    expect(() => parseElf(buf)).toThrow(message);
  });

  it('isElf checks the magic only', () => {
    expect(isElf(Buffer.from('\x7fELF', 'latin1'))).toBe(true);
    expect(isElf(Buffer.from('\x7fEL', 'latin1'))).toBe(false);
    expect(isElf(Buffer.from('MZ\x90\x00', 'latin1'))).toBe(false);
  });
});
