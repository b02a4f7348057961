import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackageFact } from '../../core/package.js';
import { fixtureImage } from '../../test-support/fixtures.js';
import { fileHeader, readImageFiles } from '../../test-support/image-files.js';
import { DBS, PKGDB_RPM } from './__fixtures__/dbs.js';
import { rpmAnalyzer } from './analyzer.js';
import { readRpmDb } from './database.js';
import { RpmHeader } from './header.js';
import { readRpmPackage } from './package.js';

function analyze(path: string, content: Buffer) {
  const { facts, warnings } = rpmAnalyzer.analyze({ header: fileHeader(path, content), content });
  const packages = facts.flatMap((f) => (f.kind === 'packages' ? f.packages : []));
  return { facts, packages, warnings };
}

/** Rows of `rpm -qa` (scripts/analyzers/gen-rpm-goldens.mjs), split into columns. */
function golden(name: string): string[][] {
  const text = readFileSync(join(import.meta.dirname, '__fixtures__', `${name}.rpm-qa.tsv`), 'utf8');
  return text
    .split('\n')
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));
}

const sha256 = (files: string[]) => createHash('sha256').update(files.join('\n')).digest('hex');
const nevra = (p: PackageFact) => `${p.name}-${p.version}.${p.arch ?? ''}`;
const goldenNevra = ([name, epoch, version, release, arch]: string[]) =>
  `${name}-${epoch ? `${epoch}:` : ''}${version}-${release}.${arch}`;

describe('rpmAnalyzer.wants', () => {
  it.each([
    ['/var/lib/rpm/Packages', 'file', true],
    ['/var/lib/rpm/rpmdb.sqlite', 'file', true],
    ['/var/lib/rpm/Packages.db', 'file', true],
    ['/usr/lib/sysimage/rpm/rpmdb.sqlite', 'file', true],
    ['/usr/lib/sysimage/rpm/Packages.db', 'file', true],
    ['/usr/lib/sysimage/rpm/Packages', 'file', true],
    ['/var/lib/rpm/Packages', 'symlink', false],
    ['/var/lib/rpm/Name', 'file', false],
    ['/var/lib/rpm/rpmdb.sqlite-wal', 'file', false],
  ] as const)('%s (%s) → %s', (path, type, expected) => {
    expect(rpmAnalyzer.wants({ ...fileHeader(path, ''), type })).toBe(expected);
  });

  it('asks for files up to 512 MiB (the database is parsed whole)', () => {
    expect(rpmAnalyzer.maxBytes).toBe(512 * 1024 * 1024);
  });
});

describe('rpm databases: every header field and file list as the real rpm reads them', () => {
  it.each([
    ['bdb-centos7.5.1804', 'bdb', 144],
    ['bdb-rhel8-libuuid', 'bdb', 1],
    ['sqlite-amazonlinux2023', 'sqlite', 103],
    ['sqlite-cbl-mariner2.0', 'sqlite', 129],
  ] as const)('%s (%s): %i headers', (name, format, count) => {
    const read = readRpmDb(DBS[name]());
    expect(read.format).toBe(format);
    expect(read.problems).toEqual([]);
    const rows = read.records.map(({ blob }) => {
      const p = readRpmPackage(new RpmHeader(blob));
      const cols = [
        p.name,
        p.epoch?.toString() ?? '',
        p.version,
        p.release,
        p.arch,
        p.sourceRpm,
        p.license,
        p.vendor,
      ];
      return [...cols, p.modularityLabel, String(p.files.length), sha256(p.files)].map((c) => c ?? '');
    });
    expect(rows).toHaveLength(count);
    expect(rows.sort()).toEqual(golden(name).sort());
  });
});

describe('rpmAnalyzer on the fixture databases', () => {
  it.each([
    ['bdb-centos7.5.1804', '/var/lib/rpm/Packages', 144],
    ['bdb-rhel8-libuuid', '/var/lib/rpm/Packages', 1],
    ['sqlite-amazonlinux2023', '/var/lib/rpm/rpmdb.sqlite', 102],
    ['sqlite-cbl-mariner2.0', '/usr/lib/sysimage/rpm/rpmdb.sqlite', 129],
  ] as const)('%s: %i packages, same NEVRAs as rpm -qa minus gpg-pubkey', (name, path, count) => {
    const { facts, packages, warnings } = analyze(path, DBS[name]());
    expect(warnings).toEqual([]);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ kind: 'packages', analyzer: 'rpm', path });
    expect(packages).toHaveLength(count);
    const expected = golden(name).filter(([n]) => n !== 'gpg-pubkey');
    expect(packages.map(nevra).sort()).toEqual(expected.map(goldenNevra).sort());
    expect(packages.every((p) => p.ecosystem === 'rpm')).toBe(true);
  });

  it('amazonlinux2023: matches the rpm -qa list captured in the container (rpm-qa.expected.csv)', () => {
    const csv = readFileSync(join(PKGDB_RPM, 'sqlite-amazonlinux2023/rpm-qa.expected.csv'), 'utf8');
    const expected = csv
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split('¶'))
      .filter(([, name]) => name !== 'gpg-pubkey')
      .map(([epoch, name, version, release, arch, srpm, , license, vendor]) =>
        [`${name}-${epoch ? `${epoch}:` : ''}${version}-${release}.${arch}`, srpm, license, vendor].join('|'),
      );
    expect(expected).toHaveLength(102);
    const { packages } = analyze('/var/lib/rpm/rpmdb.sqlite', DBS['sqlite-amazonlinux2023']());
    // the source RPM file name rebuilt from the parsed source (its version without the epoch)
    const srpm = (p: PackageFact) =>
      p.source && `${p.source.name}-${p.source.version?.replace(/^\d+:/, '')}.src.rpm`;
    const got = packages.map((p) => [nevra(p), srpm(p), p.licenses?.[0], p.vendor].join('|'));
    expect(got.sort()).toEqual(expected.sort());
  });

  it('centos 7: epochs, source packages with the binary epoch, vendor', () => {
    const { packages } = analyze('/var/lib/rpm/Packages', DBS['bdb-centos7.5.1804']());
    const byName = new Map(packages.map((p) => [p.name, p]));
    expect(byName.get('bind-license')).toMatchObject({
      version: '32:9.9.4-61.el7_5.1',
      arch: 'noarch',
      source: { name: 'bind', version: '32:9.9.4-61.el7_5.1' },
      vendor: 'CentOS',
    });
    expect(byName.get('openssl-libs')).toMatchObject({
      version: '1:1.0.2k-12.el7',
      source: { name: 'openssl', version: '1:1.0.2k-12.el7' },
    });
    expect(byName.get('acl')?.version).toBe('2.2.51-14.el7');
    expect(byName.get('bash')?.files).toContain('/usr/bin/bash');
    expect(packages.filter((p) => /^\d+:/.test(p.version))).toHaveLength(13);
  });

  it('mariner: curl 7.76.0-6.cm2 with its files', () => {
    const { packages } = analyze('/var/lib/rpm/rpmdb.sqlite', DBS['sqlite-cbl-mariner2.0']());
    const curl = packages.find((p) => p.name === 'curl');
    expect(curl).toMatchObject({
      version: '7.76.0-6.cm2',
      source: { name: 'curl', version: '7.76.0-6.cm2' },
    });
    expect(curl?.files).toContain('/usr/bin/curl');
  });

  it('sles 15.3 NDB: 35 packages (rpm cannot read NDB here: counts and samples from MANIFEST.tsv)', () => {
    const { packages, warnings } = analyze('/usr/lib/sysimage/rpm/Packages.db', DBS['ndb-sles15.3']());
    expect(warnings).toEqual([]);
    expect(packages).toHaveLength(35);
    const byName = new Map(packages.map((p) => [p.name, p]));
    expect(byName.get('system-user-root')?.version).toBe('20190513-3.3.1');
    expect(byName.get('filesystem')?.version).toBe('15.0-11.3.2');
    expect(byName.get('glibc')).toMatchObject({
      version: '2.31-9.3.2',
      source: { name: 'glibc', version: '2.31-9.3.2' },
    });
    expect(byName.get('libstdc++6')?.source?.name).toBe('gcc11');
    expect(byName.get('bash')?.files).toContain('/bin/bash');
    expect(new Set(packages.map((p) => p.vendor))).toEqual(new Set(['SUSE LLC <https://www.suse.com/>']));
    expect(new Set(packages.map((p) => p.name)).size).toBe(35);
  });

  it('rpm-centos7 image: the database in the layer gives the same 144 packages', async () => {
    const files = await readImageFiles(fixtureImage('rpm-centos7.tar.gz'), (p) =>
      p.startsWith('/var/lib/rpm/'),
    );
    const db = files.find(
      (f) => rpmAnalyzer.wants(fileHeader(f.header.path, f.content)) && f.header.type === 'file',
    );
    expect(db?.header.path).toBe('/var/lib/rpm/Packages');
    const { packages, warnings } = analyze(db!.header.path, db!.content);
    expect(warnings).toEqual([]);
    expect(packages.map(nevra).sort()).toEqual(golden('bdb-centos7.5.1804').map(goldenNevra).sort());
  });
});

describe('CBL-Mariner distroless rpm manifest', () => {
  const path = '/var/lib/rpmmanifest/container-manifest-2';

  it('wants only the manifest', () => {
    expect(rpmAnalyzer.wants(fileHeader(path, ''))).toBe(true);
    expect(rpmAnalyzer.wants(fileHeader('/var/lib/rpmmanifest/container-manifest-1', ''))).toBe(false);
  });

  it('fixture: 5 packages, epochs from the EPOCH column, sources from SOURCERPM, no file lists', () => {
    const file = join(PKGDB_RPM, 'rpmmanifest-cbl-mariner2.0-distroless', path);
    const { packages, warnings } = analyze(path, readFileSync(file));
    expect(warnings).toEqual([]);
    expect(
      packages.map((p) => [p.name, p.version, p.arch, p.source?.name, p.source?.version].join(' ')),
    ).toEqual([
      'mariner-release 2.0-12.cm2 noarch mariner-release 2.0-12.cm2',
      'filesystem 1.1-9.cm2 x86_64 filesystem 1.1-9.cm2',
      'glibc 2.35-2.cm2 x86_64 glibc 2.35-2.cm2',
      'openssl-libs 1.1.1k-15.cm2 x86_64 openssl 1.1.1k-15.cm2',
      'vim 2:9.0-1.cm2 x86_64 vim 2:9.0-1.cm2',
    ]);
    expect(packages.every((p) => p.vendor === 'Microsoft Corporation' && p.files === undefined)).toBe(true);
  });

  it('skips malformed lines with a warning; a file of nothing but garbage is package-db-invalid', () => {
    const good =
      'zlib\t1.2.12-1.cm2\t1\t1\tMicrosoft Corporation\t(none)\t100\tx86_64\t0\tzlib-1.2.12-1.cm2.src.rpm';
    const { packages, warnings } = analyze(
      path,
      Buffer.from(`${good}\nbroken line\nx\tnodash\t1\t1\tv\t(none)\t1\tx\t0\ts\n`),
    );
    expect(packages.map((p) => p.name)).toEqual(['zlib']);
    expect(warnings).toEqual(
      [
        `${path}: skipped line 2: not NAME, VERSION-RELEASE and 8 more tab-separated columns`,
        `${path}: skipped line 3: not NAME, VERSION-RELEASE and 8 more tab-separated columns`,
      ].map((message) => ({ code: 'package-skipped', message, path })),
    );
    expect(analyze(path, Buffer.from('\u0000garbage')).warnings).toMatchObject([
      { code: 'package-db-invalid', path },
    ]);
  });
});
