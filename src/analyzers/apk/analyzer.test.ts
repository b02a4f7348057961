import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackageFact } from '../../core/package.js';
import { FIXTURES, fixtureImage } from '../../test-support/fixtures.js';
import { fileHeader, readImageFiles } from '../../test-support/image-files.js';
import { apkAnalyzer } from './analyzer.js';

const DB = '/lib/apk/db/installed';

function analyze(content: Buffer | string, path = DB) {
  const buf = Buffer.from(content);
  const { facts, warnings } = apkAnalyzer.analyze({ header: fileHeader(path, buf), content: buf });
  const packages = facts.flatMap((f) => (f.kind === 'packages' ? f.packages : []));
  return { facts, packages, warnings };
}

function fixtureDb(name: string): Buffer {
  return readFileSync(join(FIXTURES, 'pkgdb/apk', name, 'lib/apk/db/installed'));
}

const pick = (p: PackageFact) => ({
  name: p.name,
  version: p.version,
  source: p.source,
  arch: p.arch,
  licenses: p.licenses,
});

describe('apkAnalyzer.wants', () => {
  it.each([
    ['/lib/apk/db/installed', 'file', true],
    ['/usr/lib/apk/db/installed', 'file', true],
    ['/lib/apk/db/installed', 'symlink', false],
    ['/lib/apk/db/scripts.tar', 'file', false],
    ['/app/lib/apk/db/installed', 'file', false],
  ] as const)('%s (%s) → %s', (path, type, expected) => {
    expect(apkAnalyzer.wants({ ...fileHeader(path, ''), type })).toBe(expected);
  });
});

describe('apk installed database (real fixtures)', () => {
  it('alpine 3.10.4: 14 packages with origin, arch, licence', () => {
    const { facts, packages, warnings } = analyze(fixtureDb('alpine3.10.4-base'));
    expect(warnings).toEqual([]);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ kind: 'packages', analyzer: 'apk', path: DB });
    expect(packages).toHaveLength(14);
    const byName = new Map(packages.map((p) => [p.name, p]));
    expect(pick(byName.get('musl')!)).toEqual({
      name: 'musl',
      version: '1.1.22-r3',
      source: { name: 'musl', version: '1.1.22-r3' },
      arch: 'x86_64',
      licenses: ['MIT'],
    });
    expect(pick(byName.get('libssl1.1')!)).toMatchObject({
      version: '1.1.1d-r2',
      source: { name: 'openssl', version: '1.1.1d-r2' },
      licenses: ['OpenSSL'],
    });
    expect(byName.get('scanelf')?.source).toEqual({ name: 'pax-utils', version: '1.2.3-r0' });
    expect(byName.get('musl-utils')?.licenses).toEqual(['MIT BSD GPL2+']);
    expect(byName.get('busybox')?.version).toBe('1.30.1-r3');
    expect(byName.get('libcrypto1.1')?.version).toBe('1.1.1d-r2');
    expect(byName.get('musl')?.files).toEqual(['/lib/libc.musl-x86_64.so.1', '/lib/ld-musl-x86_64.so.1']);
    expect(byName.get('busybox')?.files).toContain('/bin/busybox');
  });

  it('alpine 3.16: 14 packages, SPDX licence expressions kept whole', () => {
    const { packages, warnings } = analyze(fixtureDb('alpine3.16-base'));
    expect(warnings).toEqual([]);
    expect(packages).toHaveLength(14);
    const byName = new Map(packages.map((p) => [p.name, p]));
    expect(byName.get('alpine-baselayout-data')).toMatchObject({
      version: '3.2.0-r22',
      source: { name: 'alpine-baselayout', version: '3.2.0-r22' },
    });
    expect(byName.get('musl')?.version).toBe('1.2.3-r0');
    expect(byName.get('busybox')?.version).toBe('1.35.0-r17');
    expect(byName.get('libc-utils')?.licenses).toEqual(['BSD-2-Clause AND BSD-3-Clause']);
  });

  it("alpine-310 image: every owned file of every package is in the image's layer", async () => {
    const files = await readImageFiles(fixtureImage('alpine-310.tar.gz'), () => true);
    const db = files.find((f) => apkAnalyzer.wants(f.header));
    expect(db).toBeDefined();
    const { packages } = analyze(db!.content, db!.header.path);
    expect(packages.map(pick)).toEqual(analyze(fixtureDb('alpine3.10.4-base')).packages.map(pick));
    const inLayer = new Set(
      files.filter((f) => f.header.type === 'file' || f.header.type === 'symlink').map((f) => f.header.path),
    );
    const owned = packages.flatMap((p) => p.files ?? []);
    const rLines = db!.content
      .toString('utf8')
      .split('\n')
      .filter((l) => l.startsWith('R:'));
    expect(owned).toHaveLength(rLines.length);
    expect(owned.filter((path) => !inLayer.has(path))).toEqual([]);
  });
});

describe('apk installed database (inline cases)', () => {
  it('reads stanzas without a trailing blank line, CRLF line ends and files at the root', () => {
    const text = 'P:a\r\nV:1.0-r0\r\nF:\r\nR:top\r\nF:usr/bin/\r\nR:a\r\n\r\nP:b\nV:2:1.0-r1\nA:aarch64';
    const { packages, warnings } = analyze(text);
    expect(warnings).toEqual([]);
    expect(packages).toEqual([
      {
        ecosystem: 'apk',
        name: 'a',
        version: '1.0-r0',
        source: { name: 'a', version: '1.0-r0' },
        files: ['/top', '/usr/bin/a'],
      },
      {
        ecosystem: 'apk',
        name: 'b',
        version: '2:1.0-r1',
        source: { name: 'b', version: '2:1.0-r1' },
        arch: 'aarch64',
        files: [],
      },
    ]);
  });

  it('skips a stanza without a version or name, with a warning naming it', () => {
    const { packages, warnings } = analyze('P:ok\nV:1-r0\n\nP:broken\nA:x86_64\n\nV:3-r0\n\n\n');
    expect(packages.map((p) => p.name)).toEqual(['ok']);
    expect(warnings.map((w) => w.message)).toEqual([
      `${DB}: skipped stanza 2 (broken): no V: (version)`,
      `${DB}: skipped stanza 3: no P: (name)`,
    ]);
    expect(warnings.every((w) => w.code === 'package-skipped' && w.path === DB)).toBe(true);
  });

  it('an empty database is an empty package list, not a warning', () => {
    const { facts, warnings } = analyze('');
    expect(facts).toEqual([{ kind: 'packages', analyzer: 'apk', path: DB, packages: [] }]);
    expect(warnings).toEqual([]);
  });

  it('a file with content but no stanza at all is a warning', () => {
    const { packages, warnings } = analyze('\u0000\u0001garbage');
    expect(packages).toEqual([]);
    expect(warnings).toMatchObject([{ code: 'package-db-invalid', path: DB }]);
  });
});
