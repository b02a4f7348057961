import { VigiaError } from '../core/errors.js';
import {
  MAX_CONFIG_BYTES,
  MAX_MANIFEST_BYTES,
  alignHistory,
  checkLayerCount,
  configPlatform,
  sha256Digest,
} from './config.js';
import { parseConfig } from './config.js';
import { type LayerOrigin, MediaTypes } from './media-types.js';
import { checkPlatform } from './platform.js';
import { DockerManifestSchema, parseDocument } from './schemas.js';
import type { BlobStore } from './store/types.js';
import type { LayerRef, OpenedImage, Platform } from './types.js';

/** What selects one image in a docker-archive. */
export interface DockerArchiveSelection {
  /** A RepoTag (`alpine:3.10`, `docker.io/library/alpine:3.10`); default: the first image. */
  ref?: string;
  /** An explicit `--platform`: the image must be for it. */
  platform?: Platform;
}

/** Blob paths that name their own digest (Docker ≥ 25 writes `blobs/sha256/<hex>`). */
const DIGEST_PATH = /^blobs\/(sha256)\/([a-f0-9]{64})$/;
/** Legacy config names: `<hex>.json`, the sha256 of the config. */
const CONFIG_NAME = /^([a-f0-9]{64})\.json$/;

/**
 * Open one image of a `docker save` archive: `manifest.json` → Config + Layers + RepoTags.
 * Layer paths may be symlinks inside the archive (skopeo writes `<id>/layer.tar -> ../<diffid>.tar`);
 * they are resolved inside the archive.
 *
 * Digests: the legacy format carries no blob digest for layers, so those layers get
 * `digest = diffID` (true when the layer file is an uncompressed tar, as `docker save` writes
 * it) and `verifyDigest: false`; the diffID is still checked while walking. Docker ≥ 25 archives
 * name layers `blobs/sha256/<hex>`, and those digests are verified.
 */
export async function readDockerArchive(
  store: BlobStore,
  origin: LayerOrigin,
  selection: DockerArchiveSelection,
): Promise<OpenedImage> {
  const label = store.label;
  if ((await store.size('manifest.json')) === undefined) {
    throw new VigiaError('IMAGE_INVALID', `${label}: not a docker-archive (no manifest.json)`);
  }
  const manifest = parseDocument(
    DockerManifestSchema,
    await store.read('manifest.json', MAX_MANIFEST_BYTES),
    `${label}: manifest.json`,
  );
  const entry = selection.ref
    ? manifest.find((m) => (m.RepoTags ?? []).some((t) => sameTag(t, selection.ref as string)))
    : manifest[0];
  if (!entry) {
    const tags = manifest.flatMap((m) => m.RepoTags ?? []);
    throw new VigiaError(
      'IMAGE_NOT_FOUND',
      `${label}: no image tagged "${selection.ref}"; available tags: ${tags.length ? tags.join(', ') : '(none)'}`,
    );
  }
  const configPath = entry.Config;
  if ((await store.size(configPath)) === undefined) {
    throw new VigiaError('BLOB_MISSING', `${label}: config ${configPath} is missing`);
  }
  const configBytes = await store.read(configPath, MAX_CONFIG_BYTES);
  const configDigest = sha256Digest(configBytes);
  const named = namedDigest(configPath, CONFIG_NAME) ?? namedDigest(configPath, DIGEST_PATH);
  if (named && named !== configDigest) {
    throw new VigiaError('DIGEST_MISMATCH', `${label}: config ${configPath} hashes to ${configDigest}`);
  }
  const config = parseConfig(configBytes, `${label}: config ${configPath}`);
  checkLayerCount(config, entry.Layers.length, `${label}: manifest.json`);
  const platform = configPlatform(config);
  checkPlatform(selection.platform, platform, label);
  const history = alignHistory(config.history, entry.Layers.length);
  const paths: string[] = [];
  const layers: LayerRef[] = [];
  for (const [index, path] of entry.Layers.entries()) {
    const size = await store.size(path);
    if (size === undefined) {
      throw new VigiaError('BLOB_MISSING', `${label}: layer ${index} file ${path} is missing`);
    }
    const diffID = config.rootfs.diff_ids[index] ?? '';
    const digest = namedDigest(path, DIGEST_PATH);
    const layer: LayerRef = {
      index,
      digest: digest ?? diffID,
      verifyDigest: digest !== undefined,
      diffID,
      mediaType: MediaTypes.dockerLayer,
      compression: 'none',
      size,
    };
    const h = history[index];
    if (h) layer.history = h;
    layers.push(layer);
    paths.push(path);
  }
  return {
    source: origin.source,
    name: origin.name,
    repoTags: entry.RepoTags ?? [],
    configDigest,
    platform,
    config,
    layers,
    openLayer: (layer) => {
      const path = paths[layer.index];
      if (path === undefined) throw new VigiaError('INTERNAL', `${label}: no layer ${layer.index}`);
      return store.open(path);
    },
    close: () => store.close(),
  };
}

function namedDigest(path: string, pattern: RegExp): string | undefined {
  const m = pattern.exec(path.replace(/^\.\//, ''));
  if (!m) return undefined;
  return m.length === 3 ? `${m[1]}:${m[2]}` : `sha256:${m[1]}`;
}

/** `alpine:3.10` and `docker.io/library/alpine:3.10` name the same image. */
function sameTag(a: string, b: string): boolean {
  return normaliseTag(a) === normaliseTag(b);
}

function normaliseTag(tag: string): string {
  let t = tag;
  if (!/:[^/]+$/.test(t)) t = `${t}:latest`;
  const first = t.split('/')[0] ?? '';
  const hasHost = t.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasHost) t = `docker.io/${t}`;
  if (/^docker\.io\/[^/]+:[^/]+$/.test(t)) t = t.replace('docker.io/', 'docker.io/library/');
  return t;
}
