import { describe, expect, it } from 'vitest';
import { isValidNpmName, npmVersion, splitDescriptor } from './shared.js';
import { parsePnpmDepPath } from './pnpm-path.js';
import { parseYarnV1 } from './yarn-v1.js';

describe('isValidNpmName (validate-npm-package-name, validForOldPackages)', () => {
  it.each([
    ['express', true],
    ['@babel/parser', true],
    ['JSONStream', true],
    ['lodash.merge', true],
    ['', false],
    ['.hidden', false],
    ['_private', false],
    ['node_modules', false],
    ['has space', false],
    ['@scope/a/b', false],
    ['../escape', false],
    ['x'.repeat(215), false],
  ])('%s → %s', (name, valid) => {
    expect(isValidNpmName(name)).toBe(valid);
  });
});

describe('npmVersion', () => {
  it.each([
    ['1.2.3', '1.2.3'],
    ['1.2.3-beta.1+build.5', '1.2.3-beta.1+build.5'],
    ['v1.2.3', '1.2.3'],
    ['=1.2.3', '1.2.3'],
    [' 2.0.0 ', '2.0.0'],
    ['latest', undefined],
    ['1.2', undefined],
    ['github:user/repo#abc', undefined],
    [42, undefined],
  ])('%j → %j', (input, expected) => {
    expect(npmVersion(input)).toBe(expected);
  });
});

describe('splitDescriptor', () => {
  it.each([
    ['lodash@^4.17.0', { name: 'lodash', range: '^4.17.0' }],
    ['@babel/core@7.0.0', { name: '@babel/core', range: '7.0.0' }],
    ['alias@npm:real@^1.0.0', { name: 'alias', range: 'npm:real@^1.0.0' }],
    ['@babel/core', undefined],
    ['lodash', undefined],
  ])('%s', (input, expected) => {
    expect(splitDescriptor(input)).toEqual(expected);
  });
});

describe('parsePnpmDepPath', () => {
  it.each([
    ['/lodash/4.17.21', 5, { name: 'lodash', version: '4.17.21' }],
    ['/@babel/runtime/7.18.3', 5, { name: '@babel/runtime', version: '7.18.3' }],
    ['/debug/4.3.4_supports-color@8.1.1', 5, { name: 'debug', version: '4.3.4' }],
    ['/@babel/plugin-x/7.21.5_@babel+core@7.21.8', 5, { name: '@babel/plugin-x', version: '7.21.5' }],
    ['/lodash_es/1.0.0', 5, { name: 'lodash_es', version: '1.0.0' }],
    ['registry.npmjs.org/@babel/generator/7.21.9', 5, { name: '@babel/generator', version: '7.21.9' }],
    ['/debug@4.3.4(supports-color@8.1.1)', 6, { name: 'debug', version: '4.3.4' }],
    ['/@babel/helper@7.18.6(@babel/core@7.20.7)(x@1.0.0)', 6, { name: '@babel/helper', version: '7.18.6' }],
    ['ms@2.0.0', 9, { name: 'ms', version: '2.0.0' }],
    ['@types/node@20.1.0', 9, { name: '@types/node', version: '20.1.0' }],
    ['react-dom@18.2.0(react@18.2.0)', 9, { name: 'react-dom', version: '18.2.0' }],
    [
      'debug@https://github.com/debug-js/debug/tarball/4.3.5',
      9,
      {
        name: 'debug',
        version: 'https://github.com/debug-js/debug/tarball/4.3.5',
      },
    ],
    ['lodash', 9, undefined],
    ['nolslash', 5, undefined],
  ])('%s (v%d)', (key, major, expected) => {
    expect(parsePnpmDepPath(key, major)).toEqual(expected);
  });
});

describe('parseYarnV1', () => {
  it('reads quoted and bare descriptors, quoted and bare values, and skips nested sections', () => {
    const text = [
      '# yarn lockfile v1',
      '',
      '"@a/b@^1.0.0", "@a/b@>= 1.0.0 < 2":',
      '  version "1.2.0"',
      '  resolved "https://registry.yarnpkg.com/@a/b/-/b-1.2.0.tgz#abc"',
      '  dependencies:',
      '    c "^2"',
      '',
      'c@^2, c@2.x:',
      '  version 2.0.1',
      '',
    ].join('\r\n');
    expect(parseYarnV1(text)).toEqual([
      {
        descriptors: ['@a/b@^1.0.0', '@a/b@>= 1.0.0 < 2'],
        fields: { version: '1.2.0', resolved: 'https://registry.yarnpkg.com/@a/b/-/b-1.2.0.tgz#abc' },
        line: 3,
      },
      { descriptors: ['c@^2', 'c@2.x'], fields: { version: '2.0.1' }, line: 9 },
    ]);
  });

  it.each([
    ['a header without a colon', 'lodash@^4\n  version "4.0.0"\n', /line 1/],
    ['a field before any entry', '  version "1.0.0"\n', /line 1: indented field outside/],
    ['an unterminated string', '"lodash@^4:\n', /line 1: unterminated string/],
  ])('rejects %s', (_what, text, error) => {
    expect(() => parseYarnV1(text)).toThrow(error);
  });
});
