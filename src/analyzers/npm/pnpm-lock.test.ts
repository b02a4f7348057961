import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackageFact } from '../../core/package.js';
import { FIXTURES } from '../../test-support/fixtures.js';
import { runAnalyzer, packagesOf } from '../../test-support/analyzers.js';
import { fileHeader } from '../../test-support/image-files.js';
import { pnpmLockAnalyzer } from './pnpm-lock.js';

const NPM = join(FIXTURES, 'pkgdb', 'npm');
const P = '/app/pnpm-lock.yaml';

const run = (content: Buffer | string) => runAnalyzer(pnpmLockAnalyzer, P, content);

function fixture(dir: string): PackageFact[] {
  const result = run(readFileSync(join(NPM, dir, 'pnpm-lock.yaml')));
  expect(result.warnings).toEqual([]);
  return packagesOf(result);
}

const ids = (packages: PackageFact[]) => packages.map((p) => `${p.name}@${p.version}`).sort();

// Non-dev lists from Trivy's tests of these files (pnpmMany, pnpmV6WithDev, pnpmV9 in
// aquasecurity/trivy pkg/dependency/parser/nodejs/pnpm/parse_testcase.go), as cited in MANIFEST.tsv.
const PNPM_MANY_PROD = [
  '@babel/runtime@7.18.3',
  'ajv@6.12.6',
  'asn1@0.2.6',
  'assert-plus@1.0.0',
  'asynckit@0.4.0',
  'aws-sign2@0.7.0',
  'aws4@1.11.0',
  'bcrypt-pbkdf@1.0.2',
  'caseless@0.12.0',
  'chalk@5.0.1',
  'combined-stream@1.0.8',
  'commander@9.3.0',
  'core-util-is@1.0.2',
  'dashdash@1.14.1',
  'delayed-stream@1.0.0',
  'ecc-jsbn@0.1.2',
  'extend@3.0.2',
  'extsprintf@1.3.0',
  'fast-deep-equal@3.1.3',
  'fast-json-stable-stringify@2.1.0',
  'forever-agent@0.6.1',
  'form-data@2.3.3',
  'getpass@0.1.7',
  'har-schema@2.0.0',
  'har-validator@5.1.5',
  'http-signature@1.2.0',
  'is-typedarray@1.0.0',
  'isstream@0.1.2',
  'js-tokens@4.0.0',
  'jsbn@0.1.1',
  'json-schema-traverse@0.4.1',
  'json-schema@0.4.0',
  'json-stringify-safe@5.0.1',
  'jsprim@1.4.2',
  'lodash@4.17.21',
  'loose-envify@1.4.0',
  'mime-db@1.52.0',
  'mime-types@2.1.35',
  'oauth-sign@0.9.0',
  'performance-now@2.1.0',
  'psl@1.8.0',
  'punycode@2.1.1',
  'qs@6.5.3',
  'react@18.1.0',
  'redux@4.2.0',
  'regenerator-runtime@0.13.9',
  'request@2.88.2',
  'safe-buffer@5.2.1',
  'safer-buffer@2.1.2',
  'sshpk@1.17.0',
  'tough-cookie@2.5.0',
  'tunnel-agent@0.6.0',
  'tweetnacl@0.14.5',
  'uri-js@4.4.1',
  'uuid@3.4.0',
  'verror@1.10.0',
];
const PNPM_V6_PROD = [
  '@babel/runtime@7.22.3',
  'js-tokens@4.0.0',
  'loose-envify@1.4.0',
  'react@18.1.0',
  'redux@4.2.0',
  'regenerator-runtime@0.13.11',
];
const PNPM_V9_PROD = [
  '@babel/helper-string-parser@7.24.1',
  'asap@2.0.6',
  'asynckit@0.4.0',
  'debug@4.3.4',
  'debug@4.3.5',
  'ee-first@1.1.1',
  'encodeurl@1.0.2',
  'escape-html@1.0.3',
  'finalhandler@1.1.1',
  'is-negative@2.0.1',
  'ms@2.0.0',
  'ms@2.1.2',
  'on-finished@2.3.0',
  'parseurl@1.3.3',
  'promise@8.1.0',
  'sleep-utils@1.0.3',
  'statuses@1.4.0',
  'unpipe@1.0.0',
];
const PNPM_V9_DEV = ['await-sleep@0.0.1', 'jquery@3.6.0', 'lodash@4.17.21'];

describe('pnpm-lock on the pkgdb fixtures', () => {
  it('v5.4: 134 packages, 78 dev, the 56 non-dev ones as Trivy lists them', () => {
    const packages = fixture('pnpm-lock-v5.4');
    expect(packages).toHaveLength(134);
    expect(packages.filter((p) => p.dev)).toHaveLength(78);
    expect(ids(packages.filter((p) => !p.dev))).toEqual([...PNPM_MANY_PROD].sort());
    // `/debug/4.3.4_supports-color@8.1.1`: the peer suffix is not part of the version.
    expect(packages).toContainEqual({ ecosystem: 'npm', name: 'debug', version: '4.3.4', dev: true });
  });

  it('v6: 85 packages, 79 dev, 6 non-dev', () => {
    const packages = fixture('pnpm-lock-v6');
    expect(packages).toHaveLength(85);
    expect(ids(packages.filter((p) => !p.dev))).toEqual([...PNPM_V6_PROD].sort());
    expect(packages).toContainEqual({ ecosystem: 'npm', name: 'debug', version: '4.3.4', dev: true });
  });

  it('v9: tarball/file: versions from the version field, dev derived from the importers', () => {
    const packages = fixture('pnpm-lock-v9');
    // Trivy's 22 also hold `package1` (a local file: directory, no version); it is skipped here.
    expect(ids(packages.filter((p) => !p.dev))).toEqual([...PNPM_V9_PROD].sort());
    expect(ids(packages.filter((p) => p.dev))).toEqual(PNPM_V9_DEV);
    expect(packages).toHaveLength(21);
  });
});

describe('pnpm-lock vectors', () => {
  it('v6: scoped names, peer suffixes, tarball entries with name/version fields, peer variants merged', () => {
    const text = `
lockfileVersion: '6.0'
packages:
  /@babel/helper-x@7.18.6(@babel/core@7.20.7):
    resolution: {integrity: sha512-a}
    dev: true
  /@babel/helper-x@7.18.6(@babel/core@7.21.0):
    resolution: {integrity: sha512-a}
    dev: false
  /react-dom@18.2.0(react@18.2.0):
    resolution: {integrity: sha512-b}
  '@github.com/u/lib/tar.gz/abc':
    resolution: {tarball: https://codeload.github.com/u/lib/tar.gz/abc}
    name: lib
    version: 1.10.0
    dev: true
  file:packages/local:
    resolution: {directory: packages/local, type: directory}
    name: local
`;
    const result = run(text);
    expect(result.warnings).toEqual([]);
    expect(packagesOf(result)).toEqual([
      { ecosystem: 'npm', name: '@babel/helper-x', version: '7.18.6' },
      { ecosystem: 'npm', name: 'react-dom', version: '18.2.0' },
      { ecosystem: 'npm', name: 'lib', version: '1.10.0', dev: true },
    ]);
  });

  it('v9: an aliased dependency resolves to the real package in snapshots', () => {
    const text = `
lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      string-width-cjs:
        specifier: npm:string-width@^4.2.0
        version: string-width@4.2.3
    devDependencies:
      typescript:
        specifier: ^5.0.0
        version: 5.4.5
      workspace-dep:
        specifier: workspace:*
        version: link:../dep
packages:
  string-width@4.2.3:
    resolution: {integrity: sha512-a}
  typescript@5.4.5:
    resolution: {integrity: sha512-b}
snapshots:
  string-width@4.2.3: {}
  typescript@5.4.5: {}
`;
    expect(packagesOf(run(text))).toEqual([
      { ecosystem: 'npm', name: 'string-width', version: '4.2.3' },
      { ecosystem: 'npm', name: 'typescript', version: '5.4.5', dev: true },
    ]);
  });

  it('several YAML documents: the last one (the project lockfile) is read', () => {
    const text = `---
lockfileVersion: '9.0'
importers:
  .:
    packageManagerDependencies:
      pnpm: {specifier: ^11.7.0, version: 11.7.0}
packages:
  pnpm@11.7.0: {resolution: {integrity: sha512-a}}
snapshots:
  pnpm@11.7.0: {}
---
lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      is-even: {specifier: 1.0.0, version: 1.0.0}
packages:
  is-even@1.0.0: {resolution: {integrity: sha512-b}}
snapshots:
  is-even@1.0.0: {}
`;
    expect(ids(packagesOf(run(text)))).toEqual(['is-even@1.0.0']);
  });

  it('an entry whose key and fields give no semver is skipped with a warning', () => {
    const result = run("lockfileVersion: '6.0'\npackages:\n  /weird:\n    resolution: {integrity: x}\n");
    expect(packagesOf(result)).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'package-skipped', path: P });
  });

  it.each([
    ['broken YAML', 'lockfileVersion: 5.4\npackages:\n  /a/1.0.0: {resolution: [\n', /invalid YAML/],
    ['no lockfileVersion', 'packages: {}\n', /lockfileVersion/],
    ['packages not a mapping', "lockfileVersion: '6.0'\npackages: [1]\n", /not a mapping/],
    ['a YAML scalar', 'hello\n', /not a YAML mapping/],
  ])('%s → parse-failed warning naming the path', (_what, text, message) => {
    const result = run(text);
    expect(packagesOf(result)).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'parse-failed', path: P });
    expect(result.warnings[0]?.message).toMatch(message);
  });

  it('wants only pnpm-lock.yaml files', () => {
    expect(pnpmLockAnalyzer.wants(fileHeader('/app/pnpm-lock.yaml', ''))).toBe(true);
    expect(pnpmLockAnalyzer.wants(fileHeader('/app/pnpm-workspace.yaml', ''))).toBe(false);
    expect(pnpmLockAnalyzer.wants({ ...fileHeader('/app/pnpm-lock.yaml', ''), type: 'dir' })).toBe(false);
  });
});
