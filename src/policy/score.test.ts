import { describe, expect, it } from 'vitest';
import { Severities, type Finding, type ReportBase } from '../report/types.js';
import { APPROVED_BASE, UNKNOWN_BASE, makeReport, misconfig, secret, vuln } from './__fixtures__/report.js';
import { GRADE_BANDS, gradeOf, scoreReport, SCORE } from './score.js';

const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const kev = { knownExploited: { dateAdded: '2021-12-10' } };
const score = (findings: Finding[], user: string | null = 'app', base: ReportBase = APPROVED_BASE) =>
  scoreReport(
    makeReport({ findings, artifact: { ...makeReport().artifact, config: user ? { user } : {} } }),
    {
      base,
    },
  );

describe('scoreReport: the worked examples of docs/policy.md', () => {
  it.each([
    ['a clean image, non-root, approved base', [], 'app', APPROVED_BASE, 100, 'A'],
    [
      // 30-10 + 20-12 + 0 (12 MEDIUM) + 0 (40 LOW: 8 groups of 5) + 10 + 10 + 5 + (5-3) + 0 = 55
      '1 CRITICAL, 3 HIGH, 12 MEDIUM, 40 LOW, root, unknown base',
      [
        vuln('CVE-C', 'CRITICAL'),
        ...times(3, (i) => vuln(`CVE-H${i}`, 'HIGH')),
        ...times(12, (i) => vuln(`CVE-M${i}`, 'MEDIUM')),
        ...times(40, (i) => vuln(`CVE-L${i}`, 'LOW')),
      ],
      null,
      UNKNOWN_BASE,
      55,
      'E',
    ],
    [
      // 30 + 16 + 10 + 5 + 5 + 5 + 5 + 5 + 5 = 86, but a KEV and a secret cap it at 49
      'a HIGH known-exploited and a deleted-but-shipped secret',
      [vuln('CVE-2021-44228', 'HIGH', kev), secret('deleted')],
      'app',
      APPROVED_BASE,
      49,
      'F',
    ],
    ['one CRITICAL only: 90, capped below A', [vuln('CVE-C', 'CRITICAL')], 'app', APPROVED_BASE, 89, 'B'],
    [
      // misconfigs 5-2-1 = 2; base 5-5-2 → 0: 92
      'a HIGH and a LOW misconfiguration, an unapproved and superseded base',
      [misconfig('IMG-1', 'HIGH'), misconfig('IMG-2', 'LOW')],
      'app',
      { ...APPROVED_BASE, method: 'label', approved: false, current: false } as ReportBase,
      92,
      'A',
    ],
    [
      'suppressed findings do not count',
      times(3, (i) => ({
        ...vuln(`CVE-S${i}`, 'CRITICAL', kev),
        suppressed: { kind: 'vex' as const, reason: 'not_affected', source: 'vex.json' },
      })),
      'app',
      APPROVED_BASE,
      100,
      'A',
    ],
  ])('%s', (_name, findings, user, base, want, grade) => {
    const got = score(findings as Finding[], user as string | null, base as ReportBase);
    expect(got.score).toBe(want);
    expect(got.grade).toBe(grade);
  });

  it('explains each family; the maxima add up to 100', () => {
    const { breakdown } = score([vuln('CVE-C', 'CRITICAL'), secret('visible')], null, UNKNOWN_BASE);
    expect(breakdown.reduce((n, b) => n + b.max, 0)).toBe(100);
    expect(breakdown.map((b) => [b.family, b.points, b.why])).toEqual([
      ['critical', 20, '1 CRITICAL vulnerabilities'],
      ['high', 20, 'none'],
      ['medium', 10, 'none'],
      ['low', 5, 'none'],
      ['known-exploited', 10, 'none'],
      ['secrets', 0, '1 visible, 0 deleted but shipped'],
      ['misconfigs', 5, 'none'],
      ['base', 2, 'unknown base'],
      ['non-root', 0, 'runs as root'],
    ]);
  });

  it('grades by band', () => {
    expect(GRADE_BANDS.map(([g, min]) => [g, gradeOf(min), gradeOf(min - 1)])).toEqual([
      ['A', 'A', 'B'],
      ['B', 'B', 'C'],
      ['C', 'C', 'D'],
      ['D', 'D', 'E'],
      ['E', 'E', 'F'],
    ]);
    expect(gradeOf(0)).toBe('F');
    expect(gradeOf(100)).toBe('A');
  });
});

describe('scoreReport is monotonic: adding a finding never raises the score', () => {
  // A small deterministic PRNG (mulberry32), so the sequence is the same on every run.
  function rng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  function randomFinding(r: () => number, i: number): Finding {
    const severity = pick(r, Severities);
    const kind = pick(r, ['vulnerability', 'vulnerability', 'vulnerability', 'secret', 'misconfig'] as const);
    if (kind === 'secret') return secret(pick(r, ['visible', 'deleted', 'config'] as const), severity);
    if (kind === 'misconfig') return misconfig(`IMG-${i}`, severity);
    return vuln(`CVE-${i}`, severity, r() < 0.15 ? kev : {});
  }
  const rank = (g: string) => 'ABCDEF'.indexOf(g);

  it('on 300 random reports, each grown by one finding', () => {
    const r = rng(20261129);
    let lowered = 0;
    for (let run = 0; run < 300; run++) {
      const findings = times(Math.floor(r() * 25), (i) => randomFinding(r, i));
      const user = r() < 0.5 ? 'root' : 'app';
      const base = pick(r, [APPROVED_BASE, UNKNOWN_BASE]);
      const before = score(findings, user, base);
      const after = score([...findings, randomFinding(r, 1000 + run)], user, base);
      expect(after.score).toBeLessThanOrEqual(before.score);
      expect(rank(after.grade)).toBeGreaterThanOrEqual(rank(before.grade));
      if (after.score < before.score) lowered++;
    }
    expect(lowered).toBeGreaterThan(100); // the property is not vacuous
  });

  it('every family costs something: one finding of each kind lowers a clean score', () => {
    const clean = score([]).score;
    for (const f of [
      vuln('CVE-1', 'CRITICAL'),
      vuln('CVE-1', 'HIGH'),
      vuln('CVE-1', 'MEDIUM'),
      vuln('CVE-1', 'LOW'),
      vuln('CVE-1', 'UNKNOWN'),
      secret('deleted'),
      misconfig('IMG-1', 'LOW'),
    ]) {
      expect(score([f]).score).toBeLessThan(clean);
    }
    expect(SCORE.caps.kevAndSecret).toBeLessThan(SCORE.caps.kevOrSecret);
  });
});
