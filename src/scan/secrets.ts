import { createHash } from 'node:crypto';
import type { SecretHit } from '../core/secrets.js';
import { historyLayers } from '../image/index.js';
import type { OpenedImage } from '../image/types.js';
import type { IndexedLayerFacts } from '../inventory/squash.js';
import { isVisible } from './misconfig.js';
import type { SecretFinding } from '../report/types.js';
import { layerOrigin } from './report-parts.js';

/**
 * Secret findings from every layer's hits (including files a later layer deleted: they still
 * ship in the image) and from the image config. A file's hit is `visible` when no later layer
 * deletes (whiteout, opaque directory) or replaces the file, `deleted` otherwise.
 */
export function secretFindings(
  image: OpenedImage,
  layers: readonly IndexedLayerFacts[],
  configHits: readonly SecretHit[],
): SecretFinding[] {
  const out: SecretFinding[] = [];
  for (const { index, facts } of layers) {
    for (const hit of facts.secrets) {
      const visible = isVisible(layers, index, hit.path);
      out.push(toFinding(hit, visible ? 'visible' : 'deleted', layerOrigin(image, index)));
    }
  }
  for (const hit of configHits) {
    const history = /^history\[(\d+)\]$/.exec(hit.path);
    const layer = history
      ? historyLayers(image.config.history, image.layers.length)[Number(history[1])]
      : undefined;
    out.push(toFinding(hit, 'config', layer === undefined ? undefined : layerOrigin(image, layer)));
  }
  return out.sort(
    (a, b) =>
      (a.layer?.index ?? -1) - (b.layer?.index ?? -1) ||
      cmp(a.path, b.path) ||
      a.line - b.line ||
      cmp(a.ruleId, b.ruleId),
  );
}

function toFinding(
  hit: SecretHit,
  visibility: SecretFinding['visibility'],
  layer: SecretFinding['layer'],
): SecretFinding {
  const finding: SecretFinding = {
    kind: 'secret',
    id: hit.ruleId,
    ruleId: hit.ruleId,
    category: hit.category,
    title: hit.title,
    severity: hit.severity,
    fingerprint: createHash('sha256')
      .update(`secret\0${hit.fingerprint}\0${hit.path}\0${layer?.diffID ?? 'config'}`)
      .digest('hex')
      .slice(0, 32),
    path: hit.path,
    line: hit.line,
    redacted: hit.redacted,
    visibility,
  };
  if (layer) finding.layer = layer;
  return finding;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
