import { runImageChecks, type ImageCheckLayer } from '../checks/misconfig/index.js';
import type { Package } from '../core/package.js';
import type { OpenedImage } from '../image/types.js';
import { deletedByLayer, type IndexedLayerFacts } from '../inventory/squash.js';
import type { MisconfigFinding } from '../report/types.js';
import { sortedHas } from './sorted.js';

/**
 * The image checks over the config, the history and every layer's file notes. `baseLayers`
 * leading layers belong to the base image (their setuid or world-writable files are the base's
 * business); undefined lets the checks assume the first layer is the base.
 */
export function misconfigFindings(
  image: OpenedImage,
  layers: readonly IndexedLayerFacts[],
  packages: readonly Package[],
  baseLayers: number | undefined,
): MisconfigFinding[] {
  const checkLayers: ImageCheckLayer[] = layers.map(({ index, facts }) => {
    const layer: ImageCheckLayer = {
      index,
      diffID: facts.diffID,
      fileNotes: facts.facts.filter((f) => f.kind === 'file-note'),
    };
    const createdBy = image.layers[index]?.history?.createdBy;
    if (createdBy) layer.createdBy = createdBy;
    if (baseLayers !== undefined) layer.isBase = index < baseLayers;
    return layer;
  });
  return runImageChecks({
    config: image.config,
    layers: checkLayers,
    packages,
    isVisible: (layerIndex, path) => isVisible(layers, layerIndex, path),
  });
}

/** Is the file `path` of layer `index` still in the final file system? */
export function isVisible(layers: readonly IndexedLayerFacts[], index: number, path: string): boolean {
  return !layers.some(
    (later) =>
      later.index > index && (deletedByLayer(later.facts, path) || sortedHas(later.facts.paths, path)),
  );
}
