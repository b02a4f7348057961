import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { PackageFact } from '../../core/package.js';
import type { EntryHeader } from '../../image/types.js';
import { FIXTURES } from '../../test-support/fixtures.js';
import { parseElf } from '../go-binary/elf.js';
import { rustAnalyzer, RustWarnings } from './analyzer.js';
import { decodeAuditData } from './auditable.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const auditable = () => readFileSync(here('./__fixtures__/hello-auditable'));
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
const run = (path: string, content: Buffer, mode = 0o755) =>
  rustAnalyzer.analyze({ header: header(path, content.length, mode), content });
const packagesOf = (r: ReturnType<typeof run>) =>
  r.facts.flatMap((f) => (f.kind === 'packages' ? f.packages : []));
const show = (p: PackageFact) => `${p.name}@${p.version}${p.note ? ` (${p.note})` : ''}`;

describe('rustAnalyzer.wants', () => {
  it.each([
    ['/src/app/Cargo.lock', 'file', 0o644, 100, true],
    ['/Cargo.lock', 'file', 0o644, 100, true],
    ['/src/app/Cargo.lock', 'symlink', 0o777, 100, false],
    ['/src/app/Cargo.toml', 'file', 0o644, 100, false],
    ['/src/app/NotCargo.lock', 'file', 0o644, 100, false],
    ['/usr/local/bin/rg', 'file', 0o755, 5_000_000, true],
    ['/usr/lib/libfoo.so', 'file', 0o644, 5_000_000, false],
  ] as const)('%s (%s, %o)', (path, type, mode, size, expected) => {
    expect(rustAnalyzer.wants(header(path, size, mode, type))).toBe(expected);
  });
});

describe('cargo-auditable binaries', () => {
  it('reports the runtime crates of the .dep-v0 section, not the build-only ones', () => {
    const result = run('/usr/local/bin/hello-auditable', auditable());
    expect(result.warnings).toEqual([]);
    expect(result.facts).toHaveLength(1);
    expect(result.facts[0]).toMatchObject({
      kind: 'packages',
      analyzer: 'rust',
      path: '/usr/local/bin/hello-auditable',
    });
    // From the generator's JSON: cc, syn (kind build) and hello-macros (a build-only proc-macro) are left out.
    expect(packagesOf(result).map(show)).toEqual([
      'aho-corasick@0.7.20',
      'hello-auditable@0.1.0 (root crate; source local)',
      'memchr@2.5.0',
      'regex@1.7.3',
      'rgb-util@0.3.0-alpha.2 (source git)',
      'tiny-registry-crate@1.0.0 (source registry)',
      'regex-syntax@0.6.29',
    ]);
    expect(packagesOf(result).every((p) => p.ecosystem === 'cargo')).toBe(true);
  });

  it('the decoded section is the JSON saved beside the fixture', () => {
    const buf = auditable();
    const elf = parseElf(buf);
    const section = elf.sections.find((s) => s.name === '.dep-v0');
    if (!section) throw new Error('no .dep-v0 section');
    const saved = JSON.parse(readFileSync(here('./__fixtures__/hello-auditable.dep-v0.json'), 'utf8')) as {
      packages: unknown[];
    };
    expect(decodeAuditData(buf.subarray(section.offset, section.offset + section.size))).toEqual(
      saved.packages,
    );
  });

  it('a corrupt section gives a warning naming the file', () => {
    const buf = auditable();
    const s = parseElf(buf).sections.find((x) => x.name === '.dep-v0');
    if (!s) throw new Error('no .dep-v0 section');
    buf.fill(0x41, s.offset + 2, s.offset + 40);
    const result = run('/bin/hello', buf);
    expect(result.facts).toEqual([]);
    expect(result.warnings).toEqual([
      {
        code: RustWarnings.auditInvalid,
        path: '/bin/hello',
        message: expect.stringMatching(/^\/bin\/hello: bad zlib data in \.dep-v0: /),
      },
    ]);
  });

  it.each([
    ['not zlib', Buffer.from('plain text'), /bad zlib data/],
    ['invalid JSON', deflateSync('{"packages":[{'), /invalid JSON in \.dep-v0/],
    ['no packages array', deflateSync('{"pkgs":[]}'), /unexpected audit data in \.dep-v0: packages: /],
    ['a package without version', deflateSync('{"packages":[{"name":"a"}]}'), /packages\.0\.version/],
    [
      'a negative dependency index',
      deflateSync('{"packages":[{"name":"a","version":"1.0.0","dependencies":[-1]}]}'),
      /dependencies/,
    ],
  ])('decodeAuditData rejects %s', (_what, data, message) => {
    expect(() => decodeAuditData(data)).toThrow(message);
  });

  it('accepts the minimal forms of the schema (kind, source and root omitted; source as {"Other"})', () => {
    const data = deflateSync(
      '{"packages":[{"name":"a","version":"1.0.0"},{"name":"b","version":"2.0.0","source":{"Other":"hg"}}]}',
    );
    expect(decodeAuditData(data)).toEqual([
      { name: 'a', version: '1.0.0' },
      { name: 'b', version: '2.0.0', source: { Other: 'hg' } },
    ]);
  });

  it('a Go binary (an ELF without .dep-v0) gives nothing', () => {
    const go = readFileSync(here('../go-binary/__fixtures__/app-amd64'));
    expect(run('/usr/bin/app', go)).toEqual({ facts: [], warnings: [] });
  });
});

describe('Cargo.lock', () => {
  const lock = (dir: string) => readFileSync(join(FIXTURES, 'pkgdb/rust', dir, 'Cargo.lock'));

  it('old format (no version key): 14 packages as counted in MANIFEST.tsv', () => {
    const result = run('/src/app/Cargo.lock', lock('cargo-v1'), 0o644);
    expect(result.warnings).toEqual([]);
    const pkgs = packagesOf(result);
    expect(pkgs).toHaveLength(14);
    expect(pkgs.map(show)).toEqual(
      expect.arrayContaining([
        'ansi_term@0.12.1',
        'errno@0.3.9',
        'matches@0.1.8',
        'windows-sys@0.52.0',
        'windows-sys@0.59.0',
      ]),
    );
    expect(pkgs.every((p) => p.ecosystem === 'cargo' && p.note === undefined)).toBe(true);
  });

  it('version 3: 9 packages, the workspace member without source included and marked', () => {
    const result = run('/src/app/Cargo.lock', lock('cargo-v3'), 0o644);
    expect(result.warnings).toEqual([]);
    expect(packagesOf(result).map(show)).toEqual([
      'aho-corasick@0.7.20',
      'app@0.1.0 (local crate (no registry source))',
      'libc@0.2.140',
      'memchr@1.0.2',
      'memchr@2.5.0',
      'regex@1.7.3',
      'regex-syntax@0.5.6',
      'regex-syntax@0.6.29',
      'ucd-util@0.1.10',
    ]);
  });

  it('the oldest format: [root] table plus [metadata] checksums; v4 with git and sparse sources', () => {
    const oldest = [
      '[root]',
      'name = "app"',
      'version = "0.1.0"',
      'dependencies = ["libc 0.2.20 (registry+https://github.com/rust-lang/crates.io-index)"]',
      '',
      '[[package]]',
      'name = "libc"',
      'version = "0.2.20"',
      'source = "registry+https://github.com/rust-lang/crates.io-index"',
      '',
      '[metadata]',
      '"checksum libc 0.2.20 (registry+https://github.com/rust-lang/crates.io-index)" = "684f330624d8c3784fb9558ca46c4ce488073a8d22450415c5eb4f4cfb0d11b5"',
    ].join('\n');
    expect(packagesOf(run('/x/Cargo.lock', Buffer.from(oldest))).map(show)).toEqual([
      'app@0.1.0 (local crate (no registry source))',
      'libc@0.2.20',
    ]);
    const v4 = [
      'version = 4',
      '[[package]]',
      'name = "serde"',
      'version = "1.0.219"',
      'source = "sparse+https://index.crates.io/"',
      '[[package]]',
      'name = "tokio"',
      'version = "1.45.0"',
      'source = "git+https://github.com/tokio-rs/tokio?branch=master#0123abc"',
      '[[package]]',
      'name = "inhouse"',
      'version = "2.1.0"',
      'source = "sparse+https://crates.example.org/index/"',
    ].join('\n');
    expect(packagesOf(run('/x/Cargo.lock', Buffer.from(v4))).map(show)).toEqual([
      'serde@1.0.219',
      'tokio@1.45.0 (git source https://github.com/tokio-rs/tokio?branch=master#0123abc)',
      'inhouse@2.1.0 (alternative registry sparse+https://crates.example.org/index/)',
    ]);
  });

  it.each([
    [
      'invalid TOML',
      'version = 3\n[[package]]\nname = "a"\nversion = \n',
      /^\/x\/Cargo\.lock: invalid TOML at line 4, column \d+: /,
    ],
    [
      'a package without version',
      '[[package]]\nname = "a"\n',
      /^\/x\/Cargo\.lock: package entry 1 \(a\): version: /,
    ],
    [
      'package is not an array of tables',
      'package = "x"\n',
      /^\/x\/Cargo\.lock: not a Cargo\.lock: package /,
    ],
    ['no packages at all', 'version = 3\n', /^\/x\/Cargo\.lock: no \[\[package\]\] entries$/],
  ])('%s → warning', (_what, text, message) => {
    const result = run('/x/Cargo.lock', Buffer.from(text), 0o644);
    expect(result.facts).toEqual([]);
    expect(result.warnings).toEqual([
      { code: RustWarnings.lockInvalid, path: '/x/Cargo.lock', message: expect.stringMatching(message) },
    ]);
  });

  it('a malformed entry is skipped with a warning, the others are kept', () => {
    const text = '[[package]]\nname = "a"\nversion = "1.0.0"\n[[package]]\nname = "b"\nversion = 2\n';
    const result = run('/x/Cargo.lock', Buffer.from(text), 0o644);
    expect(packagesOf(result).map(show)).toEqual(['a@1.0.0 (local crate (no registry source))']);
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/package entry 2 \(b\): version: /),
    ]);
  });
});
