/**
 * The one interface every version scheme implements. The matcher and the advisory store call
 * only this; each scheme lives in its own folder and is listed in `registry.ts`.
 */

/** Ids of the version schemes, as used in the ecosystem table (`src/core/ecosystems.ts`). */
export const SCHEME_IDS = [
  'apk',
  'deb',
  'rpm',
  'semver',
  'go',
  'pep440',
  'maven',
  'rubygems',
  'nuget',
  'composer',
] as const;

/** A version scheme id. */
export type SchemeId = (typeof SCHEME_IDS)[number];

/** A total order on one ecosystem's version strings. */
export interface VersionScheme {
  readonly id: SchemeId;
  /** True when `version` is a well-formed version of this scheme. Never throws. */
  isValid(version: string): boolean;
  /**
   * <0, 0 or >0 as `a` sorts before, equal to or after `b`. Throws
   * `VigiaError('VERSION_INVALID', '<scheme> version "x": <why>')` when either is invalid.
   */
  compare(a: string, b: string): number;
}
