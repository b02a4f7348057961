import { createHash } from 'node:crypto';
import type { LayerOrigin, MisconfigFinding } from '../../report/types.js';
import type { CheckDefinition } from './catalogue.js';

/** Evidence of a misconfiguration: the config field, history line, file or Dockerfile line. */
export type Evidence = MisconfigFinding['evidence'];

/**
 * Build a finding of check `check`. The fingerprint hashes the check id and `key` (what makes
 * this occurrence distinct: a port, a path, a field), never a layer digest, so that it stays the
 * same across rebuilds of the same image.
 */
export function makeFinding(
  check: CheckDefinition,
  source: MisconfigFinding['source'],
  key: string,
  evidence: Evidence,
  extra: { layer?: LayerOrigin; file?: string; line?: number } = {},
): MisconfigFinding {
  const finding: MisconfigFinding = {
    kind: 'misconfig',
    id: check.id,
    checkId: check.id,
    severity: check.severity,
    title: check.title,
    remediation: check.remediation,
    fingerprint: `sha256:${createHash('sha256').update(`${check.id}\0${key}`).digest('hex')}`,
    source,
    evidence,
  };
  if (extra.layer) finding.layer = extra.layer;
  if (extra.file !== undefined) finding.file = extra.file;
  if (extra.line !== undefined) finding.line = extra.line;
  return finding;
}
