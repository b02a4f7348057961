import type { Severity } from '../report/types.js';

/**
 * Qualitative ratings of CVSS scores.
 *
 * v3.x and v4.0 (FIRST "Qualitative Severity Rating Scale"): None 0.0, Low 0.1–3.9, Medium 4.0–6.9,
 * High 7.0–8.9, Critical 9.0–10.0. vigia has no "None" level: a 0.0 score (no impact at all) is
 * reported as `UNKNOWN` with the exact score beside it, never promoted to `LOW`.
 *
 * v2 (NVD's ranges; v2 itself defines none): Low 0.0–3.9, Medium 4.0–6.9, High 7.0–10.0; v2 has no
 * Critical.
 */
export function ratingV3V4(score: number): Severity {
  if (score >= 9) return 'CRITICAL';
  if (score >= 7) return 'HIGH';
  if (score >= 4) return 'MEDIUM';
  if (score > 0) return 'LOW';
  return 'UNKNOWN';
}

/** NVD's CVSS v2 ranges: Low < 4.0 ≤ Medium < 7.0 ≤ High. */
export function ratingV2(score: number): Severity {
  if (score >= 7) return 'HIGH';
  if (score >= 4) return 'MEDIUM';
  return 'LOW';
}
