#!/usr/bin/env node
// Writes golden package lists for the rpm analyzer's tests, produced by the real rpm binary from
// the shared fixtures' BerkeleyDB and SQLite databases (Debian's rpm cannot read NDB).
//
//   node scripts/analyzers/gen-rpm-goldens.mjs
//
// Each database is copied (the BerkeleyDB one gunzipped) into a temp directory, queried with
// `rpm --dbpath DIR -qa` (plus `--define '_db_backend bdb_ro'` for BerkeleyDB), and the temp
// directory removed. Output: src/analyzers/rpm/__fixtures__/<case>.rpm-qa.tsv, one row per
// package: name, epoch (empty when absent), version, release, arch, source RPM, licence, vendor,
// modularity label, number of files and sha256 of the file list as `rpm -ql` prints it (paths
// joined by "\n"). gpg-pubkey pseudo-packages are included, as rpm lists them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = process.env.VIGIA_FIXTURES ?? resolve(repo, '../shared/fixtures');
const pkgdb = join(fixtures, 'pkgdb/rpm');
const outDir = join(repo, 'src/analyzers/rpm/__fixtures__');

const cases = [
  {
    name: 'bdb-centos7.5.1804',
    file: 'Packages',
    bdb: true,
    bytes: () => gunzipSync(readFileSync(join(pkgdb, 'bdb-centos7.5.1804-base/var/lib/rpm/Packages.gz'))),
  },
  {
    name: 'bdb-rhel8-libuuid',
    file: 'Packages',
    bdb: true,
    bytes: () => readFileSync(join(pkgdb, 'bdb-rhel8-libuuid-only/var/lib/rpm/Packages')),
  },
  {
    name: 'sqlite-amazonlinux2023',
    file: 'rpmdb.sqlite',
    bdb: false,
    bytes: () => readFileSync(join(pkgdb, 'sqlite-amazonlinux2023/var/lib/rpm/rpmdb.sqlite')),
  },
  {
    name: 'sqlite-cbl-mariner2.0',
    file: 'rpmdb.sqlite',
    bdb: false,
    bytes: () => readFileSync(join(pkgdb, 'sqlite-cbl-mariner2.0/var/lib/rpm/rpmdb.sqlite')),
  },
];

const opt = (tag) => `%|${tag}?{%{${tag}}}:{}|`;
const fields = [
  '%{NAME}',
  opt('EPOCH'),
  '%{VERSION}',
  '%{RELEASE}',
  opt('ARCH'),
  opt('SOURCERPM'),
  opt('LICENSE'),
  opt('VENDOR'),
  opt('MODULARITYLABEL'),
];
const queryFormat = `@@PKG@@\\t${fields.join('\\t')}\\n[%{FILENAMES}\\n]`;

mkdirSync(outDir, { recursive: true });
for (const c of cases) {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-rpm-'));
  try {
    writeFileSync(join(dir, c.file), c.bytes());
    const rpm = (args) =>
      execFileSync('rpm', ['--dbpath', dir, ...(c.bdb ? ['--define', '_db_backend bdb_ro'] : []), ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    const packages = [];
    for (const line of rpm(['-qa', '--qf', queryFormat]).split('\n')) {
      if (line.startsWith('@@PKG@@\t')) packages.push({ fields: line.split('\t').slice(1), files: [] });
      else if (line !== '') packages.at(-1).files.push(line);
    }
    // `rpm -qal` (every package's `rpm -ql`, in the same order) must list the same paths.
    const ql = rpm(['-qal'])
      .split('\n')
      .filter((l) => l !== '' && l !== '(contains no files)');
    if (ql.join('\n') !== packages.flatMap((p) => p.files).join('\n'))
      throw new Error(`${c.name}: rpm -qal differs from FILENAMES`);
    const rows = packages
      .map((p) =>
        [...p.fields, p.files.length, createHash('sha256').update(p.files.join('\n')).digest('hex')].join(
          '\t',
        ),
      )
      .sort();
    const header =
      'name\tepoch\tversion\trelease\tarch\tsourcerpm\tlicense\tvendor\tmodularitylabel\tfiles\tfiles_sha256';
    writeFileSync(join(outDir, `${c.name}.rpm-qa.tsv`), `${header}\n${rows.join('\n')}\n`);
    console.log(`${c.name}: ${rows.length} packages, ${ql.length} files (rpm -qal agrees)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
