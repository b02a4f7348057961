import type { SecretHit } from '../../core/secrets.js';
import type { ImageConfig } from '../../image/types.js';
import { toHits } from './hits.js';
import type { SecretScanner } from './scanner.js';

/**
 * Scan the image config for secrets: each `Env` entry (path `config:Env[i]`, text `NAME=value`),
 * each label (`config:Labels[key]`, text `key=value`) and each history `created_by` line
 * (`history[i]`, where `ENV`/`ARG` values and `--build-arg`s used by a `RUN` show up).
 * Lines and columns are within that one string.
 */
export function scanImageConfig(config: ImageConfig, scanner: SecretScanner): SecretHit[] {
  const texts: Array<{ path: string; text: string }> = [];
  (config.config.Env ?? []).forEach((text, i) => texts.push({ path: `config:Env[${i}]`, text }));
  for (const key of Object.keys(config.config.Labels ?? {}).sort()) {
    texts.push({ path: `config:Labels[${key}]`, text: `${key}=${config.config.Labels?.[key] ?? ''}` });
  }
  config.history.forEach((h, i) => {
    if (h.createdBy) texts.push({ path: `history[${i}]`, text: h.createdBy });
  });
  const hits: SecretHit[] = [];
  for (const { path, text } of texts) hits.push(...toHits(scanner.scan(text, path), text, path));
  return hits;
}
