import type { Readable } from 'node:stream';
import { VigiaError, isVigiaError } from '../core/errors.js';
import {
  checkConfigMediaType,
  checkPlatform,
  configPlatform,
  manifestLayers,
  parseConfig,
  selectPlatformEntry,
} from '../image/index.js';
import type { LayerRef, OpenedImage, OpenOptions } from '../image/types.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../net/retry.js';
import { findCredentials } from './auth/credentials.js';
import { AuthSession } from './auth/session.js';
import { RepositoryClient } from './client.js';
import { parseManifest, type ImageManifest } from './manifest.js';
import {
  DOCKER_HUB,
  DOCKER_HUB_API_HOST,
  formatReference,
  parseRegistryReference,
  type RegistryReference,
} from './reference.js';
import { loadRegistryConfig, pullEndpoints, type PullEndpoint, type RegistryConfig } from './settings.js';
import { Transport, type TransferStats } from './transport.js';
import { digestOf, verifyBytes } from './verify.js';

/** Options for pulling from an OCI registry (credentials, TLS, mirrors, timeouts). */
export interface RegistryOptions {
  /** Credentials for every host of this pull (flags); else `$VIGIA_USERNAME/$VIGIA_PASSWORD`, else docker's config. */
  username?: string;
  password?: string;
  /** Plain HTTP / skip TLS verification for these hosts (or all with `true`). Loopback always may. */
  insecure?: boolean | string[];
  /** PEM bundle of extra CAs to trust (on top of Node's roots). */
  caFile?: string;
  /**
   * Layer diffIDs already in the layer-fact cache. Kept for compatibility: opening never touches a
   * blob (no HEAD, no prefetch), so a layer is downloaded only if `openLayer` is called for it.
   */
  skipLayers?: ReadonlySet<string>;
  /** Per-request timeout (connect, headers, idle body), default 60 s. */
  timeoutMs?: number;
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** Backoff tuning; `retries` above wins over `retry.retries`. */
  retry?: Partial<RetryPolicy>;
  env?: NodeJS.ProcessEnv;
  /** The `registry:` settings; when absent they are loaded from `configFile` / `findConfigFile`. */
  config?: RegistryConfig;
  /** Explicit config file (`--config`). */
  configFile?: string;
}

/** An image opened from a registry, with what its pull transferred so far. */
export interface RegistryImage extends OpenedImage {
  source: 'registry';
  reference: RegistryReference;
  /** `host[/prefix]` the image was pulled from (a mirror or the registry itself). */
  endpoint: string;
  /** Live counters: requests and bytes (`layerBytes` stays 0 when no layer was opened). */
  transfer: TransferStats;
}

const PROGRESS_STEP = 256 << 10;

/**
 * Open an image from an OCI registry: `host[:port]/repo:tag`, `repo@sha256:…`, Docker Hub short
 * names. Fetches the manifest (choosing `options.platform`, default the host's, from an index)
 * and the config; layers are streamed only when `openLayer` is called, verified as they flow.
 */
export async function openRegistryImage(
  reference: string,
  options: OpenOptions & RegistryOptions = {},
): Promise<RegistryImage> {
  const ref = parseRegistryReference(reference);
  const env = options.env ?? process.env;
  const config = options.config ?? (await loadRegistryConfig(process.cwd(), env, options.configFile));
  const insecure: boolean | string[] =
    options.insecure === true
      ? true
      : [...(Array.isArray(options.insecure) ? options.insecure : []), ...(config?.insecure ?? [])];
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  if (options.retries !== undefined) retry.retries = options.retries;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const caFile = options.caFile ?? config?.caFile;
  const transport = await Transport.create({ insecure, timeoutMs, retry, ...(caFile ? { caFile } : {}) });
  const auth = new AuthSession(transport, (registry) =>
    findCredentials(registry, {
      username: options.username,
      password: options.password,
      env,
      helperTimeoutMs: timeoutMs,
    }),
  );
  try {
    options.onProgress?.({ kind: 'status', message: `resolving ${formatReference(ref)}` });
    const apiHost = ref.registry === DOCKER_HUB ? DOCKER_HUB_API_HOST : ref.registry;
    const { client, endpoint, fetched } = await firstServing(
      ref,
      pullEndpoints(ref.registry, config, apiHost),
      (ep) => {
        const repository = ep.prefix ? `${ep.prefix}/${ref.repository}` : ref.repository;
        const shown = ep.mirror ? ep.host : ref.registry;
        return new RepositoryClient(transport, auth, ep.host, shown, repository);
      },
    );
    return await resolveImage(ref, client, endpoint, fetched, transport, options);
  } catch (err) {
    await transport.close();
    throw err;
  }
}

type Fetched = Awaited<ReturnType<RepositoryClient['manifest']>>;

/** The first endpoint (mirrors in order, then the origin when allowed) that serves the manifest. */
async function firstServing(
  ref: RegistryReference,
  endpoints: PullEndpoint[],
  clientFor: (ep: PullEndpoint) => RepositoryClient,
): Promise<{ client: RepositoryClient; endpoint: string; fetched: Fetched }> {
  const failures: { endpoint: PullEndpoint; error: VigiaError }[] = [];
  for (const ep of endpoints) {
    const client = clientFor(ep);
    try {
      const fetched = await client.manifest(ref.digest ?? ref.tag ?? 'latest');
      return { client, endpoint: ep.prefix ? `${ep.host}/${ep.prefix}` : ep.host, fetched };
    } catch (err) {
      if (!isVigiaError(err) || (endpoints.length === 1 && !ep.mirror)) throw err;
      failures.push({ endpoint: ep, error: err });
    }
  }
  const code = failures.every((f) => f.error.code === 'IMAGE_NOT_FOUND')
    ? 'IMAGE_NOT_FOUND'
    : (failures.find((f) => f.error.code !== 'IMAGE_NOT_FOUND')?.error.code ?? 'REGISTRY_UNREACHABLE');
  const tried = failures.map((f) => `${f.endpoint.mirror ? 'mirror ' : ''}${f.error.message}`).join('; ');
  const originSkipped = failures.every((f) => f.endpoint.mirror)
    ? ` (origin ${ref.registry} not tried: registry.allowOrigin is not true)`
    : '';
  throw new VigiaError(code, `${formatReference(ref)}: no mirror could serve it: ${tried}${originSkipped}`);
}

async function resolveImage(
  ref: RegistryReference,
  client: RepositoryClient,
  endpoint: string,
  top: Fetched,
  transport: Transport,
  options: OpenOptions & RegistryOptions,
): Promise<RegistryImage> {
  const topWhat = client.describe({ kind: 'manifest', ref: ref.digest ?? ref.tag ?? 'latest' });
  const topDigest = checkManifestDigest(top, ref.digest, topWhat);
  let parsed = parseManifest(top.bytes, top.contentType, topWhat);
  let manifestDigest = topDigest;
  let indexDigest: string | undefined;
  for (let depth = 0; parsed.kind === 'index'; depth++) {
    if (depth >= 2) throw new VigiaError('IMAGE_INVALID', `${topWhat}: image indexes nested too deep`);
    indexDigest ??= manifestDigest;
    const chosen = selectPlatformEntry(parsed.index.manifests, options.platform, topWhat);
    const childWhat = client.describe({ kind: 'manifest', ref: chosen.digest });
    const child = await client.manifest(chosen.digest);
    manifestDigest = checkManifestDigest(child, chosen.digest, childWhat);
    parsed = parseManifest(child.bytes, child.contentType, childWhat);
  }
  const manifest: ImageManifest = parsed.manifest;
  const what = client.describe({ kind: 'manifest', ref: manifestDigest });
  checkConfigMediaType(manifest.config.mediaType, what);
  const configBytes = await client.smallBlob(manifest.config.digest, 'config');
  const config = parseConfig(configBytes, `${what} config`);
  const layers = manifestLayers(manifest.layers, config, what);
  const platform = configPlatform(config);
  // A single-platform image must fit an explicit --platform, as in archives and layouts.
  if (indexDigest === undefined) checkPlatform(options.platform, platform, what);

  const image: RegistryImage = {
    source: 'registry',
    name: formatReference(ref),
    repoTags: ref.tag ? [`${ref.registry}/${ref.repository}:${ref.tag}`] : [],
    manifestDigest,
    configDigest: manifest.config.digest,
    platform,
    config,
    layers,
    reference: ref,
    endpoint,
    transfer: transport.stats,
    openLayer: (layer) => openLayer(client, layers, layer, options),
    close: () => transport.close(),
  };
  if (indexDigest) image.indexDigest = indexDigest;
  return image;
}

async function openLayer(
  client: RepositoryClient,
  layers: LayerRef[],
  layer: LayerRef,
  options: OpenOptions,
): Promise<Readable> {
  const own = layers[layer.index];
  if (!own || own.digest !== layer.digest) {
    throw new VigiaError('INTERNAL', `layer ${layer.index} ${layer.digest} is not a layer of this image`);
  }
  let done = 0;
  let reported = 0;
  const total = own.size;
  return client.blobStream(own.digest, `layer ${own.index}`, own.size, (n) => {
    done += n;
    if (!options.onProgress || (done - reported < PROGRESS_STEP && done !== total)) return;
    reported = done;
    options.onProgress({ kind: 'bytes', layer: own.index, done, ...(total !== undefined ? { total } : {}) });
  });
}

/** The digest of manifest bytes as served; checked against the pinned digest and the header. */
function checkManifestDigest(fetched: Fetched, pinned: string | undefined, what: string): string {
  if (pinned) {
    verifyBytes(fetched.bytes, pinned, what);
    return pinned;
  }
  const actual = digestOf(fetched.bytes, 'sha256:', what);
  const header = fetched.headerDigest;
  if (header?.startsWith('sha256:') && header !== actual) {
    throw new VigiaError(
      'DIGEST_MISMATCH',
      `${what}: manifest hashes to ${actual}, the registry says ${header}`,
    );
  }
  return actual;
}
