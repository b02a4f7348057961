import { describe, expect, it } from 'vitest';
import { newFeedReport } from '../report.js';
import { convertOsvRecord, normaliseSeverity } from './osv-record.js';

const base = {
  id: 'GHSA-aaaa-bbbb-cccc',
  modified: '2024-05-06T07:08:09.123456Z',
  affected: [
    {
      package: { ecosystem: 'npm', name: 'left-pad' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }],
    },
  ],
};

describe('OSV record conversion', () => {
  it('keeps what the matcher needs and drops the rest', () => {
    const report = newFeedReport('osv:npm', 'x');
    const out = convertOsvRecord(
      {
        ...base,
        aliases: ['CVE-2024-0001', 'GHSA-aaaa-bbbb-cccc', 'CVE-2024-0001'],
        summary: 's',
        details: 'd',
        published: '2024-01-01T00:00:00Z',
        severity: [
          { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
          { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
        ],
        references: [{ type: 'WEB', url: 'https://example.org' }],
        database_specific: { severity: 'MODERATE', cwe_ids: ['CWE-1'] },
        credits: [{ name: 'someone' }],
      },
      'osv:npm',
      report,
    );
    expect(out).toEqual({
      kind: 'advisory',
      advisory: {
        id: 'GHSA-aaaa-bbbb-cccc',
        aliases: ['CVE-2024-0001'],
        summary: 's',
        details: 'd',
        published: '2024-01-01T00:00:00Z',
        modified: '2024-05-06T07:08:09.123456Z',
        severity: [
          { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
          { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
        ],
        databaseSeverity: 'MEDIUM',
        references: [{ type: 'WEB', url: 'https://example.org' }],
        affected: [{ ecosystem: 'npm', name: 'left-pad', ranges: base.affected[0]!.ranges, versions: [] }],
        source: 'osv:npm',
      },
    });
  });

  it.each([
    [{ ...base, withdrawn: '2024-06-01T00:00:00Z' }, 'withdrawn'],
    [{ ...base, modified: 'yesterday' }, 'invalid'],
    [{ ...base, id: '' }, 'invalid'],
    [{ ...base, affected: [{ package: { ecosystem: 'npm' }, ranges: [] }] }, 'invalid'],
    [
      {
        ...base,
        affected: [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [] }] }],
      },
      'invalid',
    ],
    [
      {
        ...base,
        affected: [
          { package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ fixed: 1 }] }] },
        ],
      },
      'invalid',
    ],
    [{ ...base, affected: [] }, 'unusable'],
    [{ ...base, affected: [{ package: { ecosystem: 'npm', name: 'x' } }] }, 'unusable'],
    [{ ...base, affected: [{ package: { ecosystem: 'npm', name: 'x' }, versions: ['1.0.0'] }] }, 'advisory'],
    ['not an object', 'invalid'],
  ])('case %# → %s', (raw, kind) => {
    expect(convertOsvRecord(raw, 'osv:npm', newFeedReport('f', 'u')).kind).toBe(kind);
  });

  it('skips unknown range types, counts them, and names entries left empty', () => {
    const report = newFeedReport('f', 'u');
    const out = convertOsvRecord(
      {
        ...base,
        affected: [
          {
            package: { ecosystem: 'PyPI', name: 'a' },
            ranges: [{ type: 'GIT', repo: 'r', events: [{ introduced: 'x' }] }],
            versions: ['1.0'],
          },
          {
            package: { ecosystem: 'PyPI', name: 'b' },
            ranges: [{ type: 'GIT', repo: 'r', events: [{ introduced: 'x' }] }],
          },
          {
            package: { ecosystem: 'PyPI', name: 'c' },
            ranges: [{ type: 'FANCY', events: [{ introduced: '0' }] }],
          },
        ],
      },
      'osv:PyPI',
      report,
    );
    expect(out.kind).toBe('advisory');
    if (out.kind !== 'advisory') return;
    expect(out.advisory.affected).toEqual([{ ecosystem: 'PyPI', name: 'a', ranges: [], versions: ['1.0'] }]);
    expect(report.skippedRanges).toEqual({ GIT: 2, FANCY: 1 });
    expect(report.unusable.map((p) => p.name)).toEqual([
      'GHSA-aaaa-bbbb-cccc PyPI/b',
      'GHSA-aaaa-bbbb-cccc PyPI/c',
    ]);
  });

  it('keeps OSV upstream ids and per-entry severity', () => {
    const out = convertOsvRecord(
      {
        id: 'ALPINE-CVE-2019-1547',
        modified: '2020-06-08T00:00:00Z',
        upstream: ['CVE-2019-1547'],
        affected: [
          {
            package: { ecosystem: 'Alpine:v3.10', name: 'openssl' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1.1d-r0' }] }],
            ecosystem_specific: { severity: 'low' },
          },
        ],
      },
      'osv:Alpine',
      newFeedReport('f', 'u'),
    );
    expect(out.kind === 'advisory' && out.advisory.upstream).toEqual(['CVE-2019-1547']);
    expect(out.kind === 'advisory' && out.advisory.affected[0]?.severity).toBe('low');
  });

  it.each([
    ['CRITICAL', 'CRITICAL'],
    ['high', 'HIGH'],
    ['MODERATE', 'MEDIUM'],
    ['Medium', 'MEDIUM'],
    ['LOW', 'LOW'],
    ['negligible', 'LOW'],
    ['UNKNOWN', undefined],
    [undefined, undefined],
  ])('severity %s → %s', (input, want) => expect(normaliseSeverity(input)).toBe(want));

  it('takes the Ubuntu severity word when there is no database severity', () => {
    const out = convertOsvRecord(
      { ...base, severity: [{ type: 'Ubuntu', score: 'medium' }] },
      'osv:Ubuntu',
      newFeedReport('f', 'u'),
    );
    expect(out.kind === 'advisory' && [out.advisory.databaseSeverity, out.advisory.severity]).toEqual([
      'MEDIUM',
      [],
    ]);
  });
});
