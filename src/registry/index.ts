import { VigiaError } from '../core/errors.js';
import type { OpenedImage, OpenOptions } from '../image/types.js';

/** Options for pulling from an OCI registry (credentials, TLS, mirrors, timeouts). */
export interface RegistryOptions {
  username?: string;
  password?: string;
  /** Plain HTTP / skip TLS verification for these hosts (or all with `true`). */
  insecure?: boolean | string[];
  caFile?: string;
  /** Layer diffIDs that need not be downloaded (already in the layer-fact cache). */
  skipLayers?: ReadonlySet<string>;
  timeoutMs?: number;
  retries?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Open an image from an OCI registry: `host[:port]/repo:tag`, `repo@sha256:…`, Docker Hub short
 * names. Placeholder until the registry client lands (issue 6): it fails clearly, never silently.
 */
export async function openRegistryImage(
  reference: string,
  _options: OpenOptions & RegistryOptions,
): Promise<OpenedImage> {
  throw new VigiaError('BAD_REFERENCE', `${reference}: registry references are not supported yet`);
}
