import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../../core/errors.js';
import { buildHeader, int32, packageHeader, str, strs } from './__fixtures__/header-builder.js';
import { RpmHeader } from './header.js';
import { readRpmPackage, rpmPackageFact } from './package.js';
import { RpmTag, RpmType } from './tags.js';

function headerError(blob: Buffer): string {
  try {
    new RpmHeader(blob);
  } catch (err) {
    expect(isVigiaError(err, 'PACKAGE_DB_INVALID')).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected the header to be rejected');
}

describe('RpmHeader', () => {
  it('reads strings, string arrays and integers of every width', () => {
    const h = new RpmHeader(
      buildHeader([
        str(RpmTag.NAME, 'zlib'),
        { tag: 1004, type: RpmType.I18NSTRING, value: ['Compression library', 'Kompression'] },
        strs(RpmTag.BASENAMES, ['a', '', 'c']),
        { tag: 1030, type: RpmType.INT16, value: [0o100644, 0o40755] },
        int32(RpmTag.EPOCH, [7]),
        { tag: RpmTag.LONGSIZE, type: RpmType.INT64, value: [5_000_000_000] },
        { tag: 1105, type: RpmType.INT8, value: [1, 2] },
      ]),
    );
    expect(h.string(RpmTag.NAME)).toBe('zlib');
    expect(h.string(1004)).toBe('Compression library');
    expect(h.strings(RpmTag.BASENAMES)).toEqual(['a', '', 'c']);
    expect(h.integers(1030)).toEqual([0o100644, 0o40755]);
    expect(h.integer(RpmTag.EPOCH)).toBe(7);
    expect(h.integer(RpmTag.LONGSIZE)).toBe(5_000_000_000);
    expect(h.integers(1105)).toEqual([1, 2]);
    expect(h.has(RpmTag.VENDOR)).toBe(false);
    expect(h.string(RpmTag.VENDOR)).toBeUndefined();
  });

  it('reads a legacy header without a region', () => {
    const h = new RpmHeader(buildHeader([str(RpmTag.NAME, 'old')], { region: false }));
    expect(h.string(RpmTag.NAME)).toBe('old');
  });

  it('lets an entry appended after the immutable region override the one inside', () => {
    const blob = buildHeader(
      [str(RpmTag.NAME, 'n'), str(RpmTag.VENDOR, 'inside'), str(RpmTag.VENDOR, 'appended')],
      {
        regionCount: 2,
      },
    );
    expect(new RpmHeader(blob).string(RpmTag.VENDOR)).toBe('appended');
  });

  it('rejects a type mismatch when read', () => {
    const h = new RpmHeader(buildHeader([int32(RpmTag.NAME, [1])]));
    expect(() => h.string(RpmTag.NAME)).toThrow(/not a string/);
    expect(() => new RpmHeader(buildHeader([str(RpmTag.EPOCH, 'x')])).integer(RpmTag.EPOCH)).toThrow(
      /not an integer/,
    );
  });

  const good = packageHeader();
  const patched = (at: number, write: (b: Buffer) => void): Buffer => {
    const b = Buffer.from(good);
    write(b.subarray(at));
    return b;
  };
  const dataStart = 8 + good.readUInt32BE(0) * 16;
  function unterminated(): Buffer {
    const blob = buildHeader([{ tag: RpmTag.NAME, type: RpmType.STRING, value: Buffer.from('abc') }], {
      region: false,
    });
    blob.writeUInt32BE(1, 8 + 12); // count 1, but the 3 bytes of data have no NUL
    return blob;
  }

  it.each<[string, Buffer, RegExp]>([
    ['too short', Buffer.alloc(4), /too short/],
    ['zero index entries', Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]), /index count 0/],
    ['truncated data area', good.subarray(0, good.length - 3), /needs \d+ bytes/],
    ['huge index count', patched(0, (b) => b.writeUInt32BE(0x01000000, 0)), /index count/],
    ['unknown data type', patched(8 + 16 + 4, (b) => b.writeUInt32BE(42, 0)), /unknown data type 42/],
    [
      'offset outside the data area',
      patched(8 + 16 + 8, (b) => b.writeInt32BE(1 << 20, 0)),
      /outside the data area/,
    ],
    ['tag below 100', patched(8 + 16, (b) => b.writeInt32BE(5, 0)), /below 100/],
    [
      'region trailer damaged',
      patched(dataStart + good.readInt32BE(16), (b) => b.writeInt32BE(999, 0)),
      /region trailer/,
    ],
    ['region entry with a bad count', patched(8 + 12, (b) => b.writeUInt32BE(8, 0)), /region tag 63/],
    ['string without its NUL', unterminated(), /not NUL-terminated/],
    [
      'STRING with a count other than 1',
      buildHeader([{ tag: RpmTag.NAME, type: RpmType.STRING, value: Buffer.from('a\0b\0') }]),
      /STRING with count 4/,
    ],
  ])('rejects %s', (_label, blob, message) => {
    expect(headerError(blob)).toMatch(message);
  });

  it('rejects an int32 entry whose offset is not 4-aligned', () => {
    const blob = buildHeader([str(RpmTag.NAME, 'ab'), int32(RpmTag.EPOCH, [1])], { region: false });
    blob.writeInt32BE(1, 8 + 16 + 8); // EPOCH entry's offset → 1
    expect(headerError(blob)).toMatch(/misaligned/);
  });
});

describe('readRpmPackage / rpmPackageFact', () => {
  const fact = (blob: Buffer) => rpmPackageFact(readRpmPackage(new RpmHeader(blob)));

  it.each<[string, Buffer, Record<string, unknown>]>([
    ['no epoch', packageHeader(), { version: '1.2-3.el9' }],
    [
      'epoch 0 is kept, as rpm prints it',
      packageHeader([int32(RpmTag.EPOCH, [0])]),
      { version: '0:1.2-3.el9' },
    ],
    [
      'epoch applies to the source version too',
      packageHeader([int32(RpmTag.EPOCH, [32]), str(RpmTag.SOURCERPM, 'bind-9.9.4-61.el7_5.1.src.rpm')]),
      { version: '32:1.2-3.el9', source: { name: 'bind', version: '32:9.9.4-61.el7_5.1' } },
    ],
    [
      'tilde and caret versions untouched',
      buildHeader([str(RpmTag.NAME, 'x'), str(RpmTag.VERSION, '1.0~rc1^git2'), str(RpmTag.RELEASE, '0.1')]),
      { version: '1.0~rc1^git2-0.1' },
    ],
    [
      'licence, vendor, modularity label',
      packageHeader([
        str(RpmTag.LICENSE, 'MIT and BSD'),
        str(RpmTag.VENDOR, 'Rocky Enterprise Software Foundation'),
        str(RpmTag.MODULARITYLABEL, 'nodejs:18:8090020231019152822:a75119d5'),
      ]),
      {
        licenses: ['MIT and BSD'],
        vendor: 'Rocky Enterprise Software Foundation',
        note: 'modularitylabel: nodejs:18:8090020231019152822:a75119d5',
      },
    ],
    [
      'files from DIRNAMES[DIRINDEXES[i]] + BASENAMES[i]',
      packageHeader([
        strs(RpmTag.BASENAMES, ['bin', 'demo', 'demo.conf']),
        strs(RpmTag.DIRNAMES, ['/usr/', '/usr/bin/', '/etc/']),
        int32(RpmTag.DIRINDEXES, [0, 1, 2]),
      ]),
      { files: ['/usr/bin', '/usr/bin/demo', '/etc/demo.conf'] },
    ],
    [
      'legacy OLDFILENAMES',
      packageHeader([strs(RpmTag.OLDFILENAMES, ['/bin/sh', '/etc/x'])]),
      { files: ['/bin/sh', '/etc/x'] },
    ],
    ['no files', packageHeader(), { files: [] }],
    [
      'a source RPM name that is not name-version-release is left out',
      packageHeader([str(RpmTag.SOURCERPM, 'weird.src.rpm')]),
      {},
    ],
  ])('%s', (_label, blob, expected) => {
    const f = fact(blob);
    expect(f).toMatchObject({ ecosystem: 'rpm', name: expect.any(String), ...expected });
    if (!('source' in expected)) expect(f.source).toBeUndefined();
  });

  it.each<[string, Buffer, RegExp]>([
    ['no NAME', buildHeader([str(RpmTag.VERSION, '1'), str(RpmTag.RELEASE, '1')]), /lacks NAME/],
    [
      'no RELEASE',
      buildHeader([str(RpmTag.NAME, 'x'), str(RpmTag.VERSION, '1')]),
      /lacks NAME, VERSION or RELEASE/,
    ],
    [
      'DIRINDEXES shorter than BASENAMES',
      packageHeader([
        strs(RpmTag.BASENAMES, ['a', 'b']),
        strs(RpmTag.DIRNAMES, ['/']),
        int32(RpmTag.DIRINDEXES, [0]),
      ]),
      /2 BASENAMES but 1 DIRINDEXES/,
    ],
    [
      'DIRINDEXES pointing outside DIRNAMES',
      packageHeader([
        strs(RpmTag.BASENAMES, ['a']),
        strs(RpmTag.DIRNAMES, ['/']),
        int32(RpmTag.DIRINDEXES, [3]),
      ]),
      /outside DIRNAMES/,
    ],
  ])('rejects %s', (_label, blob, message) => {
    expect(() => readRpmPackage(new RpmHeader(blob))).toThrow(message);
  });
});
