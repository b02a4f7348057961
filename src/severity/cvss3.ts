import type { Severity } from '../report/types.js';
import { ratingV3V4 } from './rating.js';
import { type CvssResult, type MetricValues, type VectorSpec, metric, need, parseVector } from './vector.js';

/**
 * CVSS v3.0 and v3.1 base scores, per FIRST's specification documents
 * (https://www.first.org/cvss/v3.1/specification-document, sections 7.1 and 7.4 and Appendix A;
 * https://www.first.org/cvss/v3.0/specification-document, sections 8.1 and 8.4). The two versions
 * share metrics, weights and the base equation; they differ in Roundup: v3.0 defines it as "the
 * smallest number, specified to one decimal place, that is equal to or higher than its input",
 * which FIRST's v3.0 calculator computes as `ceil(x × 10) / 10` in floating point; v3.1 replaces
 * it with an integer-based definition (Appendix A) so that e.g. 4.000000000000001 rounds to 4.0.
 */

/** `3.0` or `3.1`, from the vector's prefix. */
export type Cvss3Version = '3.0' | '3.1';

/** A parsed v3 vector: the version and its metric values (temporal/environmental validated, unused). */
export interface Cvss3Vector {
  version: Cvss3Version;
  metrics: MetricValues;
}

/** The base score with its rating. */
export interface Cvss3Score {
  version: Cvss3Version;
  baseScore: number;
  severity: Severity;
}

const IMPACT = 'N,L,H';
const METRICS = [
  metric('AV', 'N,A,L,P', true),
  metric('AC', 'L,H', true),
  metric('PR', 'N,L,H', true),
  metric('UI', 'N,R', true),
  metric('S', 'U,C', true),
  metric('C', IMPACT, true),
  metric('I', IMPACT, true),
  metric('A', IMPACT, true),
  metric('E', 'X,U,P,F,H'),
  metric('RL', 'X,O,T,W,U'),
  metric('RC', 'X,U,R,C'),
  metric('CR', 'X,L,M,H'),
  metric('IR', 'X,L,M,H'),
  metric('AR', 'X,L,M,H'),
  metric('MAV', 'X,N,A,L,P'),
  metric('MAC', 'X,L,H'),
  metric('MPR', 'X,N,L,H'),
  metric('MUI', 'X,N,R'),
  metric('MS', 'X,U,C'),
  metric('MC', 'X,N,L,H'),
  metric('MI', 'X,N,L,H'),
  metric('MA', 'X,N,L,H'),
];

const SPECS: Record<Cvss3Version, VectorSpec> = {
  '3.0': { name: 'CVSS v3.0', prefix: 'CVSS:3.0/', metrics: METRICS, ordered: false },
  '3.1': { name: 'CVSS v3.1', prefix: 'CVSS:3.1/', metrics: METRICS, ordered: false },
};

/** Metric weights (v3.1 section 7.4, identical in v3.0 section 8.4). */
const W = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  PR: { U: { N: 0.85, L: 0.62, H: 0.27 }, C: { N: 0.85, L: 0.68, H: 0.5 } },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

/**
 * Parse a v3.0/v3.1 vector strictly: prefix `CVSS:3.0/` or `CVSS:3.1/`, the eight base metrics
 * exactly once, temporal/environmental metrics at most once with valid values, any order.
 */
export function parseCvss3(vector: string): CvssResult<Cvss3Vector> {
  const version: Cvss3Version | undefined = vector.startsWith('CVSS:3.1/')
    ? '3.1'
    : vector.startsWith('CVSS:3.0/')
      ? '3.0'
      : undefined;
  if (!version) {
    return {
      ok: false,
      reason: `CVSS v3 vector "${vector}": does not start with "CVSS:3.0/" or "CVSS:3.1/"`,
    };
  }
  const parsed = parseVector(vector, SPECS[version]);
  return parsed.ok ? { ok: true, value: { version, metrics: parsed.value } } : parsed;
}

/** Base score of a parsed v3 vector (base equation, v3.1 section 7.1). */
export function cvss3BaseScore(v: Cvss3Vector): number {
  const m = v.metrics;
  const scope = need(m, 'S') as 'U' | 'C';
  const weight = <T extends Record<string, number>>(table: T, key: string): number =>
    table[key as keyof T] as number;
  const iss =
    1 -
    (1 - weight(W.CIA, need(m, 'C'))) * (1 - weight(W.CIA, need(m, 'I'))) * (1 - weight(W.CIA, need(m, 'A')));
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15);
  const exploitability =
    8.22 *
    weight(W.AV, need(m, 'AV')) *
    weight(W.AC, need(m, 'AC')) *
    weight(W.PR[scope], need(m, 'PR')) *
    weight(W.UI, need(m, 'UI'));
  if (impact <= 0) return 0;
  const roundup = v.version === '3.1' ? roundup31 : roundup30;
  const sum = scope === 'U' ? impact + exploitability : 1.08 * (impact + exploitability);
  return roundup(Math.min(sum, 10));
}

/** Score a v3.0/v3.1 vector string. */
export function scoreCvss3(vector: string): CvssResult<Cvss3Score> {
  const parsed = parseCvss3(vector);
  if (!parsed.ok) return parsed;
  const baseScore = cvss3BaseScore(parsed.value);
  return { ok: true, value: { version: parsed.value.version, baseScore, severity: ratingV3V4(baseScore) } };
}

/** v3.0 Roundup: smallest one-decimal number ≥ input, as FIRST's v3.0 calculator computes it. */
export function roundup30(input: number): number {
  return Math.ceil(input * 10) / 10;
}

/** v3.1 Roundup (specification Appendix A): integer arithmetic to avoid floating-point artefacts. */
export function roundup31(input: number): number {
  const intInput = Math.round(input * 100000);
  if (intInput % 10000 === 0) return intInput / 100000;
  return (Math.floor(intInput / 10000) + 1) / 10;
}
