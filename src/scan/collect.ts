import type { LayerCache } from '../cache/layer-cache.js';
import { layerCacheKey, type AnalyzerStamp } from '../cache/layer-cache.js';
import type { Warning } from '../core/warnings.js';
import type { LayerRef, OpenedImage } from '../image/types.js';
import type { IndexedLayerFacts } from '../inventory/squash.js';
import { analyzeLayer, type AnalysisPlan } from './analyze-layer.js';

/** Progress events of fact collection, for a progress bar. */
export type CollectEvent =
  | { kind: 'layer-start'; layer: LayerRef; cached: boolean }
  | { kind: 'layer-bytes'; layer: LayerRef; bytes: number }
  | { kind: 'layer-done'; layer: LayerRef; cached: boolean };

export interface CollectOptions {
  /** The layer-fact cache; undefined with `--no-cache`. */
  cache?: LayerCache;
  /** Layers analysed at once (default 2). */
  concurrency?: number;
  onEvent?: (event: CollectEvent) => void;
  signal?: AbortSignal;
}

export interface CollectResult {
  layers: IndexedLayerFacts[];
  /** diffIDs read from the cache (their blobs were never opened). */
  cached: string[];
  warnings: Warning[];
}

/** The cache stamps of a plan: every analyzer that contributes facts. */
export function planStamps(plan: AnalysisPlan): AnalyzerStamp[] {
  const stamps = plan.analyzers.map((a) => ({ id: a.id, version: a.version }));
  if (plan.secrets) stamps.push({ id: plan.secrets.id, version: plan.secrets.version });
  return stamps;
}

/**
 * The facts of every layer of an image: from the cache when present (the layer blob is then
 * never opened, so a registry never sends it), else by walking the layer once. Layers are
 * analysed a few at a time; results come back in layer order.
 */
export async function collectLayerFacts(
  image: OpenedImage,
  plan: AnalysisPlan,
  options: CollectOptions = {},
): Promise<CollectResult> {
  const stamps = planStamps(plan);
  const results: IndexedLayerFacts[] = new Array(image.layers.length);
  const cached: string[] = [];
  const warnings: Warning[] = [];
  const queue = [...image.layers];
  // The first failure stops the other workers' walks (no stream left running behind an error).
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;

  const worker = async (): Promise<void> => {
    for (let layer = queue.shift(); layer && !signal.aborted; layer = queue.shift()) {
      const key = layerCacheKey(layer.diffID, stamps);
      const hit = options.cache?.get(key);
      if (hit) {
        options.onEvent?.({ kind: 'layer-start', layer, cached: true });
        results[layer.index] = { index: layer.index, facts: hit };
        cached.push(layer.diffID);
        options.onEvent?.({ kind: 'layer-done', layer, cached: true });
        continue;
      }
      options.onEvent?.({ kind: 'layer-start', layer, cached: false });
      const current = layer;
      const facts = await analyzeLayer(image, layer, plan, {
        signal,
        onBytes: (bytes) => options.onEvent?.({ kind: 'layer-bytes', layer: current, bytes }),
      });
      options.cache?.put(key, facts);
      results[layer.index] = { index: layer.index, facts };
      options.onEvent?.({ kind: 'layer-done', layer, cached: false });
    }
  };

  const n = Math.max(1, Math.min(options.concurrency ?? 2, image.layers.length));
  const outcomes = await Promise.allSettled(
    Array.from({ length: n }, () =>
      worker().catch((err: unknown) => {
        controller.abort(err);
        throw err;
      }),
    ),
  );
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
  if (options.cache) warnings.push(...options.cache.warnings.splice(0));
  return { layers: results, cached: cached.sort(), warnings };
}
