import type { ErrorCode } from '../core/errors.js';

/**
 * Exit statuses, documented in the README. The CLI is the only place that turns errors into
 * statuses, and this map is the only place that decides which.
 */
export const ExitStatus = {
  /** Success; for `scan`, no finding at or above the threshold and the policy passed. */
  OK: 0,
  /** The scan worked and the image failed: `--fail-on` hit or the policy failed. */
  FAILED: 1,
  /** Bad usage: unknown command or flag, missing or invalid argument. */
  USAGE: 2,
  /** Bad input: image, archive, layer, package DB, config/ignore/VEX/policy file. */
  INPUT: 3,
  /** Registry or network: unauthorized, unreachable, timed out, protocol error. */
  NETWORK: 4,
  /** Advisory database: missing, stale, corrupt, locked, feed invalid. */
  DATABASE: 5,
  /** Could not write output or cache. */
  WRITE: 6,
  /** A bug in vigia. */
  INTERNAL: 70,
} as const;

export type ExitStatusValue = (typeof ExitStatus)[keyof typeof ExitStatus];

const byCode: Record<ErrorCode, ExitStatusValue> = {
  USAGE: ExitStatus.USAGE,
  BAD_REFERENCE: ExitStatus.USAGE,
  IMAGE_INVALID: ExitStatus.INPUT,
  IMAGE_NOT_FOUND: ExitStatus.INPUT,
  BLOB_MISSING: ExitStatus.INPUT,
  DIGEST_MISMATCH: ExitStatus.INPUT,
  LAYER_CORRUPT: ExitStatus.INPUT,
  UNSAFE_PATH: ExitStatus.INPUT,
  FILE_UNREADABLE: ExitStatus.INPUT,
  PACKAGE_DB_INVALID: ExitStatus.INPUT,
  CONFIG_INVALID: ExitStatus.INPUT,
  POLICY_INVALID: ExitStatus.INPUT,
  VERSION_INVALID: ExitStatus.INPUT,
  REGISTRY_UNAUTHORIZED: ExitStatus.NETWORK,
  REGISTRY_UNREACHABLE: ExitStatus.NETWORK,
  REGISTRY_PROTOCOL: ExitStatus.NETWORK,
  FEED_UNAVAILABLE: ExitStatus.NETWORK,
  FEED_INVALID: ExitStatus.DATABASE,
  DB_MISSING: ExitStatus.DATABASE,
  DB_STALE: ExitStatus.DATABASE,
  DB_CORRUPT: ExitStatus.DATABASE,
  DB_LOCKED: ExitStatus.DATABASE,
  WRITE_FAILED: ExitStatus.WRITE,
  INTERNAL: ExitStatus.INTERNAL,
};

/** The exit status for an error code. */
export function exitStatusFor(code: ErrorCode): ExitStatusValue {
  return byCode[code];
}
