import { describe, expect, it } from 'vitest';
import type { AdvisoryRange, RangeEvent } from '../core/advisory.js';
import { isVigiaError } from '../core/errors.js';
import { evaluateAffected } from './range.js';
import { getScheme } from './registry.js';
import type { SchemeId } from './types.js';

const eco = (...events: RangeEvent[]): AdvisoryRange => ({ type: 'ECOSYSTEM', events });
const sem = (...events: RangeEvent[]): AdvisoryRange => ({ type: 'SEMVER', events });
const i = (v: string): RangeEvent => ({ introduced: v });
const f = (v: string): RangeEvent => ({ fixed: v });
const la = (v: string): RangeEvent => ({ last_affected: v });
const lim = (v: string): RangeEvent => ({ limit: v });

interface Case {
  name: string;
  scheme: SchemeId;
  installed: string;
  ranges: AdvisoryRange[];
  versions?: string[];
  affected: boolean;
  fixed?: string;
}

// Expected verdicts follow the OSV schema's evaluation rules (events sorted by version; introduced
// inclusive, fixed exclusive, last_affected inclusive, limit exclusive upper bound; ranges and
// `versions` OR'ed) worked out by hand for each case.
const cases: Case[] = [
  {
    name: 'introduced 0, below fix',
    scheme: 'semver',
    installed: '1.1.9',
    ranges: [eco(i('0'), f('1.2.0'))],
    affected: true,
    fixed: '1.2.0',
  },
  {
    name: 'introduced 0, at fix',
    scheme: 'semver',
    installed: '1.2.0',
    ranges: [eco(i('0'), f('1.2.0'))],
    affected: false,
  },
  {
    name: 'introduced 0, no fix',
    scheme: 'semver',
    installed: '9.9.9',
    ranges: [eco(i('0'))],
    affected: true,
  },
  {
    name: 'below introduced',
    scheme: 'semver',
    installed: '0.9.0',
    ranges: [eco(i('1.0.0'), f('2.0.0'))],
    affected: false,
  },
  {
    name: 'at introduced',
    scheme: 'semver',
    installed: '1.0.0',
    ranges: [eco(i('1.0.0'), f('2.0.0'))],
    affected: true,
    fixed: '2.0.0',
  },
  {
    name: 'pre-release below introduced',
    scheme: 'semver',
    installed: '1.0.0-rc.1',
    ranges: [eco(i('1.0.0'), f('2.0.0'))],
    affected: false,
  },
  {
    name: 'unsorted events',
    scheme: 'semver',
    installed: '1.5.0',
    ranges: [eco(f('2.0.0'), i('1.0.0'))],
    affected: true,
    fixed: '2.0.0',
  },
  {
    name: 'unsorted events, above fix',
    scheme: 'semver',
    installed: '2.0.1',
    ranges: [eco(f('2.0.0'), i('1.0.0'))],
    affected: false,
  },
  ...(
    [
      ['0.5.0', false, undefined],
      ['1.1.0', true, '1.2.0'],
      ['1.5.0', false, undefined],
      ['2.1.0', true, '2.3.0'],
      ['2.3.0', false, undefined],
    ] as const
  ).map(([installed, affected, fixed]) => ({
    name: `two introduced/fixed pairs in one range (unsorted), ${installed}`,
    scheme: 'semver' as const,
    installed,
    ranges: [eco(i('2.0.0'), f('2.3.0'), i('1.0.0'), f('1.2.0'))],
    affected,
    ...(fixed ? { fixed } : {}),
  })),
  {
    name: 'last_affected is inclusive',
    scheme: 'pep440',
    installed: '1.4',
    ranges: [eco(i('0'), la('1.4'))],
    affected: true,
  },
  {
    name: 'last_affected, equal by scheme',
    scheme: 'pep440',
    installed: '1.4.0',
    ranges: [eco(i('0'), la('1.4'))],
    affected: true,
  },
  {
    name: 'above last_affected',
    scheme: 'pep440',
    installed: '1.4.post1',
    ranges: [eco(i('0'), la('1.4'))],
    affected: false,
  },
  {
    name: 'limit bounds the range',
    scheme: 'maven',
    installed: '1.2',
    ranges: [eco(i('1.0'), lim('1.5'))],
    affected: true,
  },
  {
    name: 'at limit',
    scheme: 'maven',
    installed: '1.5',
    ranges: [eco(i('1.0'), lim('1.5'))],
    affected: false,
  },
  {
    name: 'limit * is no limit',
    scheme: 'maven',
    installed: '7.0',
    ranges: [eco(i('1.0'), lim('*'))],
    affected: true,
  },
  {
    name: 'versions only: listed',
    scheme: 'semver',
    installed: '1.0.1',
    ranges: [],
    versions: ['1.0.0', '1.0.1'],
    affected: true,
  },
  {
    name: 'versions only: not listed',
    scheme: 'semver',
    installed: '1.0.2',
    ranges: [],
    versions: ['1.0.0', '1.0.1'],
    affected: false,
  },
  {
    name: 'versions by scheme equality',
    scheme: 'pep440',
    installed: '1.0.0',
    ranges: [],
    versions: ['1.0'],
    affected: true,
  },
  {
    name: 'versions by scheme equality (deb epoch 0)',
    scheme: 'deb',
    installed: '0:2.3-1',
    ranges: [],
    versions: ['2.3-1'],
    affected: true,
  },
  {
    name: 'invalid entry in versions is skipped',
    scheme: 'pep440',
    installed: '0.3.3',
    ranges: [],
    versions: ['0.3.2d', '0.3.2'],
    affected: false,
  },
  {
    name: 'versions OR ranges',
    scheme: 'semver',
    installed: '3.0.0',
    ranges: [eco(i('0'), f('2.0.0'))],
    versions: ['3.0.0'],
    affected: true,
  },
  {
    name: 'ranges OR-ed, lowest fix above installed wins',
    scheme: 'semver',
    installed: '1.5.0',
    ranges: [eco(i('0'), f('3.0.0')), eco(i('1.0.0'), f('2.0.0'))],
    affected: true,
    fixed: '2.0.0',
  },
  {
    name: 'fix of a range that does not contain the version is not offered',
    scheme: 'semver',
    installed: '2.5.0',
    ranges: [eco(i('0'), f('3.0.0')), eco(i('1.0.0'), f('2.0.0'))],
    affected: true,
    fixed: '3.0.0',
  },
  {
    name: 'deb revision and security suffix',
    scheme: 'deb',
    installed: '1:2.3-1',
    ranges: [eco(i('0'), f('1:2.3-1+deb12u1'))],
    affected: true,
    fixed: '1:2.3-1+deb12u1',
  },
  {
    name: 'deb tilde sorts before',
    scheme: 'deb',
    installed: '2.3-1~bpo12+1',
    ranges: [eco(i('0'), f('2.3-1'))],
    affected: true,
    fixed: '2.3-1',
  },
  {
    name: 'deb epoch beats upstream',
    scheme: 'deb',
    installed: '1:1.0-1',
    ranges: [eco(i('0'), f('2.0-1'))],
    affected: false,
  },
  {
    name: 'apk revision',
    scheme: 'apk',
    installed: '1.1.1d-r1',
    ranges: [eco(i('0'), f('1.1.1d-r2'))],
    affected: true,
    fixed: '1.1.1d-r2',
  },
  {
    name: 'rpm epoch in fix',
    scheme: 'rpm',
    installed: '2.4.37-43.el8',
    ranges: [eco(i('0'), f('1:2.4.37-47.el8'))],
    affected: true,
    fixed: '1:2.4.37-47.el8',
  },
  {
    name: 'SEMVER range tolerates v',
    scheme: 'semver',
    installed: '1.1.0',
    ranges: [sem(i('v1.0.0'), f('v1.2.0'))],
    affected: true,
    fixed: 'v1.2.0',
  },
  {
    name: 'Go toolchain tag against stdlib events',
    scheme: 'go',
    installed: 'go1.19.8',
    ranges: [sem(i('0'), f('1.19.10'), i('1.20.0-0'), f('1.20.5'))],
    affected: true,
    fixed: '1.19.10',
  },
  {
    name: 'Go rc tag inside the 1.21 pre-release window',
    scheme: 'go',
    installed: 'go1.21rc2',
    ranges: [sem(i('1.21.0-0'), f('1.21.1'))],
    affected: true,
    fixed: '1.21.1',
  },
  {
    name: 'Go module with v against OSV without v',
    scheme: 'go',
    installed: 'v0.0.0-20200101120000-abcdef123456',
    ranges: [sem(i('0'), f('0.0.0-20210101000000-000000000000'))],
    affected: true,
    fixed: '0.0.0-20210101000000-000000000000',
  },
  {
    name: 'Go +incompatible equals its release',
    scheme: 'go',
    installed: 'v2.8.6+incompatible',
    ranges: [sem(i('0'), f('2.8.6+incompatible'))],
    affected: false,
  },
  {
    name: 'one bad range does not hide a good verdict',
    scheme: 'semver',
    installed: '1.0.0',
    ranges: [eco(i('x.y'), f('2.0.0')), eco(i('0'), f('1.5.0'))],
    affected: true,
    fixed: '1.5.0',
  },
];

describe('evaluateAffected', () => {
  it.each(cases.map((c) => [c.name, c]))('%s', (_name, c) => {
    const verdict = evaluateAffected(getScheme(c.scheme), c.installed, {
      ranges: c.ranges,
      versions: c.versions ?? [],
    });
    expect(verdict).toEqual(
      c.fixed ? { affected: c.affected, fixedVersion: c.fixed } : { affected: c.affected },
    );
  });

  const throws: [string, SchemeId, string, AdvisoryRange[], string[]][] = [
    ['installed version invalid', 'deb', 'not-a-version', [eco(i('0'), f('1.0-1'))], []],
    ['installed invalid even with versions list only', 'semver', '1.0', [], ['1.0.0']],
    ['event invalid and nothing else matches', 'semver', '1.0.0', [eco(i('0'), f('two'))], []],
    ['installed not SemVer in a SEMVER range', 'pep440', '1.0', [sem(i('0'), f('2.0.0'))], []],
  ];
  it.each(throws)('throws VERSION_INVALID: %s', (_name, scheme, installed, ranges, versions) => {
    let thrown: unknown;
    try {
      evaluateAffected(getScheme(scheme), installed, { ranges, versions });
    } catch (err) {
      thrown = err;
    }
    expect(isVigiaError(thrown, 'VERSION_INVALID')).toBe(true);
  });
});
