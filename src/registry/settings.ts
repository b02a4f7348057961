import { z } from 'zod';
import { findConfigFile, loadSourceFile, validateSection, type SourceFile } from '../config/load.js';
import { DOCKER_HUB } from './reference.js';

const hostSchema = z
  .string()
  .regex(/^(?:[a-zA-Z0-9.-]+|\[[0-9a-fA-F:.]+\])(?::\d+)?$/, 'expected host[:port]');
const mirrorSchema = z
  .string()
  .regex(
    /^(?:[a-zA-Z0-9.-]+|\[[0-9a-fA-F:.]+\])(?::\d+)?(?:\/[a-z0-9._/-]+)?$/,
    'expected host[:port][/path-prefix]',
  );

/** The `registry:` section of the config file. */
export const registryConfigSchema = z.strictObject({
  /** Pull `<registry>/...` through these mirrors, in order: `{ "docker.io": ["mirror.corp:5000"] }`. */
  mirrors: z.record(z.string(), z.array(mirrorSchema).min(1)).optional(),
  /**
   * After every mirror of a registry failed, try the registry itself. Default false: an
   * organisation that configures mirrors wants its scans never to reach the origin.
   */
  allowOrigin: z.boolean().optional(),
  /** Hosts that may use plain HTTP or unverified TLS (test and internal registries). */
  insecure: z.array(hostSchema).optional(),
  /** Extra CA bundle (PEM) trusted for every registry; `--ca-file` wins. */
  caFile: z.string().optional(),
});

/** Validated `registry:` settings. */
export type RegistryConfig = z.output<typeof registryConfigSchema>;

/** Validate the `registry:` section of a loaded config file (`file:line` errors). */
export function registryConfigFrom(file: SourceFile | undefined): RegistryConfig | undefined {
  return validateSection(file, 'registry', registryConfigSchema);
}

/**
 * Load the `registry:` section from the config file: `explicitPath`, else `$VIGIA_CONFIG`, else
 * `vigia.yaml`/`.yml`/`.json` in `cwd` (see `findConfigFile`). Undefined when there is no file.
 */
export async function loadRegistryConfig(
  cwd: string,
  env: NodeJS.ProcessEnv,
  explicitPath?: string,
): Promise<RegistryConfig | undefined> {
  const path = findConfigFile(cwd, env, explicitPath);
  if (!path) return undefined;
  return registryConfigFrom(await loadSourceFile(path));
}

/** One place to pull from: a host and a repository path prefix (for path-based proxy caches). */
export interface PullEndpoint {
  host: string;
  /** Prepended to the repository, e.g. `dockerhub-proxy` → `dockerhub-proxy/library/alpine`. */
  prefix: string;
  mirror: boolean;
}

/**
 * Where to pull `registry` from: its mirrors in order, then the registry itself unless mirrors
 * exist and `allowOrigin` is not true. Docker Hub's API lives on `registry-1.docker.io`.
 */
export function pullEndpoints(
  registry: string,
  config: RegistryConfig | undefined,
  apiHost: string,
): PullEndpoint[] {
  const mirrors =
    config?.mirrors?.[registry] ??
    (registry === DOCKER_HUB ? config?.mirrors?.['index.docker.io'] : undefined) ??
    [];
  const out: PullEndpoint[] = mirrors.map((m) => {
    const slash = m.indexOf('/');
    return slash < 0
      ? { host: m, prefix: '', mirror: true }
      : { host: m.slice(0, slash), prefix: m.slice(slash + 1).replace(/\/+$/, ''), mirror: true };
  });
  if (out.length === 0 || config?.allowOrigin === true)
    out.push({ host: apiHost, prefix: '', mirror: false });
  return out;
}
