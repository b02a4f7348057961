import { z } from 'zod';
import { VigiaError } from '../../core/errors.js';
import { formatReference, parseRegistryReference } from '../../registry/index.js';
import { ApiError } from '../errors.js';
import type { HarborScanInput, JobSecrets } from '../jobs/types.js';
import { describeIssue } from '../validate.js';
import { HarborMime, SbomMediaTypes } from './mime.js';

const text = z.string().max(2048);

/** `ScanRequest` of the spec; extra fields are ignored (Harbor may add some). */
const ScanRequestSchema = z.object({
  registry: z.object({ url: text.optional(), authorization: z.string().max(8192).optional() }),
  artifact: z.object({
    repository: text.optional(),
    digest: text.optional(),
    tag: text.optional(),
    mime_type: text.optional(),
  }),
  enabled_capabilities: z
    .array(
      z.object({
        type: z.string(),
        produces_mime_types: z.array(z.string()).optional(),
        parameters: z.object({ sbom_media_types: z.array(z.string()).optional() }).optional(),
      }),
    )
    .optional(),
});

/** The artifact types vigia scans (the capability's `consumes_mime_types`). */
export const CONSUMED = [HarborMime.ociManifest, HarborMime.dockerManifest] as const;

/** A validated Harbor scan request: the job input and the credentials kept in memory only. */
export interface HarborScanRequest {
  input: HarborScanInput;
  secrets?: JobSecrets;
}

const unprocessable = (message: string) => new ApiError(422, 'UNPROCESSABLE', message);

/**
 * Validate a Harbor `ScanRequest` (spec v1.2): wrong JSON types are 400, invalid fields 422, an
 * artifact type or capability vigia cannot serve 501. `registry.authorization` must be `Basic`
 * (Harbor 2.x sends its robot account's credentials that way); the registry URL's scheme tells
 * whether to pull over plain HTTP.
 */
export function parseHarborScanRequest(body: unknown, sbomTypes: readonly string[]): HarborScanRequest {
  const parsed = ScanRequestSchema.safeParse(body);
  if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', describeIssue(parsed.error));
  const { registry, artifact, enabled_capabilities: capabilities } = parsed.data;

  if (!registry.url) throw unprocessable('registry.url: missing');
  let url: URL;
  try {
    url = new URL(registry.url);
  } catch {
    throw unprocessable(`registry.url: not a URL: ${registry.url.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw unprocessable('registry.url: expected http:// or https://');
  if (url.username || url.password)
    throw unprocessable('registry.url: credentials belong in registry.authorization');
  if (url.pathname !== '/' && url.pathname !== '')
    throw unprocessable('registry.url: expected the registry base URL, without a path');
  const { repository, digest } = artifact;
  if (!repository) throw unprocessable('artifact.repository: missing');
  if (!digest) throw unprocessable('artifact.digest: missing');
  if (artifact.mime_type && !CONSUMED.some((m) => m === artifact.mime_type)) {
    throw new ApiError(
      501,
      'NOT_IMPLEMENTED',
      `artifact.mime_type ${artifact.mime_type}: vigia scans ${CONSUMED.join(', ')}`,
    );
  }
  for (const cap of capabilities ?? []) {
    if (cap.type === 'vulnerability') continue;
    if (cap.type !== 'sbom') throw unprocessable(`enabled_capabilities: unknown type ${cap.type}`);
    const wanted = cap.parameters?.sbom_media_types ?? [];
    const unknown = wanted.filter((t) => !(SbomMediaTypes as readonly string[]).includes(t));
    if (unknown.length)
      throw unprocessable(`enabled_capabilities: unknown sbom_media_types ${unknown.join(', ')}`);
    const missing = wanted.filter((t) => !sbomTypes.includes(t));
    if (sbomTypes.length === 0 || missing.length) {
      throw new ApiError(
        501,
        'NOT_IMPLEMENTED',
        `this scanner cannot produce SBOMs of type ${(missing.length ? missing : ['any']).join(', ')}`,
      );
    }
  }

  const port = url.port || (url.protocol === 'http:' ? '80' : '443');
  const host = `${url.hostname}:${port}`;
  let reference: string;
  try {
    const ref = parseRegistryReference(`${host}/${repository}@${digest}`);
    if (ref.registry !== host)
      throw new VigiaError('BAD_REFERENCE', `registry.url: unusable host ${url.host}`);
    reference = formatReference(ref);
  } catch (err) {
    if (err instanceof VigiaError) throw unprocessable(err.message);
    throw err;
  }

  const input: HarborScanInput = {
    kind: 'harbor',
    reference,
    plainHttp: url.protocol === 'http:',
    artifact: { repository, digest },
    registryUrl: url.origin,
    credentials: Boolean(registry.authorization),
  };
  if (artifact.tag) input.artifact.tag = artifact.tag;
  if (artifact.mime_type) input.artifact.mime_type = artifact.mime_type;
  const secrets = registry.authorization ? basicCredentials(registry.authorization) : undefined;
  return secrets ? { input, secrets } : { input };
}

function basicCredentials(header: string): JobSecrets {
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  const scheme = match?.[1]?.toLowerCase();
  if (scheme === 'bearer') {
    throw unprocessable(
      'registry.authorization: Bearer tokens are not supported; Harbor 2.x sends Basic robot-account credentials',
    );
  }
  if (scheme !== 'basic' || !match?.[2])
    throw unprocessable('registry.authorization: expected "Basic <base64 of user:password>"');
  const decoded = Buffer.from(match[2], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(match[2])) {
    throw unprocessable('registry.authorization: the Basic credentials are not base64 of user:password');
  }
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
