import type { Warning } from '../core/warnings.js';
import { Severities, type FindingKind, type ScanReport, type Verdict } from '../report/types.js';
import type { BaseDetection } from './base.js';
import { RULES, type Reason, type RuleOptions } from './rules.js';
import type { Policy } from './schema.js';
import { scoreReport } from './score.js';

export { applyExceptions } from './exceptions.js';

/** What evaluation needs besides the report and the policy. */
export interface EvaluateContext {
  now: Date;
  base: BaseDetection;
}

/** The rule ids a policy turns on (plus `fail-on` when the report's options have one). */
export function activeRules(policy: Policy, options?: RuleOptions): string[] {
  return RULES.filter((r) => r.active(policy, options)).map((r) => r.id);
}

const NEEDS: Record<string, FindingKind> = {
  'fail-on': 'vulnerability',
  'vulnerabilities.severity': 'vulnerability',
  'vulnerabilities.known-exploited': 'vulnerability',
  'vulnerabilities.max-count': 'vulnerability',
  'vulnerabilities.max-cvss': 'vulnerability',
  secrets: 'secret',
  misconfigurations: 'misconfig',
};

/**
 * Judge a report (findings already suppressed by ignore file, VEX and `applyExceptions`) against
 * the policy: every active rule in `RULES` order, each violation with the findings (or packages)
 * behind it; `fail` when any rule is violated. The score and grade come from `scoreReport`.
 * Warnings say what the policy could not check (a scanner that did not run, a filtered report,
 * an unknown creation date). Pure.
 */
export function evaluatePolicy(
  report: ScanReport,
  policy: Policy,
  ctx: EvaluateContext,
): { verdict: Verdict; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const live = report.findings.filter((f) => !f.suppressed);
  const reasons: Reason[] = [];
  for (const rule of RULES) {
    if (!rule.active(policy, report.options)) continue;
    const kind = NEEDS[rule.id];
    if (kind && !report.options.scanners.includes(kind)) {
      warnings.push({
        code: 'policy-scanner-off',
        message: `policy rule ${rule.id} was not checked: the ${kind} scanner did not run`,
      });
      continue;
    }
    if (kind === 'vulnerability') warnFiltered(report, warnings);
    const r = rule.check({
      report,
      policy,
      base: ctx.base,
      now: ctx.now,
      live,
      warn: (w) => warnings.push(w),
    });
    if (r) reasons.push(r);
  }
  const { score, grade, breakdown } = scoreReport(report, { base: ctx.base, policy, now: ctx.now });
  const verdict: Verdict = {
    status: reasons.length > 0 ? 'fail' : 'pass',
    reasons,
    score,
    grade,
    breakdown,
  };
  return { verdict, warnings: dedupe(warnings) };
}

function warnFiltered(report: ScanReport, warnings: Warning[]): void {
  const missing = Severities.filter((s) => !report.options.severities.includes(s));
  if (missing.length > 0) {
    warnings.push({
      code: 'policy-report-filtered',
      message: `the policy's vulnerability rules saw a report without ${missing.join(', ')} vulnerabilities (--severity)`,
    });
  }
  if (report.options.ignoreUnfixed) {
    warnings.push({
      code: 'policy-report-filtered',
      message:
        "the policy's vulnerability rules saw a report without unfixed vulnerabilities (--ignore-unfixed)",
    });
  }
}

function dedupe(warnings: Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}\0${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
