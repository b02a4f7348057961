import { beforeAll, describe, expect, it } from 'vitest';
import type { PackageFact } from '../../core/package.js';
import { fixtureImage } from '../../test-support/fixtures.js';
import { fileHeader, readImageFiles, type ImageFile } from '../../test-support/image-files.js';
import type { Analyzer } from '../types.js';
import { npmInstalledAnalyzer, npmLockAnalyzer, pnpmLockAnalyzer, yarnLockAnalyzer } from './index.js';

const ANALYZERS: Analyzer[] = [npmInstalledAnalyzer, npmLockAnalyzer, pnpmLockAnalyzer, yarnLockAnalyzer];

interface Found {
  file: ImageFile;
  analyzer: string;
  packages: PackageFact[];
}

/**
 * The real node-app image (images/README.md): layer 3 holds /app with package.json,
 * package-lock.json v3 and node_modules from `npm install` — "69 packages plus the app itself";
 * layer 2 holds Debian's nodejs with 25 package.json under /usr/share/nodejs.
 */
describe('npm analyzers on debian-node-app.oci.tar (node-app)', () => {
  const found: Found[] = [];

  beforeAll(async () => {
    const wanted = (path: string) => ANALYZERS.some((a) => a.wants(fileHeader(path, '')));
    const files = await readImageFiles(fixtureImage('debian-node-app.oci.tar'), wanted, 'node-app');
    for (const file of files) {
      const { header } = file;
      for (const analyzer of ANALYZERS) {
        if (!analyzer.wants(header)) continue;
        const result = analyzer.analyze({ header, content: file.content });
        expect(result.warnings).toEqual([]);
        for (const fact of result.facts) {
          if (fact.kind === 'packages') found.push({ file, analyzer: analyzer.id, packages: fact.packages });
        }
      }
    }
  }, 120_000);

  const byAnalyzer = (id: string, under: string) =>
    found.filter((f) => f.analyzer === id && f.file.header.path.startsWith(under));

  it('the v3 lockfile lists the 69 installed packages, none dev', () => {
    const locks = byAnalyzer('npm-lock', '/app/');
    expect(locks.map((f) => f.file.header.path)).toEqual(['/app/package-lock.json']);
    const packages = locks[0]?.packages ?? [];
    expect(packages).toHaveLength(69);
    expect(packages.filter((p) => p.dev)).toEqual([]);
    const ids = packages.map((p) => `${p.name}@${p.version}`);
    for (const vulnerable of [
      'lodash@4.17.15',
      'minimist@1.2.0',
      'express@4.17.1',
      'qs@6.7.0',
      'jsonwebtoken@8.5.1',
      'axios@0.21.1',
      'node-fetch@2.6.0',
    ]) {
      expect(ids).toContain(vulnerable);
    }
  });

  it('the installed package.json files are the 69 packages plus the app, each agreeing with the lockfile', () => {
    const installed = byAnalyzer('npm-installed', '/app/').filter((f) => f.packages.length > 0);
    expect(installed).toHaveLength(70);
    const app = installed.filter((f) => f.file.header.path === '/app/package.json');
    expect(app).toHaveLength(1);
    const lock = byAnalyzer('npm-lock', '/app/')[0]?.packages ?? [];
    for (const entry of lock) {
      const match = installed.find((f) => f.file.header.path === `/app/${entry.location}/package.json`);
      expect(
        match?.packages.map((p) => `${p.name}@${p.version}`),
        entry.location,
      ).toEqual([`${entry.name}@${entry.version}`]);
    }
  });

  it("Debian's /usr/share/nodejs holds 25 packages (dpkg-owned; reported as seen)", () => {
    const debian = byAnalyzer('npm-installed', '/usr/share/nodejs/');
    expect(debian).toHaveLength(25);
    expect(debian.every((f) => f.packages.length === 1)).toBe(true);
    expect(debian.flatMap((f) => f.packages)).toContainEqual({
      ecosystem: 'npm',
      name: 'undici',
      version: '5.15.0',
      licenses: ['MIT'],
    });
  });
});
