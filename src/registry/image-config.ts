import { z } from 'zod';
import { VigiaError } from '../core/errors.js';
import type { HistoryEntry, ImageConfig } from '../image/types.js';

const strings = z.array(z.string());
const objectMap = z.record(z.string(), z.looseObject({}));

const configSchema = z.looseObject({
  architecture: z.string(),
  os: z.string(),
  variant: z.string().optional(),
  created: z.string().optional(),
  author: z.string().optional(),
  config: z
    .looseObject({
      User: z.string().optional(),
      Env: strings.nullish(),
      Entrypoint: strings.nullish(),
      Cmd: strings.nullish(),
      WorkingDir: z.string().optional(),
      ExposedPorts: objectMap.nullish(),
      Volumes: objectMap.nullish(),
      Labels: z.record(z.string(), z.string()).nullish(),
      StopSignal: z.string().optional(),
      Healthcheck: z
        .looseObject({
          Test: strings.nullish(),
          Interval: z.number().optional(),
          Timeout: z.number().optional(),
          Retries: z.number().optional(),
          StartPeriod: z.number().optional(),
        })
        .nullish(),
    })
    .nullish(),
  rootfs: z.looseObject({ type: z.string(), diff_ids: strings }),
  history: z
    .array(
      z.looseObject({
        created: z.string().optional(),
        created_by: z.string().optional(),
        author: z.string().optional(),
        comment: z.string().optional(),
        empty_layer: z.boolean().optional(),
      }),
    )
    .nullish(),
});

/**
 * Validate an OCI/Docker image config blob and map it to vigia's `ImageConfig` (nulls dropped,
 * history fields renamed). Invalid JSON or shape → `IMAGE_INVALID` naming `what`.
 */
export function parseImageConfig(bytes: Buffer, what: string): ImageConfig {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new VigiaError('IMAGE_INVALID', `${what}: image config is not valid JSON`);
  }
  const result = configSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new VigiaError(
      'IMAGE_INVALID',
      `${what}: invalid image config: ${where}${issue?.message ?? 'invalid'}`,
    );
  }
  const raw = result.data;
  const c = raw.config ?? {};
  const config: ImageConfig['config'] = {};
  if (c.User !== undefined) config.User = c.User;
  if (c.Env) config.Env = c.Env;
  if (c.Entrypoint !== undefined) config.Entrypoint = c.Entrypoint;
  if (c.Cmd !== undefined) config.Cmd = c.Cmd;
  if (c.WorkingDir !== undefined) config.WorkingDir = c.WorkingDir;
  if (c.ExposedPorts) config.ExposedPorts = c.ExposedPorts;
  if (c.Volumes) config.Volumes = c.Volumes;
  if (c.Labels) config.Labels = c.Labels;
  if (c.StopSignal !== undefined) config.StopSignal = c.StopSignal;
  if (c.Healthcheck) {
    const { Test, ...rest } = c.Healthcheck;
    config.Healthcheck = { ...pickNumbers(rest), ...(Test ? { Test } : {}) };
  }
  const history: HistoryEntry[] = (raw.history ?? []).map((h) => {
    const entry: HistoryEntry = { emptyLayer: h.empty_layer === true };
    if (h.created !== undefined) entry.created = h.created;
    if (h.created_by !== undefined) entry.createdBy = h.created_by;
    if (h.author !== undefined) entry.author = h.author;
    if (h.comment !== undefined) entry.comment = h.comment;
    return entry;
  });
  const out: ImageConfig = {
    architecture: raw.architecture,
    os: raw.os,
    config,
    rootfs: { type: raw.rootfs.type, diff_ids: raw.rootfs.diff_ids },
    history,
  };
  if (raw.variant !== undefined) out.variant = raw.variant;
  if (raw.created !== undefined) out.created = raw.created;
  if (raw.author !== undefined) out.author = raw.author;
  return out;
}

/** History entries aligned to layers (empty_layer skipped); undefined when the counts disagree. */
export function alignHistory(history: HistoryEntry[], layerCount: number): (HistoryEntry | undefined)[] {
  const nonEmpty = history.filter((h) => !h.emptyLayer);
  if (nonEmpty.length !== layerCount) return new Array<undefined>(layerCount).fill(undefined);
  return nonEmpty;
}

function pickNumbers(o: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of ['Interval', 'Timeout', 'Retries', 'StartPeriod']) {
    const v = o[key];
    if (typeof v === 'number') out[key] = v;
  }
  return out;
}
