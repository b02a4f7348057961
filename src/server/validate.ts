import { z } from 'zod';
import { VigiaError } from '../core/errors.js';
import { parseReference } from '../image/index.js';
import type { Platform } from '../image/types.js';
import { PolicySchema, type Policy } from '../policy/index.js';
import { formatReference, parseRegistryReference } from '../registry/index.js';
import { Severities, type Severity } from '../report/types.js';
import { ApiError } from './errors.js';
import type { ApiScanInput } from './jobs/types.js';

/** Longest image reference accepted. */
export const MAX_REFERENCE_LENGTH = 512;

/** What reads as a local path or a local-source prefix rather than a registry reference. */
const LOCAL_RE = /^(?:[/~.]|(?:dir|oci|oci-archive|docker-archive):)|\.(?:tar|tgz|tar\.gz|tar\.zst)(?::|$)/i;

const PLATFORM_RE = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

/** The body of `POST /api/scans`. */
export const ApiScanRequestSchema = z.strictObject({
  image: z.string().min(1).max(MAX_REFERENCE_LENGTH),
  platform: z.string().regex(PLATFORM_RE, 'expected os/arch[/variant], e.g. linux/amd64').optional(),
  failOn: z.enum(Severities).optional(),
  policy: z.unknown().optional(),
});

/** The first problem of a zod error as `field: message`. */
export function describeIssue(error: z.ZodError, prefix = ''): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  return `${path || 'body'}: ${issue.message}`;
}

/**
 * Check an image reference for the server. Registry references only (parsed without touching the
 * file system), unless `allowLocal`: then local archives, layouts and directories of the server's
 * file system as well. Control characters are refused either way.
 */
export function checkImageReference(image: string, allowLocal: boolean): string {
  const text = image.trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text))
    throw new ApiError(400, 'BAD_REFERENCE', 'image: control characters are not allowed');
  if (allowLocal) {
    parseReference(text);
    return text;
  }
  const bare = text.replace(/^(registry:|docker:\/\/)/, '');
  if (LOCAL_RE.test(text)) {
    throw new ApiError(
      400,
      'BAD_REFERENCE',
      `image: ${text.slice(0, 200)}: local paths are not accepted; this server scans registry references (start it with --allow-local to scan its own files)`,
    );
  }
  try {
    return formatReference(parseRegistryReference(bare));
  } catch (err) {
    if (err instanceof VigiaError) {
      throw new ApiError(400, 'BAD_REFERENCE', `image: ${err.message}`);
    }
    throw err;
  }
}

/** Validate `POST /api/scans` into a job input (the reference normalised, the policy checked). */
export function parseApiScanRequest(body: unknown, allowLocal: boolean): ApiScanInput {
  const parsed = ApiScanRequestSchema.safeParse(body);
  if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', describeIssue(parsed.error));
  const { image, platform, failOn, policy } = parsed.data;
  const input: ApiScanInput = { kind: 'api', image: checkImageReference(image, allowLocal) };
  if (platform) input.platform = toPlatform(platform);
  if (failOn) input.failOn = failOn as Severity;
  if (policy !== undefined) input.policy = parsePolicy(policy);
  return input;
}

function parsePolicy(value: unknown): Policy {
  const parsed = PolicySchema.safeParse(value);
  if (!parsed.success) throw new ApiError(400, 'POLICY_INVALID', describeIssue(parsed.error, 'policy'));
  return parsed.data;
}

function toPlatform(value: string): Platform {
  const [os, architecture, variant] = value.split('/') as [string, string, string?];
  return variant ? { os, architecture, variant } : { os, architecture };
}

/** True for a scan id: a UUID as `crypto.randomUUID()` makes them. */
export function isScanId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
}

/** The id, or 400 when it cannot be a scan id. */
export function checkScanId(id: string): string {
  if (!isScanId(id)) {
    throw new ApiError(400, 'BAD_REQUEST', `${id.slice(0, 80)}: not a scan id`);
  }
  return id;
}
