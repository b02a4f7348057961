import type { Advisory } from '../core/advisory.js';
import type { CvssScore, Severity, VulnerabilityFinding } from '../report/types.js';
import { severityRank } from '../report/types.js';
import { vendorRating } from './vendor.js';

/** Where a finding's severity came from (docs/severity.md). */
export type SeveritySource = VulnerabilityFinding['severitySource'];

/** The chosen severity and its source. */
export interface ChosenSeverity {
  severity: Severity;
  source: SeveritySource;
}

/**
 * The severity of one finding, from the advisories it merges and their scored CVSS vectors, by
 * the rule documented in docs/severity.md — the first step that yields a rating wins:
 *
 * 1. Vendor, per package: `affected[].severity` of the advisories (already narrowed to this
 *    package by the store: a distro's urgency/priority for its own build, an ecosystem feed's
 *    rating for this package). Several → the highest.
 * 2. Vendor, per record: `databaseSeverity` (GitHub's reviewed severity, Ubuntu's priority, …).
 *    Several → the highest.
 * 3. The highest CVSS v4.0 score among `cvss` (as `scoreAdvisory` gives it), rated; a 0.0
 *    ("None") is `UNKNOWN` and still ends the search.
 * 4. The highest CVSS v3.x (3.0 or 3.1) base score.
 * 5. The highest CVSS v2 base score (NVD's v2 ranges).
 * 6. `UNKNOWN`, source `none`.
 *
 * Vendor words without a rating ("not yet assigned", "untriaged") or not recognised are skipped.
 * `kind` (os or library) does not change the rule today; it is part of the contract so that a
 * kind-specific rule can be introduced without touching callers.
 */
export function chooseSeverity(
  advisories: readonly Advisory[],
  cvss: readonly CvssScore[],
  _kind: 'os' | 'library',
): ChosenSeverity {
  const perPackage = highest(
    advisories
      .flatMap((a) =>
        a.affected.map((e) => (e.severity === undefined ? undefined : vendorRating(e.severity))),
      )
      .map((r) => (r?.kind === 'rating' ? r.severity : undefined)),
  );
  if (perPackage) return { severity: perPackage, source: 'vendor' };

  const perRecord = highest(advisories.map((a) => a.databaseSeverity));
  if (perRecord) return { severity: perRecord, source: 'vendor' };

  const steps: [SeveritySource, readonly CvssScore['version'][]][] = [
    ['cvss-v4', ['4.0']],
    ['cvss-v3', ['3.1', '3.0']],
    ['cvss-v2', ['2.0']],
  ];
  for (const [source, versions] of steps) {
    const best = cvss
      .filter((s) => versions.includes(s.version))
      .reduce<CvssScore | undefined>((b, s) => (!b || s.baseScore > b.baseScore ? s : b), undefined);
    if (best) return { severity: best.severity, source };
  }
  return { severity: 'UNKNOWN', source: 'none' };
}

function highest(levels: readonly (Severity | undefined)[]): Severity | undefined {
  let best: Severity | undefined;
  for (const l of levels) {
    if (l && (!best || severityRank(l) > severityRank(best))) best = l;
  }
  return best;
}
