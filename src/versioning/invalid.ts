import { VigiaError } from '../core/errors.js';

/** The error every scheme throws for a version it cannot parse: names the scheme, the input and why. */
export function invalidVersion(scheme: string, version: string, why: string, cause?: unknown): VigiaError {
  const shown = version.length > 120 ? `${version.slice(0, 117)}...` : version;
  return new VigiaError('VERSION_INVALID', `${scheme} version ${JSON.stringify(shown)}: ${why}`, { cause });
}
