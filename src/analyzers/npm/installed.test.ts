import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EntryHeader } from '../../image/types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import { FIXTURES } from '../../test-support/fixtures.js';
import { npmInstalledAnalyzer } from './installed.js';

const NPM = join(FIXTURES, 'pkgdb', 'npm');

function header(path: string, size = 0): EntryHeader {
  return { path, type: 'file', mode: 0o644, uid: 0, gid: 0, size };
}

function run(path: string, content: Buffer | string): AnalyzerResult {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return npmInstalledAnalyzer.analyze({ header: header(path, bytes.length), content: bytes });
}

function onlyPackages(result: AnalyzerResult) {
  expect(result.facts).toHaveLength(1);
  const fact = result.facts[0];
  if (fact?.kind !== 'packages') throw new Error('expected a packages fact');
  return fact.packages;
}

describe('npm-installed on the pkgdb fixtures (MANIFEST: 1 package each)', () => {
  it.each([
    ['installed-node_modules/node_modules/@babel/parser/package.json', '@babel/parser', '7.23.6'],
    ['installed-node_modules/node_modules/body-parser/node_modules/debug/package.json', 'debug', '2.6.9'],
    ['installed-node_modules/node_modules/body-parser/node_modules/ms/package.json', 'ms', '2.0.0'],
    ['installed-node_modules/node_modules/body-parser/package.json', 'body-parser', '1.18.3'],
    ['installed-node_modules/node_modules/express/node_modules/debug/package.json', 'debug', '2.6.9'],
    ['installed-node_modules/node_modules/express/node_modules/ms/package.json', 'ms', '2.0.0'],
    ['installed-node_modules/node_modules/express/package.json', 'express', '4.16.4'],
    ['installed-node_modules/node_modules/ms/package.json', 'ms', '2.1.1'],
    ['package-json-bootstrap-5.0.2/package.json', 'bootstrap', '5.0.2'],
  ])('%s → %s@%s', (file, name, version) => {
    const imagePath = `/app/${file.split('/').slice(1).join('/')}`;
    expect(npmInstalledAnalyzer.wants(header(imagePath))).toBe(true);
    const result = run(imagePath, readFileSync(join(NPM, file)));
    expect(result.warnings).toEqual([]);
    expect(result.facts[0]).toMatchObject({ kind: 'packages', analyzer: 'npm-installed', path: imagePath });
    expect(onlyPackages(result)).toEqual([{ ecosystem: 'npm', name, version, licenses: ['MIT'] }]);
  });
});

describe('npm-installed wants', () => {
  it.each([
    ['/app/package.json', 'file', true],
    ['/usr/share/nodejs/undici/package.json', 'file', true],
    ['/app/node_modules/a/node_modules/b/package.json', 'file', true],
    ['/app/package.json', 'symlink', false],
    ['/app/package.json.bak', 'file', false],
    ['/app/package-lock.json', 'file', false],
    ['/app/my-package.json', 'file', false],
  ] as const)('%s (%s) → %s', (path, type, wanted) => {
    expect(npmInstalledAnalyzer.wants({ ...header(path), type })).toBe(wanted);
  });
});

describe('npm-installed vectors', () => {
  const P = '/app/node_modules/x/package.json';
  it.each([
    ['license string', { name: 'x', version: '1.0.0', license: 'MIT OR Apache-2.0' }, ['MIT OR Apache-2.0']],
    ['legacy license object', { name: 'x', version: '1.0.0', license: { type: 'BSD', url: 'u' } }, ['BSD']],
    [
      'legacy licenses array',
      { name: 'x', version: '1.0.0', licenses: [{ type: 'MIT' }, { type: 'GPL-2.0' }, 'ISC'] },
      ['MIT', 'GPL-2.0', 'ISC'],
    ],
    [
      'legacy licenses object',
      { name: 'x', version: '1.0.0', licenses: { type: 'Apache-2.0' } },
      ['Apache-2.0'],
    ],
    ['no licence', { name: 'x', version: '1.0.0' }, undefined],
  ])('%s', (_what, json, licenses) => {
    const packages = onlyPackages(run(P, JSON.stringify(json)));
    expect(packages[0]?.licenses).toEqual(licenses);
  });

  it('keeps a scoped name and cleans a loose version the way npm does', () => {
    const packages = onlyPackages(run(P, JSON.stringify({ name: '@scope/pkg', version: 'v2.0.0' })));
    expect(packages).toEqual([{ ecosystem: 'npm', name: '@scope/pkg', version: '2.0.0' }]);
  });

  it.each([
    ['{"type":"module"}', 'no name or version'],
    ['{"name":"x"}', 'no version'],
    ['{"version":"1.0.0","private":true}', 'no name'],
    ['{"name":"","version":""}', 'empty strings'],
  ])('%s (%s) → an empty fact, no warning', (json) => {
    const result = run(P, json);
    expect(onlyPackages(result)).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ['{"name":"x","version":"latest"}', /invalid version "latest"/],
    ['{"name":"../evil","version":"1.0.0"}', /invalid npm name "\.\.\/evil"/],
  ])('%s → skipped with a warning', (json, message) => {
    const result = run(P, json);
    expect(onlyPackages(result)).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'package-skipped', path: P });
    expect(result.warnings[0]?.message).toMatch(message);
  });

  it.each([
    ['truncated', '{"name":"x","vers', /invalid JSON/],
    ['not JSON', 'hello', /invalid JSON/],
    ['an array', '[1,2]', /not a JSON object/],
    ['empty', '', /invalid JSON/],
  ])('%s file → parse-failed warning naming the path, empty fact', (_what, text, message) => {
    const result = run(P, text);
    expect(onlyPackages(result)).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'parse-failed', path: P });
    expect(result.warnings[0]?.message).toMatch(message);
    expect(result.warnings[0]?.message).toContain(P);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"name":"x","version":"1.0.0"}'),
    ]);
    expect(onlyPackages(run(P, bytes))).toEqual([{ ecosystem: 'npm', name: 'x', version: '1.0.0' }]);
  });
});
