import { z } from 'zod';
import { VigiaError } from '../core/errors.js';
import type { Compression } from '../image/types.js';

/** Manifest media types vigia pulls (OCI and Docker v2, single images and indexes). */
export const MediaTypes = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

/** The `Accept` header for manifest GETs: every type we understand. */
export const MANIFEST_ACCEPT = [
  MediaTypes.ociIndex,
  MediaTypes.ociManifest,
  MediaTypes.dockerManifestList,
  MediaTypes.dockerManifest,
].join(', ');

const digestSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/, 'invalid digest');

const descriptorSchema = z.looseObject({
  mediaType: z.string(),
  digest: digestSchema,
  size: z.number().int().nonnegative(),
  urls: z.array(z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const platformSchema = z.looseObject({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
});

const indexSchema = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  manifests: z.array(descriptorSchema.extend({ platform: platformSchema.optional() })),
});

const manifestSchema = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
});

/** A content descriptor: what a manifest says about a blob. */
export type Descriptor = z.output<typeof descriptorSchema>;
/** An image index / manifest list. */
export type ImageIndex = z.output<typeof indexSchema>;
/** A single-image manifest. */
export type ImageManifest = z.output<typeof manifestSchema>;

/** A parsed manifest, tagged by kind. */
export type ParsedManifest =
  { kind: 'index'; index: ImageIndex } | { kind: 'manifest'; manifest: ImageManifest };

/**
 * Parse manifest bytes served with `contentType` (falling back to the body's `mediaType`).
 * Docker schema 1 and unknown types are `REGISTRY_PROTOCOL`; a body that breaks its type's
 * schema is `IMAGE_INVALID`. `what` names the manifest in messages.
 */
export function parseManifest(bytes: Buffer, contentType: string | undefined, what: string): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new VigiaError('IMAGE_INVALID', `${what}: manifest is not valid JSON`);
  }
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
    (type === undefined && Array.isArray((json as { manifests?: unknown }).manifests));
  const isManifest =
    type === MediaTypes.ociManifest ||
    type === MediaTypes.dockerManifest ||
    (type === undefined && typeof (json as { config?: unknown }).config === 'object');
  if (isIndex) return { kind: 'index', index: check(indexSchema, json, what) };
  if (isManifest) return { kind: 'manifest', manifest: check(manifestSchema, json, what) };
  throw new VigiaError('REGISTRY_PROTOCOL', `${what}: unsupported manifest media type ${String(type)}`);
}

/** Layer compression from its media type (OCI and Docker, distributable or not). */
export function layerCompression(mediaType: string, what: string): Compression {
  switch (mediaType) {
    case 'application/vnd.oci.image.layer.v1.tar':
    case 'application/vnd.oci.image.layer.nondistributable.v1.tar':
      return 'none';
    case 'application/vnd.oci.image.layer.v1.tar+gzip':
    case 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip':
    case 'application/vnd.docker.image.rootfs.diff.tar.gzip':
    case 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip':
      return 'gzip';
    case 'application/vnd.oci.image.layer.v1.tar+zstd':
    case 'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd':
      return 'zstd';
    default:
      throw new VigiaError('IMAGE_INVALID', `${what}: unsupported layer media type ${mediaType}`);
  }
}

/** Config media types that describe a container image (anything else is an artifact). */
export function isImageConfigType(mediaType: string): boolean {
  return mediaType === MediaTypes.ociConfig || mediaType === MediaTypes.dockerConfig;
}

function check<S extends z.ZodType>(schema: S, json: unknown, what: string): z.output<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new VigiaError('IMAGE_INVALID', `${what}: invalid manifest: ${where}${issue?.message ?? 'invalid'}`);
}
