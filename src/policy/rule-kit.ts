import type { Warning } from '../core/warnings.js';
import type { Finding, ScanReport, Verdict, VulnerabilityFinding } from '../report/types.js';
import type { BaseDetection } from './base.js';
import type { Policy } from './schema.js';

/** One violated rule. */
export type Reason = Verdict['reasons'][number];

/** What a rule looks at. */
export interface RuleInput {
  report: ScanReport;
  policy: Policy;
  base: BaseDetection;
  now: Date;
  /** Unsuppressed findings. */
  live: Finding[];
  warn(w: Warning): void;
}

/** The command-line options a rule may depend on. */
export type RuleOptions = Partial<Pick<ScanReport['options'], 'failOn'>>;

/** A policy rule: a stable id (used in `verdict.reasons[].rule`) and its check. */
export interface Rule {
  id: string;
  /** Whether the policy (or the command line) turns it on. */
  active(policy: Policy, options?: RuleOptions): boolean;
  check(input: RuleInput): Reason | undefined;
}

/** Only the vulnerability findings. */
export const vulns = (live: Finding[]): VulnerabilityFinding[] =>
  live.filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability');

/** A reason with the fingerprints of the findings behind it. */
export const reason = (rule: string, message: string, findings: Finding[] = []): Reason => ({
  rule,
  message,
  findings: findings.map((f) => f.fingerprint),
});

/** `1 secret`, `2 secrets`. */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
