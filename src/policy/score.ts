import type { Finding, ScanReport, ScoreItem, Verdict } from '../report/types.js';
import type { BaseDetection } from './base.js';
import { ageInDays, isRootUser } from './rules.js';
import type { Policy } from './schema.js';

/** A letter grade. */
export type Grade = NonNullable<Verdict['grade']>;

/** What scoring needs besides the report. */
export interface ScoreContext {
  base: BaseDetection;
  policy?: Policy;
  now?: Date;
}

/**
 * The score formula's constants (docs/policy.md explains them with worked examples). Each family
 * keeps `max` points minus its deductions (never below 0); the families' maxima add up to 100.
 */
export const SCORE = {
  critical: { max: 30, each: 10 },
  high: { max: 20, each: 4 },
  medium: { max: 10, each: 1 },
  /** LOW and UNKNOWN vulnerabilities: one point per started group of five. */
  low: { max: 5, per: 5 },
  knownExploited: { max: 10, each: 5 },
  /** Visible (or in the config) secrets cost `each`; deleted-but-shipped ones `deleted`. */
  secrets: { max: 10, each: 10, deleted: 5 },
  /** CRITICAL/HIGH misconfigurations cost `high`, the others `other`. */
  misconfigs: { max: 5, high: 2, other: 1 },
  base: { max: 5, unknown: 3, unapproved: 5, outdated: 2, tooOld: 2 },
  nonRoot: { max: 5, root: 5 },
  /** Ceilings: a CRITICAL keeps the score below A; a KEV or a secret below C; both below E. */
  caps: { critical: 89, kevOrSecret: 69, kevAndSecret: 49 },
} as const;

/** Grade bands: the lowest score of each grade, best first; below the last is F. */
export const GRADE_BANDS: readonly [Grade, number][] = [
  ['A', 90],
  ['B', 80],
  ['C', 70],
  ['D', 60],
  ['E', 50],
];

/** The grade of a score. */
export function gradeOf(score: number): Grade {
  for (const [grade, min] of GRADE_BANDS) if (score >= min) return grade;
  return 'F';
}

const n = (count: number, what: string): string => `${count} ${what}`;

function family(name: string, max: number, lost: number, why: string): ScoreItem {
  return { family: name, points: Math.max(0, max - lost), max, why: lost > 0 ? why : 'none' };
}

/**
 * Score a report out of 100 and grade it A–F. Deterministic and monotonic: only unsuppressed
 * findings count, and adding one never raises the score. Independent of pass/fail.
 */
export function scoreReport(
  report: Pick<ScanReport, 'findings' | 'artifact'>,
  ctx: ScoreContext,
): { score: number; grade: Grade; breakdown: ScoreItem[] } {
  const live = report.findings.filter((f) => !f.suppressed);
  const vulns = live.filter((f) => f.kind === 'vulnerability');
  const bySeverity = (f: Finding[], ...sev: string[]) => f.filter((x) => sev.includes(x.severity)).length;
  const critical = bySeverity(vulns, 'CRITICAL');
  const high = bySeverity(vulns, 'HIGH');
  const medium = bySeverity(vulns, 'MEDIUM');
  const low = bySeverity(vulns, 'LOW', 'UNKNOWN');
  const kev = vulns.filter((f) => f.kind === 'vulnerability' && f.knownExploited !== undefined).length;
  const secrets = live.filter((f) => f.kind === 'secret');
  const deleted = secrets.filter((f) => f.kind === 'secret' && f.visibility === 'deleted').length;
  const shown = secrets.length - deleted;
  const misconfigs = live.filter((f) => f.kind === 'misconfig');
  const misHigh = bySeverity(misconfigs, 'CRITICAL', 'HIGH');
  const misOther = misconfigs.length - misHigh;
  const root = isRootUser(report.artifact.config.user);

  const breakdown: ScoreItem[] = [
    family(
      'critical',
      SCORE.critical.max,
      critical * SCORE.critical.each,
      n(critical, 'CRITICAL vulnerabilities'),
    ),
    family('high', SCORE.high.max, high * SCORE.high.each, n(high, 'HIGH vulnerabilities')),
    family('medium', SCORE.medium.max, medium * SCORE.medium.each, n(medium, 'MEDIUM vulnerabilities')),
    family('low', SCORE.low.max, Math.ceil(low / SCORE.low.per), n(low, 'LOW/UNKNOWN vulnerabilities')),
    family(
      'known-exploited',
      SCORE.knownExploited.max,
      kev * SCORE.knownExploited.each,
      n(kev, 'known-exploited'),
    ),
    family(
      'secrets',
      SCORE.secrets.max,
      shown * SCORE.secrets.each + deleted * SCORE.secrets.deleted,
      `${n(shown, 'visible')}, ${n(deleted, 'deleted but shipped')}`,
    ),
    family(
      'misconfigs',
      SCORE.misconfigs.max,
      misHigh * SCORE.misconfigs.high + misOther * SCORE.misconfigs.other,
      `${n(misHigh, 'CRITICAL/HIGH')}, ${n(misOther, 'other')}`,
    ),
    baseFamily(ctx),
    family('non-root', SCORE.nonRoot.max, root ? SCORE.nonRoot.root : 0, 'runs as root'),
  ];
  let score = breakdown.reduce((sum, item) => sum + item.points, 0);
  if (critical > 0) score = Math.min(score, SCORE.caps.critical);
  if (kev > 0 || secrets.length > 0) score = Math.min(score, SCORE.caps.kevOrSecret);
  if (kev > 0 && secrets.length > 0) score = Math.min(score, SCORE.caps.kevAndSecret);
  return { score, grade: gradeOf(score), breakdown };
}

function baseFamily(ctx: ScoreContext): ScoreItem {
  const { base } = ctx;
  const why: string[] = [];
  let lost = 0;
  if (base.method === 'unknown') {
    lost += SCORE.base.unknown;
    why.push('unknown base');
  } else {
    if (base.approved === false) {
      lost += SCORE.base.unapproved;
      why.push('unapproved base');
    }
    if (base.current === false) {
      lost += SCORE.base.outdated;
      why.push('a newer approved digest exists');
    }
    const maxAge = ctx.policy?.bases?.maxAgeDays;
    const age = ctx.now ? ageInDays(base.created, ctx.now) : undefined;
    if (maxAge !== undefined && age !== undefined && age > maxAge) {
      lost += SCORE.base.tooOld;
      why.push(`base ${age} days old`);
    }
  }
  return family('base', SCORE.base.max, lost, why.join(', '));
}
