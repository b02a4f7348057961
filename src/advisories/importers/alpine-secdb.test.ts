import { describe, expect, it } from 'vitest';
import { newFeedReport } from '../report.js';
import { convertSecdb, parseSecdb, parseSecfixId } from './alpine-secdb.js';

describe('Alpine secdb ids', () => {
  it.each([
    ['CVE-2019-1547', { id: 'CVE-2019-1547', aliases: [] }],
    ['CVE-2016-10013 XSA-204', { id: 'CVE-2016-10013', aliases: ['XSA-204'] }],
    ['CVE-2018-12126  XSA-297', { id: 'CVE-2018-12126', aliases: ['XSA-297'] }],
    ['CVE 2018-16859', { id: 'CVE-2018-16859', aliases: [] }],
    ['CVE_2019-2426', { id: 'CVE-2019-2426', aliases: [] }],
    ['CVE-2017-17434-1', { id: 'CVE-2017-17434', aliases: [] }],
    ['CVE-2017-16808 (AoE)', { id: 'CVE-2017-16808', aliases: [] }],
    [
      'CVE-2018-10103 (SMB - partially fixed, but SMB printing disabled)',
      { id: 'CVE-2018-10103', aliases: [] },
    ],
    ['CVE-2017-12122 TALOS-2017-0488', { id: 'CVE-2017-12122', aliases: ['TALOS-2017-0488'] }],
    ['XSA-207', { id: 'XSA-207', aliases: [] }],
    ['CVE-????-?????  XSA-295', { id: 'XSA-295', aliases: [] }],
    ['fixed some things', undefined],
  ])('%s', (text, want) => expect(parseSecfixId(text)).toEqual(want));
});

describe('Alpine secdb conversion', () => {
  const doc = parseSecdb(
    {
      distroversion: 'v3.8',
      reponame: 'main',
      urlprefix: 'http://dl-cdn.alpinelinux.org/alpine',
      packages: [
        { pkg: { name: 'db', secfixes: { '0': ['CVE-2016-0682', 'CVE-2016-0689'] } } },
        {
          pkg: {
            name: 'curl',
            secfixes: { '7.61.0-r0': ['CVE-2018-0500'], '7.61.1-r0': ['CVE-2018-14618'] },
          },
        },
        { pkg: { name: 'libcurl-compat', secfixes: { '7.61.1-r1': ['CVE-2018-14618'] } } },
        {
          pkg: {
            name: 'xen',
            secfixes: { '4.9.1-r1': ['CVE-2017-15588 XSA-241'], '4.9.1-r3': ['CVE-2017-15588 XSA-241'] },
          },
        },
        { pkg: { name: 'weird', secfixes: { '1.0-r0': ['no id here'] } } },
      ],
    },
    'v3.8/main.json',
  );

  it('turns secfixes into ranges fixed at each listed version, for Alpine:<release>', () => {
    const report = newFeedReport('alpine-secdb:v3.8/main', 'u');
    const advs = convertSecdb(doc, '2024-01-01T00:00:00.000Z', report);
    expect(advs.map((a) => a.id)).toEqual(['CVE-2017-15588', 'CVE-2018-0500', 'CVE-2018-14618']);
    const shared = advs.find((a) => a.id === 'CVE-2018-14618');
    expect(shared?.affected.map((e) => [e.ecosystem, e.name, e.ranges])).toEqual([
      ['Alpine:v3.8', 'curl', [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '7.61.1-r0' }] }]],
      [
        'Alpine:v3.8',
        'libcurl-compat',
        [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '7.61.1-r1' }] }],
      ],
    ]);
    expect(shared).toMatchObject({
      source: 'alpine-secdb',
      modified: '2024-01-01T00:00:00.000Z',
      references: [{ type: 'ADVISORY', url: 'https://security.alpinelinux.org/vuln/CVE-2018-14618' }],
    });
    // Fixed, then fixed again (regression): affected until the later fix → one range per version.
    const xen = advs.find((a) => a.id === 'CVE-2017-15588');
    expect(xen?.aliases).toEqual(['XSA-241']);
    expect(xen?.affected[0]?.ranges.map((r) => r.events)).toEqual([
      [{ introduced: '0' }, { fixed: '4.9.1-r1' }],
      [{ introduced: '0' }, { fixed: '4.9.1-r3' }],
    ]);
  });

  it('reads the key 0 as "never affected": no advisory, counted', () => {
    const report = newFeedReport('f', 'u');
    const advs = convertSecdb(doc, '2024-01-01T00:00:00.000Z', report);
    expect(advs.some((a) => a.id === 'CVE-2016-0682')).toBe(false);
    expect(report.notAffected).toBe(2);
    expect(report.invalid).toEqual([
      { name: 'weird@1.0-r0', reason: 'unrecognised vulnerability id "no id here"' },
    ]);
  });

  it('refuses documents that are not secdb', () => {
    expect(() => parseSecdb({ distroversion: 'v3.8', packages: [] }, 'x.json')).toThrow(
      /^x\.json: not an Alpine secdb file: reponame: /,
    );
    expect(() => parseSecdb([], 'x.json')).toThrow(/^x\.json: not an Alpine secdb file/);
  });
});
