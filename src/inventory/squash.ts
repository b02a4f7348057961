import type { Fact } from '../core/facts.js';
import { hides } from '../image/whiteout.js';
import type { LayerFacts } from '../scan/layer-facts.js';

/** A layer's facts with its position in the image. */
export interface IndexedLayerFacts {
  index: number;
  facts: LayerFacts;
}

/** The facts visible at one path in the final file system, and the layer that put them there. */
export interface LivePath {
  layer: number;
  facts: Fact[];
}

/** What happened to one path, layer by layer: its facts, or `null` when it was deleted/replaced. */
export type PathHistory = Array<{ layer: number; facts: Fact[] | null }>;

export interface SquashResult {
  /** Path → facts visible in the final image. */
  live: Map<string, LivePath>;
  /** Path → every change to that path's facts, in layer order. */
  history: Map<string, PathHistory>;
}

/**
 * True when `layer`'s whiteouts or opaque directories delete `path` of a lower layer (OCI
 * semantics from `image/whiteout.ts`).
 */
export function deletedByLayer(layer: Pick<LayerFacts, 'whiteouts' | 'opaqueDirs'>, path: string): boolean {
  return (
    layer.whiteouts.some((target) => hides({ type: 'whiteout', target }, 1, path, 0)) ||
    layer.opaqueDirs.some((target) => hides({ type: 'opaque', target }, 1, path, 0))
  );
}

/**
 * Apply layers in order, as the container runtime does: a layer's whiteouts and opaque
 * directories delete from the layers below; a file the layer adds replaces the lower file at the
 * same path (and the facts drawn from it, even if the new file yields none); the layer's facts
 * become visible at their paths.
 */
export function squash(layers: readonly IndexedLayerFacts[]): SquashResult {
  const live = new Map<string, LivePath>();
  const history = new Map<string, PathHistory>();
  const record = (path: string, layer: number, facts: Fact[] | null) => {
    let h = history.get(path);
    if (!h) history.set(path, (h = []));
    h.push({ layer, facts });
  };

  for (const { index, facts: layer } of [...layers].sort((a, b) => a.index - b.index)) {
    for (const [path] of [...live]) {
      if (deletedByLayer(layer, path)) {
        live.delete(path);
        record(path, index, null);
      }
    }
    const byPath = groupByPath(layer.facts);
    if (live.size > 0 && layer.paths.length > 0) {
      const added = new Set(layer.paths);
      for (const [path] of [...live]) {
        if (added.has(path) && !byPath.has(path)) {
          live.delete(path);
          record(path, index, null);
        }
      }
    }
    for (const [path, facts] of byPath) {
      live.set(path, { layer: index, facts });
      record(path, index, facts);
    }
  }
  return { live, history };
}

function groupByPath(facts: readonly Fact[]): Map<string, Fact[]> {
  const out = new Map<string, Fact[]>();
  for (const fact of facts) {
    const list = out.get(fact.path);
    if (list) list.push(fact);
    else out.set(fact.path, [fact]);
  }
  return out;
}
