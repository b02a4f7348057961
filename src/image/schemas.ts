import { z } from 'zod';
import { VigiaError } from '../core/errors.js';

/**
 * Schemas of the JSON documents an image is made of, validated at the boundary: OCI
 * image-spec (`index.json`, image index, manifest, config) and docker-archive `manifest.json`.
 * Unknown fields are kept (loose), required ones are checked.
 */

/** `algorithm:hex` digests vigia can verify and address as `blobs/<alg>/<hex>`. */
export const DigestSchema = z
  .string()
  .regex(/^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/, 'expected a sha256:… or sha512:… digest');

const PlatformSchema = z
  .object({
    architecture: z.string(),
    os: z.string(),
    variant: z.string().optional(),
    'os.version': z.string().optional(),
  })
  .loose();

const Annotations = z.record(z.string(), z.string()).optional().nullable();

export const DescriptorSchema = z
  .object({
    mediaType: z.string().optional(),
    digest: DigestSchema,
    size: z.number().int().nonnegative(),
    urls: z.array(z.string()).optional(),
    annotations: Annotations,
    platform: PlatformSchema.optional().nullable(),
  })
  .loose();
export type Descriptor = z.infer<typeof DescriptorSchema>;

export const IndexSchema = z
  .object({
    schemaVersion: z.literal(2),
    mediaType: z.string().optional(),
    manifests: z.array(DescriptorSchema),
    annotations: Annotations,
  })
  .loose();
export type OciIndex = z.infer<typeof IndexSchema>;

export const ManifestSchema = z
  .object({
    schemaVersion: z.literal(2),
    mediaType: z.string().optional(),
    config: DescriptorSchema,
    layers: z.array(DescriptorSchema),
    annotations: Annotations,
  })
  .loose();
export type OciManifest = z.infer<typeof ManifestSchema>;

export const OciLayoutSchema = z.object({ imageLayoutVersion: z.string() }).loose();

const StringList = z.array(z.string()).nullable().optional();
const ObjectMap = z.record(z.string(), z.looseObject({})).nullable().optional();

export const ConfigSchema = z
  .object({
    architecture: z.string(),
    os: z.string(),
    variant: z.string().optional(),
    created: z.string().optional(),
    author: z.string().optional(),
    config: z
      .object({
        User: z.string().optional(),
        Env: StringList,
        Entrypoint: StringList,
        Cmd: StringList,
        WorkingDir: z.string().optional(),
        ExposedPorts: ObjectMap,
        Volumes: ObjectMap,
        Labels: z.record(z.string(), z.string()).nullable().optional(),
        StopSignal: z.string().optional(),
        Healthcheck: z
          .object({
            Test: StringList,
            Interval: z.number().optional(),
            Timeout: z.number().optional(),
            Retries: z.number().optional(),
            StartPeriod: z.number().optional(),
          })
          .loose()
          .nullable()
          .optional(),
      })
      .loose()
      .nullable()
      .optional(),
    rootfs: z.object({ type: z.string(), diff_ids: z.array(DigestSchema) }).loose(),
    history: z
      .array(
        z
          .object({
            created: z.string().optional(),
            created_by: z.string().optional(),
            author: z.string().optional(),
            comment: z.string().optional(),
            empty_layer: z.boolean().optional(),
          })
          .loose(),
      )
      .nullable()
      .optional(),
  })
  .loose();
export type RawConfig = z.infer<typeof ConfigSchema>;

export const DockerManifestSchema = z
  .array(
    z
      .object({
        Config: z.string(),
        RepoTags: z.array(z.string()).nullable().optional(),
        Layers: z.array(z.string()),
      })
      .loose(),
  )
  .min(1, 'lists no image');
export type DockerManifest = z.infer<typeof DockerManifestSchema>;

/**
 * Parse `bytes` as JSON and validate it with `schema`. Malformed JSON or a schema violation is
 * an `IMAGE_INVALID` naming `what` (the file or blob) and the first problem.
 */
export function parseDocument<T>(schema: z.ZodType<T>, bytes: Buffer, what: string): T {
  return validateDocument(schema, parseJsonDocument(bytes, what), what);
}

/** Parse `bytes` as JSON; malformed JSON is an `IMAGE_INVALID` naming `what` and the parser's reason. */
export function parseJsonDocument(bytes: Buffer, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new VigiaError('IMAGE_INVALID', `${what}: malformed JSON (${reason})`, { cause: err });
  }
}

/** Validate parsed JSON with `schema`; a violation is an `IMAGE_INVALID` naming `what`, where and what. */
export function validateDocument<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new VigiaError('IMAGE_INVALID', `${what}: invalid${at}: ${issue?.message ?? 'unexpected content'}`);
}
