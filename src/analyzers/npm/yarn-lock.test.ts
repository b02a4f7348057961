import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackageFact } from '../../core/package.js';
import { FIXTURES } from '../../test-support/fixtures.js';
import { runAnalyzer, packagesOf } from '../../test-support/analyzers.js';
import { fileHeader } from '../../test-support/image-files.js';
import { yarnLockAnalyzer } from './yarn-lock.js';

const NPM = join(FIXTURES, 'pkgdb', 'npm');
const P = '/app/yarn.lock';

const run = (content: Buffer | string) => runAnalyzer(yarnLockAnalyzer, P, content);

const ids = (packages: PackageFact[]) => packages.map((p) => `${p.name}@${p.version}`).sort();

// Expected lists: Trivy's parser tests for these very files (yarnHappy, yarnV2Happy in
// aquasecurity/trivy pkg/dependency/parser/nodejs/yarn/parse_testcase.go), see MANIFEST.tsv.
const YARN_V1 = [
  '@babel/helper-regex@7.4.4',
  'ansi-regex@2.1.1',
  'ansi-regex@3.0.0',
  'asap@2.0.6',
  'inherits@2.0.3',
  'is-fullwidth-code-point@2.0.0',
  'jquery@3.4.1',
  'js-tokens@4.0.0',
  'lodash@4.17.11',
  'promise@8.0.3',
  'safe-buffer@5.1.2',
  'safer-buffer@2.1.2',
  'statuses@1.5.0',
  'string-width@2.1.1',
  'strip-ansi@3.0.1',
  'strip-ansi@4.0.0',
  'whatwg-fetch@3.0.0',
  'wide-align@1.1.3',
];
const YARN_BERRY_V4 = [
  '@types/color-name@1.1.1',
  'abbrev@1.1.1',
  'ansi-styles@3.2.1',
  'ansi-styles@4.2.1',
  'assert-plus@1.0.0',
  'async@3.2.0',
  'color-convert@1.9.3',
  'color-convert@2.0.1',
  'color-name@1.1.3',
  'color-name@1.1.4',
  'ipaddr.js@1.9.1',
  'js-tokens@4.0.0',
  'loose-envify@1.4.0',
  'node-gyp@7.1.0',
  'once@1.4.0',
  'wrappy@1.0.2',
];

describe('yarn-lock on the pkgdb fixtures', () => {
  it('yarn-v1: the 18 packages (MANIFEST 18)', () => {
    const result = run(readFileSync(join(NPM, 'yarn-v1', 'yarn.lock')));
    expect(result.warnings).toEqual([]);
    const packages = packagesOf(result);
    expect(ids(packages)).toEqual([...YARN_V1].sort());
    expect(packages.every((p) => p.ecosystem === 'npm' && p.dev === undefined)).toBe(true);
  });

  it('yarn-berry-v4: 16 npm packages plus the patched fsevents 2.1.3; the workspace is skipped', () => {
    const result = run(readFileSync(join(NPM, 'yarn-berry-v4', 'yarn.lock')));
    expect(result.warnings).toEqual([]);
    const packages = packagesOf(result);
    expect(ids(packages)).toEqual([...YARN_BERRY_V4, 'fsevents@2.1.3'].sort());
    expect(packages.find((p) => p.name === 'fsevents')).toEqual({
      ecosystem: 'npm',
      name: 'fsevents',
      version: '2.1.3',
      note: 'patched',
    });
  });

  it('yarn-berry-v6: 8 packages (the duplicated @types/qs block counts once; workspace skipped)', () => {
    const result = run(readFileSync(join(NPM, 'yarn-berry-v6', 'yarn.lock')));
    expect(result.warnings).toEqual([]);
    expect(ids(packagesOf(result))).toEqual([
      '@babel/code-frame@7.10.4',
      '@types/minimatch@3.0.3',
      '@types/qs@6.9.4',
      'ajv@6.12.3',
      'asn1.js@4.10.1',
      'atob@2.1.2',
      'aws-sdk@2.706.0',
      'jhipster-core@7.3.4',
    ]);
  });
});

describe('yarn-lock wants', () => {
  it.each([
    ['/app/yarn.lock', true],
    ['/app/yarn.lock.bak', false],
    ['/app/.yarn/install-state.gz', false],
  ])('%s → %s', (path, wanted) => {
    expect(yarnLockAnalyzer.wants(fileHeader(path, ''))).toBe(wanted);
  });
});

describe('yarn-lock vectors', () => {
  it('v1: npm: aliases report the real package, link:/workspace: are skipped', () => {
    const text = [
      '# yarn lockfile v1',
      '',
      '"string-width-cjs@npm:string-width@^4.2.0":',
      '  version "4.2.3"',
      '',
      '"@scope/alias@npm:@real/pkg@1":',
      '  version "1.0.0"',
      '',
      '"local@link:../local":',
      '  version "0.0.0"',
      '',
      '"forked@https://codeload.github.com/u/forked/tar.gz/abc":',
      '  version "2.0.0"',
      '',
    ].join('\n');
    const result = run(text);
    expect(result.warnings).toEqual([]);
    expect(ids(packagesOf(result))).toEqual(['@real/pkg@1.0.0', 'forked@2.0.0', 'string-width@4.2.3']);
  });

  it('v1: an entry without a version is skipped with a warning naming its line', () => {
    const result = run('# yarn lockfile v1\n\nfoo@^1:\n  resolved "x"\n');
    expect(packagesOf(result)).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'package-skipped', path: P });
    expect(result.warnings[0]?.message).toContain('line 3');
  });

  it('berry: aliases, scoped names, portal/link/workspace skipped, duplicates merged', () => {
    const text = [
      '__metadata:',
      '  version: 8',
      '',
      '"string-width-cjs@npm:string-width@^4.2.0":',
      '  version: 4.2.3',
      '  resolution: "string-width@npm:4.2.3"',
      '',
      '"string-width@npm:^4.1.0, string-width@npm:^4.2.3":',
      '  version: 4.2.3',
      '  resolution: "string-width@npm:4.2.3"',
      '',
      '"@babel/parser@npm:^7.0.0":',
      '  version: 7.23.6',
      '  resolution: "@babel/parser@npm:7.23.6"',
      '',
      '"p@portal:../p::locator=app%40workspace%3A.":',
      '  version: 0.0.0-use.local',
      '  resolution: "p@portal:../p::locator=app%40workspace%3A."',
      '',
      '"l@link:../l::locator=app%40workspace%3A.":',
      '  version: 1.0.0',
      '  resolution: "l@link:../l::locator=app%40workspace%3A."',
      '',
      '"app@workspace:.":',
      '  version: 1.0.0',
      '  resolution: "app@workspace:."',
      '',
    ].join('\n');
    const result = run(text);
    expect(result.warnings).toEqual([]);
    expect(packagesOf(result)).toEqual([
      { ecosystem: 'npm', name: 'string-width', version: '4.2.3' },
      { ecosystem: 'npm', name: '@babel/parser', version: '7.23.6' },
    ]);
  });

  it('berry: a patch of a package also locked unpatched at the same version counts once, unpatched', () => {
    const text = [
      '__metadata:',
      '  version: 6',
      '',
      '"resolve@npm:^1.20.0":',
      '  version: 1.22.8',
      '  resolution: "resolve@npm:1.22.8"',
      '',
      '"resolve@patch:resolve@npm%3A^1.20.0#~builtin<compat/resolve>":',
      '  version: 1.22.8',
      '  resolution: "resolve@patch:resolve@npm%3A1.22.8#~builtin<compat/resolve>::version=1.22.8&hash=c3c19d"',
      '',
    ].join('\n');
    expect(packagesOf(run(text))).toEqual([{ ecosystem: 'npm', name: 'resolve', version: '1.22.8' }]);
  });

  it.each([
    ['berry with broken YAML', '__metadata:\n  version: 6\n"a@npm:1": [unclosed\n', /invalid YAML/],
    [
      'v1 with a broken header',
      '# yarn lockfile v1\n\nfoo@^1\n  version "1.0.0"\n',
      /invalid yarn v1 lockfile: line 3/,
    ],
  ])('%s → parse-failed warning naming the path', (_what, text, message) => {
    const result = run(text);
    expect(packagesOf(result)).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'parse-failed', path: P });
    expect(result.warnings[0]?.message).toMatch(message);
  });
});
