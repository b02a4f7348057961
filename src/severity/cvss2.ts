import type { Severity } from '../report/types.js';
import { ratingV2 } from './rating.js';
import { type CvssResult, type VectorSpec, metric, need, parseVector } from './vector.js';

/**
 * CVSS v2 base scores, per "A Complete Guide to the Common Vulnerability Scoring System Version
 * 2.0" (FIRST, https://www.first.org/cvss/v2/guide, section 3.2.1 "Base Equation"). Vectors are
 * written without a prefix (`AV:N/AC:L/Au:N/C:P/I:P/A:P`), as OSV's `CVSS_V2` requires; the six
 * base metrics are mandatory, temporal/environmental metrics optional, any order.
 */

/** The base score with its rating (NVD's v2 ranges). */
export interface Cvss2Score {
  baseScore: number;
  severity: Severity;
}

const IMPACT = 'N,P,C';
const SPEC: VectorSpec = {
  name: 'CVSS v2',
  prefix: '',
  ordered: false,
  metrics: [
    metric('AV', 'L,A,N', true),
    metric('AC', 'H,M,L', true),
    metric('Au', 'M,S,N', true),
    metric('C', IMPACT, true),
    metric('I', IMPACT, true),
    metric('A', IMPACT, true),
    metric('E', 'U,POC,F,H,ND'),
    metric('RL', 'OF,TF,W,U,ND'),
    metric('RC', 'UC,UR,C,ND'),
    metric('CDP', 'N,L,LM,MH,H,ND'),
    metric('TD', 'N,L,M,H,ND'),
    metric('CR', 'L,M,H,ND'),
    metric('IR', 'L,M,H,ND'),
    metric('AR', 'L,M,H,ND'),
  ],
};

/** Metric weights (guide section 3.2.1). */
const W: Record<string, Record<string, number>> = {
  AV: { L: 0.395, A: 0.646, N: 1.0 },
  AC: { H: 0.35, M: 0.61, L: 0.71 },
  Au: { M: 0.45, S: 0.56, N: 0.704 },
  CIA: { N: 0, P: 0.275, C: 0.66 },
};

function weight(table: string, value: string): number {
  return W[table]?.[value] as number;
}

/** Score a v2 vector string. */
export function scoreCvss2(vector: string): CvssResult<Cvss2Score> {
  const parsed = parseVector(vector, SPEC);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const impact =
    10.41 *
    (1 -
      (1 - weight('CIA', need(m, 'C'))) *
        (1 - weight('CIA', need(m, 'I'))) *
        (1 - weight('CIA', need(m, 'A'))));
  const exploitability =
    20 * weight('AV', need(m, 'AV')) * weight('AC', need(m, 'AC')) * weight('Au', need(m, 'Au'));
  const f = impact === 0 ? 0 : 1.176;
  const baseScore = roundTo1Decimal((0.6 * impact + 0.4 * exploitability - 1.5) * f);
  return { ok: true, value: { baseScore, severity: ratingV2(baseScore) } };
}

/**
 * The guide's round_to_1_decimal (round half up). No v2 base vector lands within floating-point
 * error of a tie (checked over all 729 base vectors), so plain rounding is exact here.
 */
function roundTo1Decimal(x: number): number {
  return Math.round(x * 10) / 10;
}
