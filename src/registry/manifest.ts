import { z } from 'zod';
import { VigiaError } from '../core/errors.js';
import {
  DescriptorSchema,
  IndexSchema,
  ManifestSchema,
  MediaTypes,
  parseJsonDocument,
  validateDocument,
} from '../image/index.js';

/** The `Accept` header for manifest GETs: every type we understand. */
export const MANIFEST_ACCEPT = [
  MediaTypes.ociIndex,
  MediaTypes.ociManifest,
  MediaTypes.dockerManifestList,
  MediaTypes.dockerManifest,
].join(', ');

/**
 * The image module's schemas, plus what the distribution spec adds: every descriptor a registry
 * serves carries its `mediaType` (layouts and archives in the wild may omit it).
 */
const TypedDescriptorSchema = DescriptorSchema.extend({ mediaType: z.string() });
const RegistryIndexSchema = IndexSchema.extend({ manifests: z.array(TypedDescriptorSchema) });
const RegistryManifestSchema = ManifestSchema.extend({
  config: TypedDescriptorSchema,
  layers: z.array(TypedDescriptorSchema),
});

/** A content descriptor: what a manifest says about a blob. */
export type Descriptor = z.output<typeof TypedDescriptorSchema>;
/** An image index / manifest list. */
export type ImageIndex = z.output<typeof RegistryIndexSchema>;
/** A single-image manifest. */
export type ImageManifest = z.output<typeof RegistryManifestSchema>;

/** A parsed manifest, tagged by kind. */
export type ParsedManifest =
  { kind: 'index'; index: ImageIndex } | { kind: 'manifest'; manifest: ImageManifest };

/**
 * Parse manifest bytes served with `contentType` (falling back to the body's `mediaType`).
 * Docker schema 1 and unknown types are `REGISTRY_PROTOCOL`; a body that breaks its type's
 * schema is `IMAGE_INVALID`. `what` names the manifest in messages.
 */
export function parseManifest(bytes: Buffer, contentType: string | undefined, what: string): ParsedManifest {
  const json = parseJsonDocument(bytes, what);
  const header = contentType?.split(';')[0]?.trim();
  const bodyType = (json as { mediaType?: unknown } | null)?.mediaType;
  const type = header && header !== 'application/json' && header !== 'text/plain' ? header : bodyType;
  if (typeof type === 'string' && type.includes('distribution.manifest.v1')) {
    throw new VigiaError(
      'REGISTRY_PROTOCOL',
      `${what}: Docker schema 1 manifests are not supported (${type})`,
    );
  }
  const isIndex =
    type === MediaTypes.ociIndex ||
    type === MediaTypes.dockerManifestList ||
    (type === undefined && Array.isArray((json as { manifests?: unknown } | null)?.manifests));
  const isManifest =
    type === MediaTypes.ociManifest ||
    type === MediaTypes.dockerManifest ||
    (type === undefined && typeof (json as { config?: unknown } | null)?.config === 'object');
  if (isIndex) return { kind: 'index', index: validateDocument(RegistryIndexSchema, json, what) };
  if (isManifest) return { kind: 'manifest', manifest: validateDocument(RegistryManifestSchema, json, what) };
  throw new VigiaError('REGISTRY_PROTOCOL', `${what}: unsupported manifest media type ${String(type)}`);
}
