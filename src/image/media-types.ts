import { VigiaError } from '../core/errors.js';
import type { Compression, SourceKind } from './types.js';

/** Where an opened image comes from: its source kind and its name as shown to the user. */
export interface LayerOrigin {
  source: SourceKind;
  name: string;
}

/** Media types, as `as const` data (OCI image-spec `media-types.md` and Docker's v2.2 schema). */
export const MediaTypes = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

const LAYER =
  /^application\/vnd\.(oci\.image\.layer(\.nondistributable)?\.v1\.tar([+.](gzip|zstd))?|docker\.image\.rootfs\.(foreign\.)?diff\.tar([+.](gzip|zstd))?)$/;

/** True for the OCI and Docker layer media types (plain, gzip, zstd, non-distributable). */
export function isLayerMediaType(mediaType: string): boolean {
  return LAYER.test(mediaType);
}

/** True for the OCI and Docker image config media types. */
export function isConfigMediaType(mediaType: string): boolean {
  return mediaType === MediaTypes.ociConfig || mediaType === MediaTypes.dockerConfig;
}

/**
 * The compression a layer media type announces (the walker sniffs the real one). A media type
 * that is not an image layer (a Helm chart, an artifact) is `IMAGE_INVALID` naming `what`.
 */
export function layerCompression(mediaType: string, what: string): Compression {
  if (!isLayerMediaType(mediaType)) {
    throw new VigiaError('IMAGE_INVALID', `${what} has media type ${mediaType}, not an image layer`);
  }
  if (/[+.]gzip$/.test(mediaType)) return 'gzip';
  if (/[+.]zstd$/.test(mediaType)) return 'zstd';
  return 'none';
}
