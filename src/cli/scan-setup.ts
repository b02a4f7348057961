import { LayerCache } from '../cache/layer-cache.js';
import { VigiaError } from '../core/errors.js';
import { findConfigFile, loadSourceFile, type SourceFile } from '../config/load.js';
import type { LayerRef } from '../image/types.js';
import type { CollectEvent } from '../scan/collect.js';
import { Severities, type FindingKind, type Severity } from '../report/types.js';
import type { AdvisoryStore } from '../advisories/index.js';
import type { ScanDeps } from '../scan/scan.js';
import { VERSION } from './version.js';
import type { Progress } from './progress.js';

/** The config file (`--config`, `$VIGIA_CONFIG`, or `vigia.yaml` in the working directory), parsed. */
export async function loadConfig(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<SourceFile | undefined> {
  const path = findConfigFile(process.cwd(), env, explicit);
  return path ? loadSourceFile(path) : undefined;
}

/** The layer cache, unless `--no-cache`. */
export function openCache(cacheDir: string, enabled: boolean): LayerCache | undefined {
  return enabled ? LayerCache.open(cacheDir) : undefined;
}

/**
 * The report timestamp: `--timestamp` (RFC 3339), else `SOURCE_DATE_EPOCH` (seconds), else now.
 * Pinning it makes the JSON report byte-identical across runs.
 */
export function resolveNow(flag: string | undefined, env: NodeJS.ProcessEnv): Date {
  if (flag) {
    const d = new Date(flag);
    if (Number.isNaN(d.getTime()))
      throw new VigiaError('USAGE', `--timestamp ${flag}: expected an RFC 3339 date`);
    return d;
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch) {
    if (!/^\d+$/.test(epoch))
      throw new VigiaError('USAGE', `SOURCE_DATE_EPOCH=${epoch}: expected whole seconds`);
    return new Date(Number(epoch) * 1000);
  }
  return new Date();
}

/** Parse a severity name (case-insensitive). */
export function parseSeverity(value: string, flag: string): Severity {
  const upper = value.trim().toUpperCase();
  if (!(Severities as readonly string[]).includes(upper)) {
    throw new VigiaError('USAGE', `${flag} ${value}: expected one of ${Severities.join(', ')}`);
  }
  return upper as Severity;
}

/** Parse a comma-separated list against allowed values. */
export function parseList<T extends string>(
  value: string,
  allowed: readonly T[],
  flag: string,
  aliases: Record<string, T> = {},
): T[] {
  const out: T[] = [];
  for (const raw of value.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const mapped = (aliases[item.toLowerCase()] ?? item) as T;
    const found = allowed.find((a) => a.toLowerCase() === String(mapped).toLowerCase());
    if (!found) throw new VigiaError('USAGE', `${flag} ${item}: expected one of ${allowed.join(', ')}`);
    if (!out.includes(found)) out.push(found);
  }
  if (out.length === 0) throw new VigiaError('USAGE', `${flag}: empty list`);
  return out;
}

/** Drive a progress bar from layer-collection events. */
export function layerProgress(progress: Progress, layers: readonly LayerRef[]): (e: CollectEvent) => void {
  const done = new Set<number>();
  const seen = new Map<number, number>();
  const total = layers.reduce((n, l) => n + (l.size ?? 0), 0);
  let started = false;
  return (e) => {
    if (!started) {
      progress.start(`analysing ${layers.length} layer(s)`, total || undefined);
      started = true;
    }
    if (e.kind === 'layer-bytes') {
      const before = seen.get(e.layer.index) ?? 0;
      seen.set(e.layer.index, e.bytes);
      progress.advance(e.bytes - before);
    } else if (e.kind === 'layer-done') {
      done.add(e.layer.index);
      if (e.cached) progress.advance(e.layer.size ?? 0);
      progress.status(`analysed ${done.size}/${layers.length} layer(s)`);
    }
  };
}

/** Commander helper for repeatable options. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Drive a progress bar from collection events when the layer list is not known up front. */
export function progressByLayer(progress: Progress): (e: CollectEvent) => void {
  const seen = new Map<number, number>();
  return (e) => {
    if (e.kind === 'layer-start') {
      progress.start(`layer ${e.layer.index + 1}${e.cached ? ' (cached)' : ''}`, e.layer.size);
      seen.set(e.layer.index, 0);
    } else if (e.kind === 'layer-bytes') {
      progress.advance(e.bytes - (seen.get(e.layer.index) ?? 0));
      seen.set(e.layer.index, e.bytes);
    }
  };
}

/** `--scanners vuln,secret,misconfig` (with the usual aliases). */
export function parseScanners(value: string | undefined): FindingKind[] {
  return parseList<FindingKind>(
    value ?? 'vuln,secret,misconfig',
    ['vulnerability', 'secret', 'misconfig'],
    '--scanners',
    {
      vuln: 'vulnerability',
      vulnerabilities: 'vulnerability',
      secrets: 'secret',
      config: 'misconfig',
    },
  );
}

/** What `scan` and `compare` share: the advisory store, the layer cache and the secret rules. */
export interface ScanServices {
  deps: ScanDeps;
  close(): void;
}

/**
 * Open the services a scan needs: the advisory store when vulnerabilities are scanned (updated
 * first when missing or stale, unless `offline`/`skipDbUpdate`), the layer cache unless
 * disabled, and the secret rules from the config file.
 */
export async function openScanServices(args: {
  cacheDir: string;
  config: SourceFile | undefined;
  env: NodeJS.ProcessEnv;
  now: Date;
  scanners: readonly FindingKind[];
  offline: boolean;
  skipDbUpdate: boolean;
  useCache: boolean;
  onEvent?: (e: CollectEvent) => void;
}): Promise<ScanServices> {
  const { prepareStore, resolveDbSettings } = await import('../advisories/index.js');
  const { createSecretScanner, loadSecretConfig } = await import('../checks/secrets/index.js');
  const { databaseInfo } = await import('../scan/database.js');
  const deps: ScanDeps = {
    warnings: [],
    secretScanner: createSecretScanner(loadSecretConfig(args.config)),
  };
  if (args.onEvent) deps.onEvent = args.onEvent;
  let store: AdvisoryStore | undefined;
  if (args.scanners.includes('vulnerability')) {
    const prepared = await prepareStore({
      cacheDir: args.cacheDir,
      settings: resolveDbSettings(args.config, args.env),
      offline: args.offline,
      skipDbUpdate: args.skipDbUpdate,
      now: args.now,
      vigiaVersion: VERSION,
    });
    store = prepared.store;
    deps.store = store;
    deps.database = databaseInfo(store.metadata(), args.now);
    deps.warnings?.push(...prepared.warnings);
  }
  const cache = openCache(args.cacheDir, args.useCache);
  if (cache) deps.cache = cache;
  return {
    deps,
    close: () => {
      cache?.close();
      store?.close();
    },
  };
}
