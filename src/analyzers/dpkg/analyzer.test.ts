import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../core/facts.js';
import type { PackageFact } from '../../core/package.js';
import { FIXTURES, fixtureImage } from '../../test-support/fixtures.js';
import { fileHeader, readImageFiles, type ImageFile } from '../../test-support/image-files.js';
import { dpkgAnalyzer } from './analyzer.js';

const STATUS = '/var/lib/dpkg/status';

function analyze(path: string, content: Buffer | string) {
  const buf = Buffer.from(content);
  const { facts, warnings } = dpkgAnalyzer.analyze({ header: fileHeader(path, buf), content: buf });
  const packages = facts.flatMap((f) => (f.kind === 'packages' ? f.packages : []));
  return { facts, packages, warnings };
}

/** Rows as dpkg-query printed them (see scripts/analyzers/gen-dpkg-goldens.mjs). */
function golden(name: string): string[] {
  const text = readFileSync(join(import.meta.dirname, '__fixtures__', `${name}.dpkg-query.tsv`), 'utf8');
  return text
    .split('\n')
    .slice(1)
    .filter((l) => l !== '');
}

const row = (p: PackageFact) => [p.name, p.version, p.source?.name, p.source?.version, p.arch].join('\t');

/** The files dpkg wants from an image's layers, the top-most copy of each path. */
async function imageDpkgFiles(image: string, ref: string): Promise<Map<string, ImageFile>> {
  const files = await readImageFiles(fixtureImage(image), (p) => p.startsWith('/var/lib/dpkg/'), ref);
  const top = new Map<string, ImageFile>();
  for (const f of files)
    if (f.header.type === 'file' && dpkgAnalyzer.wants(fileHeader(f.header.path, f.content)))
      top.set(f.header.path, f);
  return top;
}

describe('dpkgAnalyzer.wants', () => {
  it.each([
    ['/var/lib/dpkg/status', 'file', true],
    ['/var/lib/dpkg/status', 'symlink', false],
    ['/var/lib/dpkg/status-old', 'file', false],
    ['/var/lib/dpkg/status.d/libsqlite3-0', 'file', true],
    ['/var/lib/dpkg/status.d/python3.11', 'file', true],
    ['/var/lib/dpkg/status.d/libsqlite3-0.md5sums', 'file', false],
    ['/var/lib/dpkg/status.d/', 'file', false],
    ['/var/lib/dpkg/status.d/sub/x', 'file', false],
    ['/var/lib/dpkg/info/fzf.list', 'file', true],
    ['/var/lib/dpkg/info/libc6:amd64.list', 'file', true],
    ['/var/lib/dpkg/info/fzf.md5sums', 'file', false],
    ['/var/lib/dpkg/info/.list', 'file', false],
    ['/var/lib/dpkg/info/x/y.list', 'file', false],
    ['/opt/var/lib/dpkg/status', 'file', false],
  ] as const)('%s (%s) → %s', (path, type, expected) => {
    expect(dpkgAnalyzer.wants({ ...fileHeader(path, ''), type })).toBe(expected);
  });
});

describe('dpkg status: same packages as dpkg-query', () => {
  it('ubuntu 18.04 full status: 90 installed of 91 stanzas (git is deinstall ok config-files)', () => {
    const file = join(FIXTURES, 'pkgdb/dpkg/ubuntu18.04-full/var/lib/dpkg/status');
    const { facts, packages, warnings } = analyze(STATUS, readFileSync(file));
    expect(warnings).toEqual([]);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ kind: 'packages', analyzer: 'dpkg', path: STATUS });
    expect(packages).toHaveLength(90);
    expect(packages.map(row).sort()).toEqual(golden('ubuntu18.04-full'));
    expect(packages.find((p) => p.name === 'git')).toBeUndefined();
    // epoch kept, Source: with its own version, Source: without one
    const byName = new Map(packages.map((p) => [p.name, p]));
    expect(byName.get('fdisk')).toMatchObject({
      version: '2.31.1-0.4ubuntu3.1',
      source: { name: 'util-linux', version: '2.31.1-0.4ubuntu3.1' },
    });
    expect(byName.get('liblzma5')?.source).toEqual({ name: 'xz-utils', version: '5.1.1alpha+20120614-2' });
    expect(byName.get('libpam-runtime')?.source).toEqual({ name: 'pam', version: '1.1.8-3.6ubuntu2' });
    // 14 stanzas carry an epoch, one of them the config-files-only git; dpkg-query lists 13
    expect(packages.filter((p) => /^\d+:/.test(p.version)).length).toBe(13);
    expect(packages.every((p) => p.ecosystem === 'deb')).toBe(true);
  });

  it.each([
    ['debian-node-app.oci.tar', 'bookworm', 88],
    ['debian-node-app.oci.tar', 'node-app', 141],
    ['debian-bullseye.oci.tar', 'bullseye', 96],
  ])('%s %s: %i packages', async (image, ref, count) => {
    const status = (await imageDpkgFiles(image, ref)).get(STATUS);
    expect(status).toBeDefined();
    const { packages, warnings } = analyze(STATUS, status!.content);
    expect(warnings).toEqual([]);
    expect(packages).toHaveLength(count);
    expect(packages.map(row).sort()).toEqual(golden(ref));
  });
});

describe('distroless status.d (one package per file)', () => {
  it.each([
    [
      'distroless-debian11-arm64-libsqlite3',
      'libsqlite3-0',
      {
        name: 'libsqlite3-0',
        version: '3.34.1-3',
        source: { name: 'sqlite3', version: '3.34.1-3' },
        arch: 'arm64',
      },
    ],
    [
      'distroless-debian9-dash-netbase',
      'dash',
      { name: 'dash', version: '0.5.8-2.4', source: { name: 'dash', version: '0.5.8-2.4' }, arch: 'amd64' },
    ],
    [
      'distroless-debian9-dash-netbase',
      'netbase',
      { name: 'netbase', version: '5.4', source: { name: 'netbase', version: '5.4' }, arch: 'all' },
    ],
  ])('%s %s', (dir, file, expected) => {
    const path = `/var/lib/dpkg/status.d/${file}`;
    const { facts, packages, warnings } = analyze(
      path,
      readFileSync(join(FIXTURES, 'pkgdb/dpkg', dir, path)),
    );
    expect(warnings).toEqual([]);
    expect(facts[0]).toMatchObject({ kind: 'packages', path });
    expect(packages).toEqual([{ ecosystem: 'deb', ...expected }]);
  });
});

describe('dpkg info/*.list → owned-files', () => {
  it('node-app: one list per installed package; language files are owned by their dpkg package', async () => {
    const files = await imageDpkgFiles('debian-node-app.oci.tar', 'node-app');
    const owned: Array<Extract<Fact, { kind: 'owned-files' }>> = [];
    for (const f of files.values()) {
      for (const fact of dpkgAnalyzer.analyze({
        header: fileHeader(f.header.path, f.content),
        content: f.content,
      }).facts) {
        if (fact.kind === 'owned-files') owned.push(fact);
      }
    }
    const installed = new Set(golden('node-app').map((l) => l.split('\t')[0]));
    expect(new Set(owned.map((o) => o.owner))).toEqual(installed);
    const ownerOf = (path: string) => owned.filter((o) => o.files.includes(path)).map((o) => o.owner);
    expect(ownerOf('/usr/bin/fzf')).toEqual(['fzf']);
    expect(ownerOf('/usr/share/nodejs/undici/package.json')).toEqual(['node-undici']);
    expect(ownerOf('/usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO')).toEqual([
      'python3-requests',
    ]);
    expect(ownerOf('/usr/share/java/snakeyaml-1.33.jar')).toEqual(['libyaml-snake-java']);
    const libc = owned.find((o) => o.owner === 'libc6');
    expect(libc?.path).toBe('/var/lib/dpkg/info/libc6:amd64.list');
    expect(libc?.files[0]).toBe('/.');
  });

  it('keeps every line, drops empty ones and CRs', () => {
    const { facts } = analyze('/var/lib/dpkg/info/foo:arm64.list', '/.\r\n/usr\n/usr/bin\n/usr/bin/foo\n\n');
    expect(facts).toEqual([
      {
        kind: 'owned-files',
        analyzer: 'dpkg',
        path: '/var/lib/dpkg/info/foo:arm64.list',
        owner: 'foo',
        files: ['/.', '/usr', '/usr/bin', '/usr/bin/foo'],
      },
    ]);
  });
});

describe('dpkg status (inline cases)', () => {
  const stanza = (fields: string) => `${fields}\nDescription: x\n more text\n .\n end\n`;

  it.each<[string, string, Partial<PackageFact> | undefined]>([
    [
      'epoch and tilde kept',
      'Package: a\nStatus: install ok installed\nVersion: 1:2.3~rc1-4',
      { version: '1:2.3~rc1-4' },
    ],
    [
      'Source with its own version (binNMU)',
      'Package: b\nStatus: install ok installed\nSource: bsrc (1.0-1)\nVersion: 1.0-1+b2\nArchitecture: amd64',
      { version: '1.0-1+b2', source: { name: 'bsrc', version: '1.0-1' }, arch: 'amd64' },
    ],
    [
      'Source without version',
      'Package: c\nStatus: install ok installed\nSource: csrc\nVersion: 2',
      { source: { name: 'csrc', version: '2' } },
    ],
    ['hold ok installed counts', 'Package: d\nStatus: hold ok installed\nVersion: 1', { name: 'd' }],
    [
      'deinstall ok installed counts (still on disk)',
      'Package: e\nStatus: deinstall ok installed\nVersion: 1',
      { name: 'e' },
    ],
    [
      'half-installed does not',
      'Package: f\nStatus: install reinstreq half-installed\nVersion: 1',
      undefined,
    ],
    ['config-files does not', 'Package: g\nStatus: deinstall ok config-files\nVersion: 1', undefined],
    ['not-installed does not', 'Package: h\nStatus: purge ok not-installed\nVersion: 1', undefined],
    [
      'field names are case-insensitive',
      'package: i\nstatus: install ok installed\nVERSION: 3',
      { name: 'i', version: '3' },
    ],
  ])('%s', (_label, fields, expected) => {
    const { packages, warnings } = analyze(STATUS, stanza(fields));
    expect(warnings).toEqual([]);
    if (expected === undefined) expect(packages).toEqual([]);
    else expect(packages).toEqual([expect.objectContaining(expected)]);
  });

  it('skips a stanza without a version with a warning, keeps the others', () => {
    const text =
      'Package: ok\nStatus: install ok installed\nVersion: 1\n\nPackage: broken\nStatus: install ok installed\n';
    const { packages, warnings } = analyze(STATUS, text);
    expect(packages.map((p) => p.name)).toEqual(['ok']);
    expect(warnings).toEqual([
      {
        code: 'package-skipped',
        message: `${STATUS}: skipped package broken (line 5): no Version: field`,
        path: STATUS,
      },
    ]);
  });

  it('a file without any stanza is a package-db-invalid warning; an empty one is an empty list', () => {
    expect(analyze(STATUS, '\u0000\u0001\u0002 garbage').warnings).toMatchObject([
      { code: 'package-db-invalid' },
    ]);
    const empty = analyze(STATUS, '');
    expect(empty.warnings).toEqual([]);
    expect(empty.facts).toEqual([{ kind: 'packages', analyzer: 'dpkg', path: STATUS, packages: [] }]);
  });
});
