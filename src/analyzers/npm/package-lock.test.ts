import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackageFact } from '../../core/package.js';
import { FIXTURES } from '../../test-support/fixtures.js';
import { runAnalyzer, packagesOf } from '../../test-support/analyzers.js';
import { fileHeader } from '../../test-support/image-files.js';
import { npmInstalledAnalyzer } from './installed.js';
import { npmLockAnalyzer } from './package-lock.js';

const NPM = join(FIXTURES, 'pkgdb', 'npm');

const run = (path: string, content: Buffer | string) => runAnalyzer(npmLockAnalyzer, path, content);

function fixture(dir: string): PackageFact[] {
  const result = run('/app/package-lock.json', readFileSync(join(NPM, dir, 'package-lock.json')));
  expect(result.warnings).toEqual([]);
  return packagesOf(result);
}

const ids = (packages: PackageFact[]) => packages.map((p) => `${p.name}@${p.version}`);

describe('npm-lock on the pkgdb fixtures', () => {
  // MANIFEST: "33 entries, 2 dev (debug@2.5.2, ms@0.7.2) -> 31 non-dev" for each of v1, v2, v3.
  it.each(['package-lock-v1', 'package-lock-v2', 'package-lock-v3'])('%s: 33 packages, 31 non-dev', (dir) => {
    const packages = fixture(dir);
    expect(packages).toHaveLength(33);
    expect(packages.filter((p) => !p.dev)).toHaveLength(31);
    expect(ids(packages.filter((p) => p.dev)).sort()).toEqual(['debug@2.5.2', 'ms@0.7.2']);
    expect(packages).toContainEqual({
      ecosystem: 'npm',
      name: '@babel/helper-string-parser',
      version: '7.19.4',
      location: 'node_modules/@babel/helper-string-parser',
    });
    // Nested copies keep their own location.
    expect(packages).toContainEqual(
      expect.objectContaining({
        name: 'ms',
        version: '0.7.2',
        location: 'node_modules/debug/node_modules/ms',
        dev: true,
      }),
    );
    expect(packages).toContainEqual(
      expect.objectContaining({
        name: 'debug',
        version: '2.6.9',
        location: 'node_modules/body-parser/node_modules/debug',
      }),
    );
    expect(ids(packages)).toEqual(
      expect.arrayContaining(['asap@2.0.6', 'promise@8.3.0', 'mime-types@2.1.35']),
    );
  });

  it('the nested v1 tree and the flat v3 map describe the same installation', () => {
    const key = (p: PackageFact) => `${p.location} ${p.name}@${p.version} ${p.dev === true}`;
    expect(fixture('package-lock-v1').map(key).sort()).toEqual(fixture('package-lock-v3').map(key).sort());
    expect(fixture('package-lock-v2').map(key).sort()).toEqual(fixture('package-lock-v3').map(key).sort());
  });

  // MANIFEST: "10 [lockfileVersion 1: nested dependencies entries; 1 of them dev, 9 non-dev]".
  it('installed-node_modules: 10 entries, 1 dev, each installed package.json agrees with its entry', () => {
    const packages = fixture('installed-node_modules');
    expect(packages).toHaveLength(10);
    expect(packages.filter((p) => p.dev)).toHaveLength(1);
    const installed = [
      'node_modules/@babel/parser',
      'node_modules/body-parser',
      'node_modules/body-parser/node_modules/debug',
      'node_modules/body-parser/node_modules/ms',
      'node_modules/express',
      'node_modules/express/node_modules/debug',
      'node_modules/express/node_modules/ms',
      'node_modules/ms',
    ];
    for (const location of installed) {
      const bytes = readFileSync(join(NPM, 'installed-node_modules', location, 'package.json'));
      const path = `/app/${location}/package.json`;
      const fromJson = packagesOf(
        npmInstalledAnalyzer.analyze({ header: fileHeader(path, bytes), content: bytes }),
      );
      const fromLock = packages.find((p) => p.location === location);
      expect(fromJson.map((p) => `${p.name}@${p.version}`)).toEqual([
        `${fromLock?.name}@${fromLock?.version}`,
      ]);
    }
  });
});

describe('npm-lock wants', () => {
  it.each([
    ['/app/package-lock.json', true],
    ['/app/npm-shrinkwrap.json', true],
    ['/app/node_modules/.package-lock.json', false],
    ['/app/package.json', false],
  ])('%s → %s', (path, wanted) => {
    expect(npmLockAnalyzer.wants(fileHeader(path, ''))).toBe(wanted);
  });
});

describe('npm-lock vectors', () => {
  const P = '/srv/package-lock.json';

  it('v3: scoped names, nested node_modules, aliases, links, workspaces and licences', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { name: 'root', version: '1.0.0' },
        'node_modules/@babel/parser': { version: '7.23.6', license: 'MIT' },
        'node_modules/a/node_modules/@s/b': { version: '2.0.0', dev: true },
        'node_modules/alias': { name: 'real-name', version: '3.0.0' },
        'node_modules/ws-pkg': { resolved: 'packages/ws-pkg', link: true },
        'packages/ws-pkg': { name: 'ws-pkg', version: '0.1.0' },
        'packages/ws-pkg/node_modules/dep': { version: '4.0.0', devOptional: true },
      },
    };
    const result = run(P, JSON.stringify(lock));
    expect(result.warnings).toEqual([]);
    expect(packagesOf(result)).toEqual([
      {
        ecosystem: 'npm',
        name: '@babel/parser',
        version: '7.23.6',
        location: 'node_modules/@babel/parser',
        licenses: ['MIT'],
      },
      {
        ecosystem: 'npm',
        name: '@s/b',
        version: '2.0.0',
        location: 'node_modules/a/node_modules/@s/b',
        dev: true,
      },
      { ecosystem: 'npm', name: 'real-name', version: '3.0.0', location: 'node_modules/alias' },
      { ecosystem: 'npm', name: 'dep', version: '4.0.0', location: 'packages/ws-pkg/node_modules/dep' },
    ]);
  });

  it('v1: aliases (npm:), local file: deps skipped, git versions warned', () => {
    const lock = {
      lockfileVersion: 1,
      dependencies: {
        'my-alias': { version: 'npm:@scope/real@1.2.3' },
        local: { version: 'file:../local' },
        forked: { version: 'github:user/forked#0123abc', from: 'github:user/forked' },
        top: { version: '1.0.0', dev: true, dependencies: { inner: { version: '2.0.0', dev: true } } },
      },
    };
    const result = run(P, JSON.stringify(lock));
    expect(packagesOf(result)).toEqual([
      { ecosystem: 'npm', name: '@scope/real', version: '1.2.3', location: 'node_modules/my-alias' },
      { ecosystem: 'npm', name: 'top', version: '1.0.0', location: 'node_modules/top', dev: true },
      {
        ecosystem: 'npm',
        name: 'inner',
        version: '2.0.0',
        location: 'node_modules/top/node_modules/inner',
        dev: true,
      },
    ]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'package-skipped', path: P });
    expect(result.warnings[0]?.message).toContain('node_modules/forked');
  });

  it('v2/v3 entry without a version is skipped with a warning', () => {
    const result = run(P, JSON.stringify({ lockfileVersion: 2, packages: { 'node_modules/x': {} } }));
    expect(packagesOf(result)).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['package-skipped']);
  });

  it('an empty project lockfile yields an empty fact', () => {
    const result = run(P, JSON.stringify({ name: 'x', lockfileVersion: 3, packages: { '': {} } }));
    expect(packagesOf(result)).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ['truncated JSON', '{"lockfileVersion": 3, "packages": {', /invalid JSON/],
    ['no lockfileVersion', '{"dependencies": {}}', /no numeric "lockfileVersion"/],
    ['packages not an object', '{"lockfileVersion": 3, "packages": []}', /not an object/],
    ['an array', '[]', /not a JSON object/],
  ])('%s → parse-failed warning naming the path', (_what, text, message) => {
    const result = run(P, text);
    expect(packagesOf(result)).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'parse-failed', path: P });
    expect(result.warnings[0]?.message).toMatch(message);
  });
});
