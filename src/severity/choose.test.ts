import { describe, expect, it } from 'vitest';
import type { Advisory, AffectedPackage } from '../core/advisory.js';
import { chooseSeverity } from './choose.js';
import { scoreAdvisory, scoreAdvisoryWithWarnings } from './score.js';
import { vendorRating } from './vendor.js';

const V3_CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'; // 9.8
const V3_MEDIUM = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N'; // 6.1
const V3_LOW = 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N'; // 3.1
const V3_NONE = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N'; // 0.0
const V4_HIGH = 'CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'; // 7.3
const V4_MEDIUM = 'CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N'; // 4.6
const V2_HIGH = 'AV:N/AC:L/Au:N/C:P/I:P/A:P'; // 7.5
const V2_MEDIUM = 'AV:N/AC:M/Au:N/C:P/I:N/A:N'; // 4.3

function affected(severity?: string, ecosystem = 'Debian:12', name = 'openssl'): AffectedPackage {
  return { ecosystem, name, ranges: [], versions: ['1.0'], ...(severity ? { severity } : {}) };
}

function advisory(id: string, fields: Partial<Advisory> = {}): Advisory {
  return {
    id,
    aliases: [],
    modified: '2024-01-01T00:00:00Z',
    severity: [],
    references: [],
    affected: [affected()],
    source: 'osv:test',
    ...fields,
  };
}

/** Score the advisories as the matcher does, then choose. */
function choose(advisories: Advisory[], kind: 'os' | 'library' = 'library') {
  return chooseSeverity(advisories, advisories.flatMap(scoreAdvisory), kind);
}

describe('chooseSeverity', () => {
  it.each([
    [
      'vendor (per package) beats every CVSS score',
      [
        advisory('DSA-1', {
          affected: [affected('low')],
          severity: [{ type: 'CVSS_V3', score: V3_CRITICAL }],
        }),
      ],
      { severity: 'LOW', source: 'vendor' },
    ],
    [
      'vendor (per record, GitHub MODERATE already normalised) beats CVSS',
      [
        advisory('GHSA-1', {
          databaseSeverity: 'MEDIUM',
          severity: [{ type: 'CVSS_V3', score: V3_CRITICAL }],
        }),
      ],
      { severity: 'MEDIUM', source: 'vendor' },
    ],
    [
      "the package's own rating beats a record-wide one",
      [
        advisory('DSA-1', { affected: [affected('unimportant')] }),
        advisory('GHSA-1', { databaseSeverity: 'CRITICAL' }),
      ],
      { severity: 'LOW', source: 'vendor' },
    ],
    [
      'the highest per-package rating among merged advisories',
      [
        advisory('DLA-1', { affected: [affected('low')] }),
        advisory('DSA-2', { affected: [affected('high')] }),
        advisory('DSA-3', { affected: [affected('medium')] }),
      ],
      { severity: 'HIGH', source: 'vendor' },
    ],
    [
      'the highest record-wide rating among merged advisories',
      [advisory('GHSA-1', { databaseSeverity: 'LOW' }), advisory('GHSA-2', { databaseSeverity: 'HIGH' })],
      { severity: 'HIGH', source: 'vendor' },
    ],
    [
      '"not yet assigned" is no rating: CVSS decides',
      [
        advisory('CVE-1', {
          affected: [affected('not yet assigned')],
          severity: [{ type: 'CVSS_V3', score: V3_MEDIUM }],
        }),
      ],
      { severity: 'MEDIUM', source: 'cvss-v3' },
    ],
    [
      'an unrecognised word is no rating either',
      [advisory('X-1', { affected: [affected('spicy')], severity: [{ type: 'CVSS_V2', score: V2_MEDIUM }] })],
      { severity: 'MEDIUM', source: 'cvss-v2' },
    ],
    [
      'v4 beats v3, even when v3 is higher',
      [
        advisory('GHSA-1', {
          severity: [
            { type: 'CVSS_V3', score: V3_CRITICAL },
            { type: 'CVSS_V4', score: V4_MEDIUM },
          ],
        }),
      ],
      { severity: 'MEDIUM', source: 'cvss-v4' },
    ],
    [
      'the highest v4 among merged advisories',
      [
        advisory('A-1', { severity: [{ type: 'CVSS_V4', score: V4_MEDIUM }] }),
        advisory('A-2', { severity: [{ type: 'CVSS_V4', score: V4_HIGH }] }),
      ],
      { severity: 'HIGH', source: 'cvss-v4' },
    ],
    [
      'the highest v3 (3.0 and 3.1 alike) among merged advisories',
      [
        advisory('A-1', { severity: [{ type: 'CVSS_V3', score: V3_LOW }] }),
        advisory('A-2', { severity: [{ type: 'CVSS_V3', score: V3_MEDIUM.replace('3.1', '3.0') }] }),
      ],
      { severity: 'MEDIUM', source: 'cvss-v3' },
    ],
    [
      'v3 beats v2',
      [
        advisory('A-1', {
          severity: [
            { type: 'CVSS_V2', score: V2_HIGH },
            { type: 'CVSS_V3', score: V3_LOW },
          ],
        }),
      ],
      { severity: 'LOW', source: 'cvss-v3' },
    ],
    [
      'v2 when it is all there is',
      [advisory('A-1', { severity: [{ type: 'CVSS_V2', score: V2_HIGH }] })],
      { severity: 'HIGH', source: 'cvss-v2' },
    ],
    [
      'an invalid v4 vector does not count: v3 decides',
      [
        advisory('A-1', {
          severity: [
            { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N' },
            { type: 'CVSS_V3', score: V3_LOW },
          ],
        }),
      ],
      { severity: 'LOW', source: 'cvss-v3' },
    ],
    [
      'a v3 score of 0.0 ("None") is the v3 assessment: UNKNOWN from cvss-v3, not v2',
      [
        advisory('A-1', {
          severity: [
            { type: 'CVSS_V3', score: V3_NONE },
            { type: 'CVSS_V2', score: V2_HIGH },
          ],
        }),
      ],
      { severity: 'UNKNOWN', source: 'cvss-v3' },
    ],
    ['nothing at all', [advisory('A-1')], { severity: 'UNKNOWN', source: 'none' }],
    ['no advisories', [], { severity: 'UNKNOWN', source: 'none' }],
  ] as const)('%s', (_what, advisories, expected) => {
    expect(choose([...advisories])).toEqual(expected);
    expect(choose([...advisories], 'os')).toEqual(expected);
  });
});

describe('scoreAdvisory', () => {
  it('scores every vector in published order, once each, with the advisory as source', () => {
    const a = advisory('GHSA-xxxx', {
      severity: [
        { type: 'CVSS_V3', score: V3_CRITICAL },
        { type: 'CVSS_V4', score: V4_HIGH },
        { type: 'CVSS_V3', score: V3_CRITICAL },
        { type: 'CVSS_V2', score: V2_HIGH },
      ],
    });
    expect(scoreAdvisory(a)).toEqual([
      { version: '3.1', vector: V3_CRITICAL, baseScore: 9.8, severity: 'CRITICAL', source: 'GHSA-xxxx' },
      { version: '4.0', vector: V4_HIGH, baseScore: 7.3, severity: 'HIGH', source: 'GHSA-xxxx' },
      { version: '2.0', vector: V2_HIGH, baseScore: 7.5, severity: 'HIGH', source: 'GHSA-xxxx' },
    ]);
  });

  it('skips invalid vectors and says why in a warning', () => {
    const a = advisory('PYSEC-1', {
      severity: [
        { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H' },
        { type: 'CVSS_V3', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
        { type: 'CVSS_V3', score: V3_LOW },
      ],
      affected: [affected('important'), affected('spicy', 'PyPI', 'foo')],
    });
    const { scores, warnings } = scoreAdvisoryWithWarnings(a);
    expect(scores.map((s) => s.baseScore)).toEqual([3.1]);
    expect(warnings).toEqual([
      {
        code: 'cvss-invalid',
        message:
          'PYSEC-1: CVSS_V3 CVSS v3.1 vector "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H": missing base metric A; not scored',
      },
      {
        code: 'cvss-invalid',
        message:
          'PYSEC-1: CVSS_V3 CVSS v3 vector "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N": does not start with "CVSS:3.0/" or "CVSS:3.1/"; not scored',
      },
      {
        code: 'severity-unrecognised',
        message: 'PYSEC-1: severity "spicy" of PyPI/foo is not a known rating; ignored',
      },
    ]);
  });
});

describe('vendorRating', () => {
  it.each([
    ['CRITICAL', 'CRITICAL'],
    ['critical', 'CRITICAL'],
    ['High', 'HIGH'],
    ['important', 'HIGH'],
    ['moderate', 'MEDIUM'],
    ['MEDIUM', 'MEDIUM'],
    ['medium**', 'MEDIUM'],
    ['low', 'LOW'],
    ['low*', 'LOW'],
    ['negligible', 'LOW'],
    ['unimportant', 'LOW'],
    [' Low ', 'LOW'],
  ])('%j → %s', (word, severity) => {
    expect(vendorRating(word)).toEqual({ kind: 'rating', severity });
  });

  it.each(['not yet assigned', 'Not Yet  Assigned', 'untriaged', 'unknown', 'end-of-life', ''])(
    '%j is no rating',
    (word) => {
      expect(vendorRating(word)).toEqual({ kind: 'unassigned' });
    },
  );

  it.each(['spicy', 'none', 'CVSS:3.1/AV:N', 'urgent'])('%j is unrecognised', (word) => {
    expect(vendorRating(word)).toEqual({ kind: 'unrecognised' });
  });
});
