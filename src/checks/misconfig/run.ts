import type { MisconfigFinding } from '../../report/types.js';
import { configChecks } from './config-checks.js';
import { historyChecks } from './history-checks.js';
import type { ImageCheckInput } from './input.js';
import { layerChecks } from './layer-checks.js';

/** The image check groups, in report order. Explicit: adding one is one line here. */
export const IMAGE_CHECK_GROUPS: ReadonlyArray<(input: ImageCheckInput) => MisconfigFinding[]> = [
  configChecks,
  historyChecks,
  layerChecks,
];

/**
 * Run every image-config, history and file check. Pure: the findings depend only on the input,
 * in a stable order (check id, then evidence).
 */
export function runImageChecks(input: ImageCheckInput): MisconfigFinding[] {
  const findings = IMAGE_CHECK_GROUPS.flatMap((group) => group(input));
  return findings.sort((a, b) => a.checkId.localeCompare(b.checkId) || order(a).localeCompare(order(b)));
}

function order(f: MisconfigFinding): string {
  const e = f.evidence;
  return [
    String(f.layer?.index ?? -1).padStart(4, '0'),
    e.field ?? '',
    String(e.historyIndex ?? ''),
    e.path ?? '',
    e.value ?? '',
  ].join('\0');
}
