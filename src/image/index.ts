export type * from './types.js';
export {
  type ImageReference,
  parseReference,
  formatReference,
  isRegistryReference,
  displayPath,
} from './reference.js';
export { openImage } from './open.js';
export { walkLayer, layerLabel, type LayerWalkResult, type EntryVisitor, type WalkOptions } from './walk.js';
export { readCapped } from './body.js';
export {
  parseConfig,
  alignHistory,
  historyLayers,
  checkLayerCount,
  configPlatform,
  MAX_CONFIG_BYTES,
  MAX_MANIFEST_BYTES,
} from './config.js';
export {
  normaliseEntryName,
  joinInRoot,
  resolveInRoot,
  parentOf,
  baseName,
  MAX_SYMLINK_HOPS,
} from './paths.js';
export {
  hides,
  squash,
  WhiteoutIndex,
  type WhiteoutMarker,
  WHITEOUT_PREFIX,
  OPAQUE_MARKER,
} from './whiteout.js';
export {
  hostPlatform,
  formatPlatform,
  normalisePlatform,
  platformMatches,
  checkPlatform,
  selectPlatformEntry,
  isAttestation,
  type IndexEntry,
} from './platform.js';
export { sniffCompression, zstdImplementation } from './decompress.js';
export { MediaTypes, isLayerMediaType, isConfigMediaType, layerCompression } from './media-types.js';
export { checkConfigMediaType, manifestLayers } from './manifest.js';
export {
  DescriptorSchema,
  IndexSchema,
  ManifestSchema,
  parseDocument,
  parseJsonDocument,
  validateDocument,
} from './schemas.js';
export { describeImage, type ImageDescription, type LayerDescription } from './describe.js';
