import { redact, type SecretScanner } from '../checks/secrets/index.js';
import type { ScanReport } from '../report/types.js';

/** Replace every secret the scanner finds in `text` by its redacted form. */
export function redactText(text: string, scanner: SecretScanner, path: string): string {
  const matches = scanner.scan(text, path).sort((a, b) => b.secretStart - a.secretStart);
  let out = text;
  let limit = Infinity;
  for (const m of matches) {
    if (m.secretEnd > limit) continue; // overlapping matches: the later one is already redacted
    out =
      out.slice(0, m.secretStart) + redact(out.slice(m.secretStart, m.secretEnd)) + out.slice(m.secretEnd);
    limit = m.secretStart;
  }
  return out;
}

/**
 * Secrets must not leak through the report's copy of the image config: redact them in the
 * environment, the labels and the `created_by` lines shown for layers and findings.
 */
export function redactReport(report: ScanReport, scanner: SecretScanner): void {
  const config = report.artifact.config;
  if (config.env) config.env = config.env.map((e, i) => redactText(e, scanner, `config:Env[${i}]`));
  if (config.labels) {
    for (const [key, value] of Object.entries(config.labels)) {
      const redacted = redactText(`${key}=${value}`, scanner, `config:Labels[${key}]`);
      config.labels[key] = redacted.slice(key.length + 1);
    }
  }
  const history = (createdBy: string | undefined) =>
    createdBy === undefined ? undefined : redactText(createdBy, scanner, 'history');
  for (const layer of report.layers) {
    const r = history(layer.createdBy);
    if (r !== undefined) layer.createdBy = r;
  }
  for (const f of report.findings) {
    const r = history(f.layer?.createdBy);
    if (f.layer && r !== undefined) f.layer.createdBy = r;
  }
}
