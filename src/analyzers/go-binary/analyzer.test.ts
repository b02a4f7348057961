import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PackageFact } from '../../core/package.js';
import type { EntryHeader } from '../../image/types.js';
import { fixtureImage } from '../../test-support/fixtures.js';
import { readTopFiles, type ImageFile } from '../../test-support/image-files.js';
import { goBinaryAnalyzer, GoBinaryWarnings } from './analyzer.js';
import { readGoBuildInfo } from './buildinfo.js';
import { parseElf } from './elf.js';
import { parseModInfo, type GoModule } from './modinfo.js';

const FIXTURE_DIR = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const fixture = (name: string) => readFileSync(join(FIXTURE_DIR, name));
const BINARIES = ['app-amd64', 'app-boringcrypto', 'app-mips-pointers', 'app-s390x-pointers', 'tool-386'];

const header = (
  path: string,
  size: number,
  mode = 0o755,
  type: EntryHeader['type'] = 'file',
): EntryHeader => ({
  path,
  type,
  mode,
  uid: 0,
  gid: 0,
  size,
});
const analyze = (path: string, content: Buffer) =>
  goBinaryAnalyzer.analyze({ header: header(path, content.length), content });
const show = (p: PackageFact) =>
  `${p.name}@${p.version}${p.replacedBy ? ` replacedBy ${p.replacedBy.name}${p.replacedBy.version ? `@${p.replacedBy.version}` : ''}` : ''}${p.note ? ` (${p.note})` : ''}`;
const packagesOf = (r: ReturnType<typeof analyze>) =>
  r.facts.flatMap((f) => (f.kind === 'packages' ? f.packages : []));

/** What the real `go version -m` printed for a fixture (saved by the generator script). */
function goVersionM(name: string) {
  const [first = '', ...lines] = readFileSync(join(FIXTURE_DIR, `${name}.go-version-m.txt`), 'utf8').split(
    '\n',
  );
  const out: { goVersion: string; path?: string; main?: GoModule; deps: GoModule[]; settings: string[] } = {
    goVersion: first.slice(first.indexOf(': ') + 2),
    deps: [],
    settings: [],
  };
  let last: GoModule | undefined;
  for (const line of lines) {
    const [, kind, ...f] = line.split('\t');
    const mod = (): GoModule => ({ path: f[0] ?? '', version: f[1] ?? '', ...(f[2] ? { sum: f[2] } : {}) });
    if (kind === 'path') out.path = f[0];
    if (kind === 'mod') out.main = last = mod();
    if (kind === 'dep') out.deps.push((last = mod()));
    if (kind === '=>' && last) last.replace = mod();
    if (kind === 'build') out.settings.push(f.join('\t'));
  }
  return out;
}

describe('Go build info matches the real `go version -m` on every fixture', () => {
  it.each(BINARIES)('%s', (name) => {
    const buf = fixture(name);
    const raw = readGoBuildInfo(buf, parseElf(buf));
    if (!raw) throw new Error('no build info found');
    const mod = parseModInfo(raw.modinfo);
    const expected = goVersionM(name);
    expect(raw.goVersion).toBe(expected.goVersion);
    expect(mod.problems).toEqual([]);
    expect(mod.path).toBe(expected.path);
    expect(mod.main).toEqual(expected.main);
    expect(mod.deps).toEqual(expected.deps);
    expect(mod.settings.map(([k, v]) => `${k}=${v}`)).toEqual(expected.settings);
  });

  it.each([
    ['app-amd64', 'inline', 8, 64, true],
    ['tool-386', 'inline', 4, 32, true],
    ['app-s390x-pointers', 'pointer', 8, 64, false],
    ['app-mips-pointers', 'pointer', 4, 32, false],
  ] as const)(
    '%s: %s format, %i-byte pointers, ELF%i, little-endian %s',
    (name, format, ptrSize, bits, le) => {
      const buf = fixture(name);
      const elf = parseElf(buf);
      expect(elf.bits).toBe(bits);
      expect(elf.littleEndian).toBe(le);
      expect(readGoBuildInfo(buf, elf)).toMatchObject({ format, ptrSize });
    },
  );
});

describe('goBinaryAnalyzer packages', () => {
  const appDeps = [
    'example.org/greeting-fork@v1.3.1 replacedBy example.com/greeting@v1.2.0 (replaces example.com/greeting@v1.2.0)',
    'example.com/letters@v0.0.0-20230102030405-abcdefabcdef',
    'example.com/local@v0.1.0 replacedBy ./localmod (replaced by local directory ./localmod; version is the declared one)',
    'example.com/words@v0.4.0',
  ];
  it.each([
    // Main module (devel) is not reported: a local build has no version to match.
    ['app-amd64', ['stdlib@1.19.8', ...appDeps]],
    ['app-s390x-pointers', ['stdlib@1.19.8', ...appDeps]],
    ['app-mips-pointers', ['stdlib@1.19.8', ...appDeps]],
    ['app-boringcrypto', ['stdlib@1.19.8 (X:boringcrypto)', ...appDeps]],
    [
      'tool-386',
      [
        'stdlib@1.19.8',
        'example.com/tool@v1.0.0 (main module)',
        'example.com/letters@v0.0.0-20230102030405-abcdefabcdef',
        'example.com/words@v0.4.0',
      ],
    ],
  ])('%s', (name, expected) => {
    const result = analyze(`/usr/local/bin/${name}`, fixture(name));
    expect(result.warnings).toEqual([]);
    expect(result.facts).toHaveLength(1);
    expect(result.facts[0]).toMatchObject({
      kind: 'packages',
      analyzer: 'go-binary',
      path: `/usr/local/bin/${name}`,
    });
    expect(packagesOf(result).map(show)).toEqual(expected);
    expect(packagesOf(result).every((p) => p.ecosystem === 'go')).toBe(true);
  });

  /** A copy without its section header table (e_shoff, e_shnum, e_shstrndx zeroed). */
  function withoutSections(buf: Buffer): Buffer {
    const copy = Buffer.from(buf);
    const elf = parseElf(copy);
    const b32 = elf.bits === 32;
    const u16 = (v: number, at: number) =>
      elf.littleEndian ? copy.writeUInt16LE(v, at) : copy.writeUInt16BE(v, at);
    if (b32) {
      if (elf.littleEndian) copy.writeUInt32LE(0, 32);
      else copy.writeUInt32BE(0, 32);
    } else if (elf.littleEndian) copy.writeBigUInt64LE(0n, 40);
    else copy.writeBigUInt64BE(0n, 40);
    for (const at of b32 ? [48, 50] : [60, 62]) u16(0, at);
    expect(parseElf(copy).sections).toEqual([]);
    return copy;
  }

  it.each(['app-amd64', 'tool-386', 'app-s390x-pointers', 'app-mips-pointers'])(
    '%s without section headers: found by scanning the data segment',
    (name) => {
      const full = analyze('/bin/x', fixture(name));
      const stripped = analyze('/bin/x', withoutSections(fixture(name)));
      expect(stripped.warnings).toEqual([]);
      expect(packagesOf(stripped).map(show)).toEqual(packagesOf(full).map(show));
      expect(packagesOf(stripped).length).toBeGreaterThan(2);
    },
  );
});

describe('goBinaryAnalyzer on the real debian-node-app image', () => {
  let files: Map<string, ImageFile>;
  beforeAll(async () => {
    files = await readTopFiles(
      fixtureImage('debian-node-app.oci.tar'),
      ['/usr/bin/fzf', '/usr/bin/fzf-tmux', '/usr/bin/ls'],
      'node-app',
    );
  });

  it('fzf: go1.19.8 → stdlib@1.19.8; its build info names only the main path, so no module', () => {
    const fzf = files.get('/usr/bin/fzf');
    if (!fzf) throw new Error('fzf not found in the image');
    expect(goBinaryAnalyzer.wants(fzf.header)).toBe(true);
    const raw = readGoBuildInfo(fzf.content, parseElf(fzf.content));
    expect(raw?.goVersion).toBe('go1.19.8');
    expect(parseModInfo(raw?.modinfo ?? '')).toMatchObject({ path: 'github.com/junegunn/fzf', deps: [] });
    const result = goBinaryAnalyzer.analyze(fzf);
    expect(result.warnings).toEqual([]);
    expect(packagesOf(result)).toEqual([{ ecosystem: 'go', name: 'stdlib', version: '1.19.8' }]);
  });

  it('a non-Go ELF (/usr/bin/ls) and a shell script (fzf-tmux) give nothing and no warning', () => {
    for (const path of ['/usr/bin/ls', '/usr/bin/fzf-tmux']) {
      const file = files.get(path);
      if (!file) throw new Error(`${path} not found in the image`);
      expect(goBinaryAnalyzer.wants(file.header), path).toBe(true);
      expect(goBinaryAnalyzer.analyze(file), path).toEqual({ facts: [], warnings: [] });
    }
  });
});

describe('goBinaryAnalyzer.wants', () => {
  it.each([
    ['executable', header('/usr/bin/x', 1000), true],
    ['group-executable only', header('/usr/bin/x', 1000, 0o610), true],
    ['not executable', header('/usr/lib/x.so', 1000, 0o644), false],
    ['a symlink', header('/usr/bin/x', 1000, 0o777, 'symlink'), false],
    ['a directory', header('/usr/bin', 0, 0o755, 'dir'), false],
    ['too small for ELF', header('/usr/bin/x', 10), false],
    ['over the cap', header('/usr/bin/x', 300 * 1024 * 1024), false],
  ])('%s', (_what, h, expected) => {
    expect(goBinaryAnalyzer.wants(h)).toBe(expected);
  });
});

describe('goBinaryAnalyzer on malformed input: warnings, never a throw', () => {
  const amd64 = () => fixture('app-amd64');
  it.each([
    [
      'an ELF header cut short',
      () => amd64().subarray(0, 40),
      GoBinaryWarnings.elfInvalid,
      /ELF headers unreadable: truncated/,
    ],
    [
      'a file cut in half (section headers gone)',
      () => amd64().subarray(0, 300_000),
      GoBinaryWarnings.elfInvalid,
      /truncated/,
    ],
    [
      'an inline length running past the blob',
      () => {
        const b = amd64();
        const at = b.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
        b.writeUInt8(0xff, at + 32);
        b.writeUInt8(0x7f, at + 33);
        return b;
      },
      GoBinaryWarnings.buildInfoInvalid,
      /Go build info unreadable: inline toolchain version length/,
    ],
    [
      'a pointer to an unmapped address',
      () => {
        const b = fixture('app-s390x-pointers');
        const at = b.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
        b.writeBigUInt64BE(0x7fff0000n, at + 16);
        return b;
      },
      GoBinaryWarnings.buildInfoInvalid,
      /toolchain version string header at 0x7fff0000 is not mapped/,
    ],
  ])('%s', (_what, make, code, message) => {
    const result = analyze('/bin/broken', make());
    expect(result.facts).toEqual([]);
    expect(result.warnings).toEqual([{ code, path: '/bin/broken', message: expect.stringMatching(message) }]);
    expect(result.warnings[0]?.message.startsWith('/bin/broken: ')).toBe(true);
  });

  it('a development toolchain gives the modules and a warning instead of stdlib', () => {
    const b = amd64();
    const at = b.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
    expect(b.toString('latin1', at + 33, at + 41)).toBe('go1.19.8');
    b.write('devel 19', at + 33, 'latin1');
    const result = analyze('/bin/dev', b);
    expect(packagesOf(result).map((p) => p.name)).not.toContain('stdlib');
    expect(packagesOf(result)).toHaveLength(4);
    expect(result.warnings).toEqual([
      {
        code: GoBinaryWarnings.buildInfoPartial,
        path: '/bin/dev',
        message: '/bin/dev: development toolchain "devel 19" has no release version',
      },
    ]);
  });
});
