import { describe, expect, it } from 'vitest';
import { parseModInfo } from './modinfo.js';
import { depPackage, goPackages, toolchainVersion } from './packages.js';

describe('toolchainVersion', () => {
  it.each([
    ['go1.19.8', { version: '1.19.8' }],
    ['go1.20', { version: '1.20.0' }],
    ['go1.21.0', { version: '1.21.0' }],
    ['go1.21rc2', { version: '1.21.0-rc.2' }],
    ['go1.22beta1', { version: '1.22.0-beta.1' }],
    ['go1.9.2rc1', { version: '1.9.2-rc.1' }],
    ['go1.22.0 X:boringcrypto', { version: '1.22.0', extra: 'X:boringcrypto' }],
    [
      'go1.21.6 X:nocoverageredesign,systemcrypto',
      { version: '1.21.6', extra: 'X:nocoverageredesign,systemcrypto' },
    ],
    ['go1.20.10 (Red Hat 1.20.10-1.el9)', { version: '1.20.10', extra: '(Red Hat 1.20.10-1.el9)' }],
    ['devel go1.23-2a1b3c4d Tue Jan 2 2024', { problem: expect.stringContaining('development toolchain') }],
    ['go1', { problem: 'unrecognised toolchain version "go1"' }],
    ['go1.2x', { problem: 'unrecognised toolchain version "go1.2x"' }],
    ['1.19.8', { problem: 'unrecognised toolchain version "1.19.8"' }],
  ])('%s', (raw, expected) => {
    expect(toolchainVersion(raw)).toEqual(expected);
  });
});

describe('depPackage', () => {
  it.each([
    [
      { path: 'a.io/x', version: 'v1.0.0' },
      { ecosystem: 'go', name: 'a.io/x', version: 'v1.0.0' },
    ],
    [
      { path: 'a.io/x', version: 'v1.0.0', replace: { path: 'b.io/x', version: 'v1.0.1', sum: 'h1:x' } },
      {
        ecosystem: 'go',
        name: 'b.io/x',
        version: 'v1.0.1',
        replacedBy: { name: 'a.io/x', version: 'v1.0.0' },
        note: 'replaces a.io/x@v1.0.0',
      },
    ],
    // Same path, other version (replace x v1.0.0 => x v1.0.5): the version actually built counts.
    [
      { path: 'a.io/x', version: 'v1.0.0', replace: { path: 'a.io/x', version: 'v1.0.5' } },
      {
        ecosystem: 'go',
        name: 'a.io/x',
        version: 'v1.0.5',
        replacedBy: { name: 'a.io/x', version: 'v1.0.0' },
        note: 'replaces a.io/x@v1.0.0',
      },
    ],
    [
      { path: 'a.io/x', version: 'v1.0.0', replace: { path: '../x', version: '' } },
      {
        ecosystem: 'go',
        name: 'a.io/x',
        version: 'v1.0.0',
        replacedBy: { name: '../x' },
        note: 'replaced by local directory ../x; version is the declared one',
      },
    ],
  ])('%j', (dep, expected) => {
    expect(depPackage(dep)).toEqual(expected);
  });
});

describe('parseModInfo', () => {
  it('keeps malformed lines as problems and goes on', () => {
    const info = parseModInfo(
      [
        'path\ta.io/cmd',
        '=>\torphan\tv1\th1:',
        'dep\ta.io/x',
        'dep\ttoo\tmany\tfields\there',
        'build\tnovalue',
        'weird\tline',
        'dep\tb.io/y\tv2.0.0+incompatible\th1:abc=',
      ].join('\n'),
    );
    expect(info.path).toBe('a.io/cmd');
    expect(info.deps).toEqual([
      { path: 'a.io/x', version: '' },
      { path: 'b.io/y', version: 'v2.0.0+incompatible', sum: 'h1:abc=' },
    ]);
    expect(info.problems).toEqual([
      'module info line 2 (=>): replacement with no module on the line before',
      'module info line 4 (dep): expected path, version and optional sum, got 4 fields',
      'module info line 5 (build): expected KEY=VALUE, got "novalue"',
      'module info line 6 (weird): unknown line kind',
    ]);
  });

  it('keeps build settings whose values contain "=" and tabs', () => {
    const info = parseModInfo('build\t-ldflags="-X main.v=1.2.3"\nbuild\tvcs.revision=abc');
    expect(info.settings).toEqual([
      ['-ldflags', '"-X main.v=1.2.3"'],
      ['vcs.revision', 'abc'],
    ]);
  });

  it('skips a dependency that is the main module itself', () => {
    const info = parseModInfo(
      'path\ta.io/x\nmod\ta.io/x\tv1.0.0\th1:m=\ndep\ta.io/x\tv1.0.0\ndep\tb.io/y\tv0.1.0',
    );
    expect(goPackages('go1.21.0', info).packages.map((p) => `${p.name}@${p.version}`)).toEqual([
      'stdlib@1.21.0',
      'a.io/x@v1.0.0',
      'b.io/y@v0.1.0',
    ]);
  });
});
