import { VigiaError } from '../core/errors.js';
import { alignHistory, checkLayerCount } from './config.js';
import { MediaTypes, isConfigMediaType, layerCompression } from './media-types.js';
import type { Descriptor } from './schemas.js';
import type { ImageConfig, LayerRef } from './types.js';

/**
 * From a validated image manifest and its config to vigia's layer list: the part every source
 * with manifests (OCI layout, registry) shares.
 */

/** `IMAGE_INVALID` unless the config descriptor is an image config (a Helm chart, an artifact is not). */
export function checkConfigMediaType(mediaType: string | undefined, what: string): void {
  if (mediaType === undefined || isConfigMediaType(mediaType)) return;
  throw new VigiaError('IMAGE_INVALID', `${what}: not a container image: config media type ${mediaType}`);
}

/**
 * The layers of a manifest: one config diff_id per layer (else `IMAGE_INVALID`), compression
 * from the media type (a missing one means an uncompressed OCI layer; a non-layer type is
 * `IMAGE_INVALID`), the history entry that made each (`alignHistory`), digests to verify.
 * `what` names the manifest in messages.
 */
export function manifestLayers(layers: readonly Descriptor[], config: ImageConfig, what: string): LayerRef[] {
  checkLayerCount(config, layers.length, what);
  const history = alignHistory(config.history, layers.length);
  return layers.map((d, index) => {
    const mediaType = d.mediaType ?? MediaTypes.ociLayer;
    const layer: LayerRef = {
      index,
      digest: d.digest,
      verifyDigest: true,
      diffID: config.rootfs.diff_ids[index] ?? '',
      mediaType,
      compression: layerCompression(mediaType, `${what}: layer ${index}`),
      size: d.size,
    };
    const h = history[index];
    if (h) layer.history = h;
    return layer;
  });
}
