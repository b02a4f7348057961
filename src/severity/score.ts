import type { Advisory, SeverityType } from '../core/advisory.js';
import type { Warning } from '../core/warnings.js';
import type { CvssScore } from '../report/types.js';
import { scoreCvss2 } from './cvss2.js';
import { scoreCvss3 } from './cvss3.js';
import { scoreCvss4 } from './cvss4.js';
import { vendorRating } from './vendor.js';
import type { CvssResult } from './vector.js';

/**
 * Score one published CVSS vector of the given OSV severity type. The vector must be of that
 * type's version (`CVSS_V3` → `CVSS:3.0/…` or `CVSS:3.1/…`, `CVSS_V4` → `CVSS:4.0/…`, `CVSS_V2`
 * → a bare v2 vector). v2 and v3.x give the base score (temporal/environmental metrics are
 * validated, not used); v4.0 vectors are scored as published (CVSS-B, or CVSS-BT/BE/BTE when the
 * vector carries threat/environmental metrics: see `cvss4.ts` and docs/severity.md).
 */
export function scoreVector(type: SeverityType, vector: string): CvssResult<Omit<CvssScore, 'source'>> {
  switch (type) {
    case 'CVSS_V2': {
      const r = scoreCvss2(vector);
      return r.ok ? { ok: true, value: { version: '2.0', vector, ...r.value } } : r;
    }
    case 'CVSS_V3': {
      const r = scoreCvss3(vector);
      if (!r.ok) return r;
      return {
        ok: true,
        value: { version: r.value.version, vector, baseScore: r.value.baseScore, severity: r.value.severity },
      };
    }
    case 'CVSS_V4': {
      const r = scoreCvss4(vector);
      if (!r.ok) return r;
      return {
        ok: true,
        value: { version: '4.0', vector, baseScore: r.value.baseScore, severity: r.value.severity },
      };
    }
    default:
      return { ok: false, reason: `unknown CVSS type "${String(type)}"` };
  }
}

/**
 * Every CVSS vector of the advisory, scored, in published order (exact duplicates once), plus a
 * warning for each vector that is not valid for its type (`cvss-invalid`, skipped) and each vendor
 * severity word that is not recognised (`severity-unrecognised`, ignored by {@link chooseSeverity}).
 */
export function scoreAdvisoryWithWarnings(advisory: Advisory): { scores: CvssScore[]; warnings: Warning[] } {
  const scores: CvssScore[] = [];
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  for (const s of advisory.severity) {
    const key = `${s.type}\0${s.score}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const r = scoreVector(s.type, s.score);
    if (r.ok) scores.push({ ...r.value, source: advisory.id });
    else
      warnings.push({ code: 'cvss-invalid', message: `${advisory.id}: ${s.type} ${r.reason}; not scored` });
  }
  for (const a of advisory.affected) {
    if (a.severity === undefined || vendorRating(a.severity).kind !== 'unrecognised') continue;
    warnings.push({
      code: 'severity-unrecognised',
      message: `${advisory.id}: severity "${a.severity}" of ${a.ecosystem}/${a.name} is not a known rating; ignored`,
    });
  }
  return { scores, warnings };
}

/** Every valid CVSS vector of the advisory, scored (invalid ones skipped; see the warnings variant). */
export function scoreAdvisory(advisory: Advisory): CvssScore[] {
  return scoreAdvisoryWithWarnings(advisory).scores;
}
