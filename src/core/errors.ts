/**
 * One error type for everything vigia reports to a person. Each error carries a stable `code`
 * (documented, used by the CLI to pick an exit status), a one-line message that names the input
 * and the problem, and the underlying `cause` when there is one.
 */
export const ErrorCodes = {
  /** Bad command-line usage: unknown flag, missing argument, invalid flag value. */
  USAGE: 'USAGE',
  /** An image reference that cannot be parsed or resolved to a source. */
  BAD_REFERENCE: 'BAD_REFERENCE',
  /** The input is not an image, or the image's structure is invalid (manifest, index, config). */
  IMAGE_INVALID: 'IMAGE_INVALID',
  /** A ref, tag, manifest or platform that does not exist in the image. */
  IMAGE_NOT_FOUND: 'IMAGE_NOT_FOUND',
  /** A blob named by the manifest is missing from the archive/layout. */
  BLOB_MISSING: 'BLOB_MISSING',
  /** A blob's digest or a layer's diffID does not match what the image says. */
  DIGEST_MISMATCH: 'DIGEST_MISMATCH',
  /** A layer stream is truncated or its compression/tar framing is corrupt. */
  LAYER_CORRUPT: 'LAYER_CORRUPT',
  /** A tar entry or link that would escape the image root, or a symlink loop. */
  UNSAFE_PATH: 'UNSAFE_PATH',
  /** A file that cannot be read (permissions, not found, is a directory...). */
  FILE_UNREADABLE: 'FILE_UNREADABLE',
  /** A package database or manifest inside the image that cannot be parsed. */
  PACKAGE_DB_INVALID: 'PACKAGE_DB_INVALID',
  /** A user-supplied configuration, ignore, VEX or policy file that is invalid. */
  CONFIG_INVALID: 'CONFIG_INVALID',
  POLICY_INVALID: 'POLICY_INVALID',
  /** Registry refused our credentials (401/403). */
  REGISTRY_UNAUTHORIZED: 'REGISTRY_UNAUTHORIZED',
  /** Registry could not be reached, timed out, or kept failing after retries. */
  REGISTRY_UNREACHABLE: 'REGISTRY_UNREACHABLE',
  /** Registry answered with something that breaks the distribution spec. */
  REGISTRY_PROTOCOL: 'REGISTRY_PROTOCOL',
  /** A network fetch of an advisory feed failed. */
  FEED_UNAVAILABLE: 'FEED_UNAVAILABLE',
  /** An advisory feed's content is invalid (truncated zip, bad JSON, checksum mismatch). */
  FEED_INVALID: 'FEED_INVALID',
  /** No advisory database is present. */
  DB_MISSING: 'DB_MISSING',
  /** The advisory database is older than allowed. */
  DB_STALE: 'DB_STALE',
  /** The advisory database is unreadable, corrupt or of an unknown schema. */
  DB_CORRUPT: 'DB_CORRUPT',
  /** Another process holds the database/cache lock. */
  DB_LOCKED: 'DB_LOCKED',
  /** A version string that the ecosystem's scheme cannot parse. */
  VERSION_INVALID: 'VERSION_INVALID',
  /** Writing an output or cache file failed (disk full, permissions). */
  WRITE_FAILED: 'WRITE_FAILED',
  /** A bug: something that should not happen. */
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** The base of every error vigia raises on purpose. */
export class VigiaError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VigiaError';
    this.code = code;
  }
}

/** True when `err` is a VigiaError (optionally of one of the given codes). */
export function isVigiaError(err: unknown, ...codes: ErrorCode[]): err is VigiaError {
  return err instanceof VigiaError && (codes.length === 0 || codes.includes(err.code));
}

/** A short description of any thrown value, for messages and warnings. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
