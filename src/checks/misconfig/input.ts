import { historyLayers } from '../../image/config.js';
import type { ImageConfig } from '../../image/types.js';
import type { LayerOrigin } from '../../report/types.js';
import type { FileNoteFact } from './file-notes.js';

/** One layer as the image checks see it. */
export interface ImageCheckLayer {
  index: number;
  diffID: string;
  createdBy?: string;
  /** The layer's `file-note` facts, as the layer holds them (whiteouts of later layers not applied). */
  fileNotes: readonly FileNoteFact[];
  /** True for base-image layers. When no layer says, layer 0 alone is taken as the base. */
  isBase?: boolean;
}

/** Everything the image checks look at. */
export interface ImageCheckInput {
  config: ImageConfig;
  layers: readonly ImageCheckLayer[];
  /** The inventory's packages (sudo detection); optional. */
  packages?: ReadonlyArray<{ name: string; ecosystem: string }>;
  /**
   * Whether a file of a layer is still in the final file system. setuid/setgid, world-writable
   * and sudo checks skip files a later layer deleted; cache sizes count them (their bytes still
   * ship). Every file is taken as visible when absent.
   */
  isVisible?: (layerIndex: number, path: string) => boolean;
}

/** The layer's origin for a finding. */
export function originOf(layer: ImageCheckLayer): LayerOrigin {
  return layer.createdBy === undefined
    ? { index: layer.index, diffID: layer.diffID }
    : { index: layer.index, diffID: layer.diffID, createdBy: layer.createdBy };
}

/** Application layers: those not marked base; when none is marked, every layer but index 0. */
export function applicationLayers(layers: readonly ImageCheckLayer[]): ImageCheckLayer[] {
  const known = layers.some((l) => l.isBase !== undefined);
  return layers.filter((l) => (known ? l.isBase !== true : l.index !== 0));
}

/** The layer each history entry produced (empty_layer entries produce none). */
export function layerOfHistory(
  config: ImageConfig,
  layers: readonly ImageCheckLayer[],
): Map<number, ImageCheckLayer> {
  const byIndex = new Map(layers.map((l) => [l.index, l]));
  const out = new Map<number, ImageCheckLayer>();
  historyLayers(config.history, Number.MAX_SAFE_INTEGER).forEach((index, i) => {
    const layer = index === undefined ? undefined : byIndex.get(index);
    if (layer) out.set(i, layer);
  });
  return out;
}
