import { createHash } from 'node:crypto';
import { VigiaError } from '../core/errors.js';
import { ConfigSchema, parseDocument, type RawConfig } from './schemas.js';
import type { HistoryEntry, ImageConfig, Platform } from './types.js';

/**
 * Largest image config accepted from any source (long histories make them big, but not this
 * big). The registry client had 32 MiB and the archives 16 MiB; the larger is kept so that no
 * image that opened before is refused now.
 */
export const MAX_CONFIG_BYTES = 32 * 1024 * 1024;
/** Largest manifest / index accepted from any source (the distribution spec's and containerd's limit). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** Parse and validate an image config blob; `what` names it in errors. */
export function parseConfig(bytes: Buffer, what: string): ImageConfig {
  return toImageConfig(parseDocument(ConfigSchema, bytes, what));
}

function toImageConfig(raw: RawConfig): ImageConfig {
  const c = raw.config ?? {};
  const config: ImageConfig['config'] = {};
  if (c.User !== undefined) config.User = c.User;
  if (c.Env) config.Env = c.Env;
  if (c.Entrypoint !== undefined) config.Entrypoint = c.Entrypoint ?? null;
  if (c.Cmd !== undefined) config.Cmd = c.Cmd ?? null;
  if (c.WorkingDir !== undefined) config.WorkingDir = c.WorkingDir;
  if (c.ExposedPorts) config.ExposedPorts = c.ExposedPorts;
  if (c.Volumes) config.Volumes = c.Volumes;
  if (c.Labels) config.Labels = c.Labels;
  if (c.StopSignal !== undefined) config.StopSignal = c.StopSignal;
  if (c.Healthcheck) {
    const { Test, Interval, Timeout, Retries, StartPeriod } = c.Healthcheck;
    config.Healthcheck = {};
    if (Test) config.Healthcheck.Test = Test;
    if (Interval !== undefined) config.Healthcheck.Interval = Interval;
    if (Timeout !== undefined) config.Healthcheck.Timeout = Timeout;
    if (Retries !== undefined) config.Healthcheck.Retries = Retries;
    if (StartPeriod !== undefined) config.Healthcheck.StartPeriod = StartPeriod;
  }
  const out: ImageConfig = {
    architecture: raw.architecture,
    os: raw.os,
    config,
    rootfs: { type: raw.rootfs.type, diff_ids: raw.rootfs.diff_ids },
    history: (raw.history ?? []).map((h) => {
      const entry: HistoryEntry = { emptyLayer: h.empty_layer === true };
      if (h.created !== undefined) entry.created = h.created;
      if (h.created_by !== undefined) entry.createdBy = h.created_by;
      if (h.author !== undefined) entry.author = h.author;
      if (h.comment !== undefined) entry.comment = h.comment;
      return entry;
    }),
  };
  if (raw.variant) out.variant = raw.variant;
  if (raw.created !== undefined) out.created = raw.created;
  if (raw.author !== undefined) out.author = raw.author;
  return out;
}

/** The platform a config declares. */
export function configPlatform(config: ImageConfig): Platform {
  const p: Platform = { os: config.os, architecture: config.architecture };
  if (config.variant) p.variant = config.variant;
  return p;
}

/**
 * The history entry that produced each layer: history entries are walked in order, skipping
 * `empty_layer` ones, and the n-th remaining entry belongs to layer n. Layers past the end of
 * the history get none.
 *
 * Decision (two copies were merged): the registry's copy aligned nothing at all when the
 * non-empty entries and the layers differed in number. This one is kept because the history
 * checks (`checks/misconfig/input.ts`) and the secrets of history lines (`scan/secrets.ts`) map
 * history to layers the same way, so a layer's `createdBy` agrees with the findings about it
 * whatever source the image came from.
 */
export function alignHistory(
  history: readonly HistoryEntry[],
  layerCount: number,
): (HistoryEntry | undefined)[] {
  const layered = history.filter((h) => !h.emptyLayer);
  return Array.from({ length: layerCount }, (_, i) => layered[i]);
}

/**
 * The reverse of {@link alignHistory}: for each history entry, the index of the layer it
 * produced (undefined for `empty_layer` entries and entries past the last layer).
 */
export function historyLayers(history: readonly HistoryEntry[], layerCount: number): (number | undefined)[] {
  let next = 0;
  return history.map((h) => {
    if (h.emptyLayer) return undefined;
    const layer = next++;
    return layer < layerCount ? layer : undefined;
  });
}

/** `IMAGE_INVALID` unless the config lists one diff_id per layer. */
export function checkLayerCount(config: ImageConfig, layerCount: number, what: string): void {
  const n = config.rootfs.diff_ids.length;
  if (n !== layerCount) {
    throw new VigiaError(
      'IMAGE_INVALID',
      `${what}: the config lists ${n} diff_ids but the image has ${layerCount} layers`,
    );
  }
}

/** `sha256:<hex>` of some bytes. */
export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The digest of `bytes` in the algorithm of `expected` (`sha256:` or `sha512:`). */
export function digestLike(expected: string, bytes: Buffer): string {
  const algorithm = expected.startsWith('sha512:') ? 'sha512' : 'sha256';
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}
