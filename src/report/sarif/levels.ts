import type { CvssScore, Finding, Severity } from '../types.js';

/** SARIF `level` of a severity: CRITICAL/HIGH → error, MEDIUM and UNKNOWN → warning, LOW → note. */
export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  if (s === 'CRITICAL' || s === 'HIGH') return 'error';
  if (s === 'LOW') return 'note';
  return 'warning';
}

/**
 * GitHub's bands for `security-severity`: critical above 9.0, high 7.0–8.9, medium 4.0–6.9,
 * low 0.1–3.9 (docs: "SARIF support for code scanning", reportingDescriptor properties).
 */
const BANDS: Record<Exclude<Severity, 'UNKNOWN'>, { min: number; max: number; typical: number }> = {
  CRITICAL: { min: 9.0, max: 10.0, typical: 9.5 },
  HIGH: { min: 7.0, max: 8.9, typical: 8.0 },
  MEDIUM: { min: 4.0, max: 6.9, typical: 5.5 },
  LOW: { min: 0.1, max: 3.9, typical: 2.0 },
};

const VERSION_ORDER: CvssScore['version'][] = ['4.0', '3.1', '3.0', '2.0'];

/**
 * The numeric `security-severity` GitHub reads, as a string. It is the base score of the
 * finding's own CVSS rating that agrees with vigia's severity (newest CVSS version first, then the
 * highest score) so that GitHub shows the same severity as vigia; without such a score, the
 * middle of GitHub's band for the severity. UNKNOWN has none (GitHub then falls back to `level`).
 */
export function securitySeverity(f: Finding): string | undefined {
  if (f.severity === 'UNKNOWN') return undefined;
  const band = BANDS[f.severity];
  if (f.kind === 'vulnerability') {
    const agreeing = f.cvss
      .filter((c) => c.severity === f.severity && c.baseScore >= band.min && c.baseScore <= band.max)
      .sort(
        (a, b) =>
          VERSION_ORDER.indexOf(a.version) - VERSION_ORDER.indexOf(b.version) || b.baseScore - a.baseScore,
      );
    if (agreeing[0]) return agreeing[0].baseScore.toFixed(1);
  }
  return band.typical.toFixed(1);
}
