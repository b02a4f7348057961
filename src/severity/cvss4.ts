import type { Severity } from '../report/types.js';
import { EQ_DEPTHS, EQ_MAXES, MACROVECTOR_SCORES } from './cvss4-data.js';
import { ratingV3V4 } from './rating.js';
import { type CvssResult, type MetricValues, type VectorSpec, metric, parseVector } from './vector.js';

/**
 * CVSS v4.0 scores, per FIRST's "Common Vulnerability Scoring System v4.0: Specification Document"
 * (https://www.first.org/cvss/v4-0/specification-document, section 8 "CVSS v4.0 Scoring"): the
 * vector falls into a MacroVector (equivalence classes EQ1–EQ6), whose score comes from the
 * published lookup table (`cvss4-data.ts`); the score is then lowered by the mean of the vector's
 * proportional severity distances from the MacroVector's highest vectors, and rounded half up to
 * one decimal.
 *
 * By default a vector is scored as published, like FIRST's calculator scores it: every metric it
 * gives counts and missing Threat/Environmental metrics default to X (E:A, CR/IR/AR:H, modified
 * metrics = base metrics) — CVSS-B when the vector has only base metrics, CVSS-BT/BE/BTE when it
 * has threat/environmental ones (GitHub publishes `E:U` routinely, and rates from that score).
 * `base` forces CVSS-B, ignoring threat/environmental metrics. Supplemental metrics never count.
 */

/** Which metrics enter the score: all the vector gives (`vector`) or the base metrics only (`base`). */
export type Cvss4Metrics = 'vector' | 'base';

/** The score with its rating and the specification's name for it. */
export interface Cvss4Score {
  baseScore: number;
  severity: Severity;
  /** `CVSS-B` (base only), `CVSS-BT` (+ threat), `CVSS-BE` (+ environmental), `CVSS-BTE` (both). */
  nomenclature: 'CVSS-B' | 'CVSS-BT' | 'CVSS-BE' | 'CVSS-BTE';
}

const IMPACT = 'H,L,N';
const SPEC: VectorSpec = {
  name: 'CVSS v4.0',
  prefix: 'CVSS:4.0/',
  // Section 7: "Metrics must be specified in the order listed".
  ordered: true,
  metrics: [
    metric('AV', 'N,A,L,P', true),
    metric('AC', 'L,H', true),
    metric('AT', 'N,P', true),
    metric('PR', 'N,L,H', true),
    metric('UI', 'N,P,A', true),
    metric('VC', IMPACT, true),
    metric('VI', IMPACT, true),
    metric('VA', IMPACT, true),
    metric('SC', IMPACT, true),
    metric('SI', IMPACT, true),
    metric('SA', IMPACT, true),
    metric('E', 'X,A,P,U'),
    metric('CR', 'X,H,M,L'),
    metric('IR', 'X,H,M,L'),
    metric('AR', 'X,H,M,L'),
    metric('MAV', 'X,N,A,L,P'),
    metric('MAC', 'X,L,H'),
    metric('MAT', 'X,N,P'),
    metric('MPR', 'X,N,L,H'),
    metric('MUI', 'X,N,P,A'),
    metric('MVC', 'X,H,L,N'),
    metric('MVI', 'X,H,L,N'),
    metric('MVA', 'X,H,L,N'),
    metric('MSC', 'X,H,L,N'),
    metric('MSI', 'X,S,H,L,N'),
    metric('MSA', 'X,S,H,L,N'),
    metric('S', 'X,N,P'),
    metric('AU', 'X,N,Y'),
    metric('R', 'X,A,U,I'),
    metric('V', 'X,D,C'),
    metric('RE', 'X,L,M,H'),
    metric('U', 'X,Clear,Green,Amber,Red'),
  ],
};

/** Parse a v4.0 vector strictly: prefix `CVSS:4.0/`, all eleven base metrics, spec order. */
export function parseCvss4(vector: string): CvssResult<MetricValues> {
  return parseVector(vector, SPEC);
}

/** The metric values the equations read, after defaults (and, for `full`, modified metrics). */
type Effective = (key: string) => string;

function effective(m: MetricValues, use: Cvss4Metrics): Effective {
  return (key) => {
    const given = use === 'vector' ? m[key] : undefined;
    if (key === 'E') return given && given !== 'X' ? given : 'A';
    if (key === 'CR' || key === 'IR' || key === 'AR') return given && given !== 'X' ? given : 'H';
    const modified = use === 'vector' ? m[`M${key}`] : undefined;
    if (modified && modified !== 'X') return modified;
    return m[key] ?? 'X';
  };
}

/** The MacroVector of a parsed vector, e.g. `001100` (EQ1..EQ6 levels, 0 most severe). */
export function cvss4MacroVector(m: MetricValues, use: Cvss4Metrics = 'vector'): string {
  return macroVector(effective(m, use)).join('');
}

/** The six EQ levels (specification tables 24–29). */
function macroVector(v: Effective): [number, number, number, number, number, number] {
  const av = v('AV');
  const pr = v('PR');
  const ui = v('UI');
  const eq1 =
    av === 'N' && pr === 'N' && ui === 'N'
      ? 0
      : (av === 'N' || pr === 'N' || ui === 'N') && av !== 'P'
        ? 1
        : 2;
  const eq2 = v('AC') === 'L' && v('AT') === 'N' ? 0 : 1;
  const [vc, vi, va] = [v('VC'), v('VI'), v('VA')];
  const eq3 = vc === 'H' && vi === 'H' ? 0 : vc === 'H' || vi === 'H' || va === 'H' ? 1 : 2;
  const eq4 =
    v('SI') === 'S' || v('SA') === 'S' ? 0 : v('SC') === 'H' || v('SI') === 'H' || v('SA') === 'H' ? 1 : 2;
  const e = v('E');
  const eq5 = e === 'A' ? 0 : e === 'P' ? 1 : 2;
  const eq6 =
    (v('CR') === 'H' && vc === 'H') || (v('IR') === 'H' && vi === 'H') || (v('AR') === 'H' && va === 'H')
      ? 0
      : 1;
  return [eq1, eq2, eq3, eq4, eq5, eq6];
}

/** Severity level of each value: 0 is the most severe; distances are differences of levels. */
const LEVELS: Record<string, Record<string, number>> = {
  AV: { N: 0, A: 1, L: 2, P: 3 },
  PR: { N: 0, L: 1, H: 2 },
  UI: { N: 0, P: 1, A: 2 },
  AC: { L: 0, H: 1 },
  AT: { N: 0, P: 1 },
  VC: { H: 0, L: 1, N: 2 },
  VI: { H: 0, L: 1, N: 2 },
  VA: { H: 0, L: 1, N: 2 },
  SC: { H: 1, L: 2, N: 3 },
  SI: { S: 0, H: 1, L: 2, N: 3 },
  SA: { S: 0, H: 1, L: 2, N: 3 },
  CR: { H: 0, M: 1, L: 2 },
  IR: { H: 0, M: 1, L: 2 },
  AR: { H: 0, M: 1, L: 2 },
};

const EQ_METRICS = {
  eq1: ['AV', 'PR', 'UI'],
  eq2: ['AC', 'AT'],
  eq3eq6: ['VC', 'VI', 'VA', 'CR', 'IR', 'AR'],
  eq4: ['SC', 'SI', 'SA'],
} as const;

function level(key: string, value: string): number {
  const l = LEVELS[key]?.[value];
  if (l === undefined) throw new Error(`unreachable: ${key}:${value} validated by the parser`);
  return l;
}

function lookup(eqs: readonly number[]): number | undefined {
  return MACROVECTOR_SCORES.get(eqs.join(''));
}

/** Every combination of one highest vector per EQ, as metric → value maps. */
function maxVectors(eq: readonly number[]): Map<string, string>[] {
  const [eq1, eq2, eq3, eq4, , eq6] = eq as [number, number, number, number, number, number];
  const parts: (readonly string[])[] = [
    EQ_MAXES.eq1[eq1] ?? [],
    EQ_MAXES.eq2[eq2] ?? [],
    EQ_MAXES.eq3eq6[eq3]?.[eq6] ?? [],
    EQ_MAXES.eq4[eq4] ?? [],
  ];
  let combos: string[][] = [[]];
  for (const options of parts) combos = combos.flatMap((c) => options.map((o) => [...c, o]));
  return combos.map(
    (c) =>
      new Map(
        c
          .join('/')
          .split('/')
          .map((f) => f.split(':') as [string, string]),
      ),
  );
}

/** Score a parsed v4.0 vector (specification section 8.2 "Interpolation"). */
export function cvss4Score(m: MetricValues, use: Cvss4Metrics = 'vector'): number {
  const v = effective(m, use);
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((k) => v(k) === 'N')) return 0;
  const eq = macroVector(v);
  const [eq1, eq2, eq3, eq4, , eq6] = eq;
  const value = lookup(eq);
  if (value === undefined) throw new Error(`unreachable: MacroVector ${eq.join('')} not in the table`);
  const lower = (i: number, by = 1): number[] => eq.map((x, j) => (j === i ? x + by : x));

  // Score of the next lower MacroVector in each EQ (undefined when there is none). EQ3 and EQ6
  // move together: 00 may go to 01 or 10 (take the higher score), 01 → 11, 10 → 11, 11 → 21.
  let eq3eq6Lower: number | undefined;
  if (eq3 === 0 && eq6 === 0) {
    const a = lookup(lower(5));
    const b = lookup(lower(2));
    eq3eq6Lower = a === undefined ? b : b === undefined ? a : Math.max(a, b);
  } else if (eq3 === 1 && eq6 === 0) {
    eq3eq6Lower = lookup(lower(5));
  } else {
    eq3eq6Lower = lookup(lower(2));
  }
  const lowerScores = {
    eq1: lookup(lower(0)),
    eq2: lookup(lower(1)),
    eq3eq6: eq3eq6Lower,
    eq4: lookup(lower(3)),
    eq5: lookup(lower(4)),
  };

  // Severity distance from the first highest vector that the scored vector does not exceed.
  const distance = (max: Map<string, string>, key: string): number =>
    level(key, v(key)) - level(key, max.get(key) ?? '');
  const keys = Object.values(EQ_METRICS).flat();
  const candidates = maxVectors(eq);
  const max = candidates.find((c) => keys.every((k) => distance(c, k) >= 0)) ?? candidates.at(-1);
  if (!max) throw new Error('unreachable: every MacroVector has a highest vector');
  const sum = (eqKey: keyof typeof EQ_METRICS): number =>
    EQ_METRICS[eqKey].reduce((s, k) => s + distance(max, k), 0);

  const depth = {
    eq1: EQ_DEPTHS.eq1[eq1 as 0 | 1 | 2],
    eq2: EQ_DEPTHS.eq2[eq2 as 0 | 1],
    eq3eq6: EQ_DEPTHS.eq3eq6[eq3 as 0 | 1 | 2][eq6 as 0 | 1],
    eq4: EQ_DEPTHS.eq4[eq4 as 0 | 1 | 2],
  };
  let total = 0;
  let counted = 0;
  for (const key of ['eq1', 'eq2', 'eq3eq6', 'eq4'] as const) {
    const next = lowerScores[key];
    if (next === undefined) continue;
    counted++;
    // Maximal scoring difference × (distance / depth); distances and depths in 0.1 steps.
    total += (value - next) * (sum(key) / depth[key]);
  }
  // EQ5's proportional distance is always 0 but its lower MacroVector still counts in the mean.
  if (lowerScores.eq5 !== undefined) counted++;
  const score = Math.min(10, Math.max(0, value - (counted === 0 ? 0 : total / counted)));
  // Round half up to one decimal; the epsilon lifts values one ULP below a tie (5.6499999…),
  // as FIRST's calculator and the reference Python implementation do.
  return Math.round((score + 1e-6) * 10) / 10;
}

/** Score a v4.0 vector string (as published by default; see the module comment). */
export function scoreCvss4(vector: string, use: Cvss4Metrics = 'vector'): CvssResult<Cvss4Score> {
  const parsed = parseCvss4(vector);
  if (!parsed.ok) return parsed;
  const baseScore = cvss4Score(parsed.value, use);
  return {
    ok: true,
    value: { baseScore, severity: ratingV3V4(baseScore), nomenclature: nomenclature(parsed.value, use) },
  };
}

const THREAT = ['E'];
const ENVIRONMENTAL = SPEC.metrics.map((m) => m.key).filter((k) => /^(CR|IR|AR|M[A-Z]+)$/.test(k));

function nomenclature(m: MetricValues, use: Cvss4Metrics): Cvss4Score['nomenclature'] {
  if (use === 'base') return 'CVSS-B';
  const defined = (keys: string[]): boolean => keys.some((k) => m[k] !== undefined && m[k] !== 'X');
  const t = defined(THREAT);
  const e = defined(ENVIRONMENTAL);
  return t && e ? 'CVSS-BTE' : t ? 'CVSS-BT' : e ? 'CVSS-BE' : 'CVSS-B';
}
