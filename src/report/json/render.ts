import type { ScanReport } from '../types.js';

/** The report as JSON: vigia's own format, documented by `schemas/scan-report.schema.json`. */
export function renderJson(report: ScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
