import { VigiaError } from '../core/errors.js';
import { MAX_CONFIG_BYTES, MAX_MANIFEST_BYTES, configPlatform, digestLike, parseConfig } from './config.js';
import { checkConfigMediaType, manifestLayers } from './manifest.js';
import { checkPlatform, entryPlatform, isAttestation, selectPlatformEntry } from './platform.js';
import {
  type Descriptor,
  IndexSchema,
  ManifestSchema,
  OciLayoutSchema,
  type OciIndex,
  type OciManifest,
  parseDocument,
} from './schemas.js';
import type { BlobStore } from './store/types.js';
import type { LayerOrigin } from './media-types.js';
import type { OpenedImage, Platform } from './types.js';

/** What selects one image in an OCI layout. */
export interface OciSelection {
  /** `org.opencontainers.image.ref.name` wanted; default: the first manifest of `index.json`. */
  ref?: string;
  /** Platform wanted (explicit `--platform`); default: the host's, when there is a choice. */
  platform?: Platform;
}

const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';
const MAX_NESTING = 4;

/** The path of a blob in an OCI layout. */
export function blobPath(digest: string): string {
  return `blobs/${digest.replace(':', '/')}`;
}

/**
 * Open one image of an OCI image layout (image-spec `image-layout.md`): `index.json` → (image
 * indexes, nested, chosen by platform) → manifest → config and layers. Every JSON document is
 * validated and every small blob's digest checked; layer blobs must exist (their digests are
 * checked while walking).
 */
export async function readOciLayout(
  store: BlobStore,
  origin: LayerOrigin,
  selection: OciSelection,
): Promise<OpenedImage> {
  const label = store.label;
  if ((await store.size('oci-layout')) === undefined) {
    throw new VigiaError('IMAGE_INVALID', `${label}: not an OCI image layout (no oci-layout file)`);
  }
  parseDocument(OciLayoutSchema, await store.read('oci-layout', 64 * 1024), `${label}: oci-layout`);
  if ((await store.size('index.json')) === undefined) {
    throw new VigiaError('IMAGE_INVALID', `${label}: not an OCI image layout (no index.json)`);
  }
  const top = parseDocument(
    IndexSchema,
    await store.read('index.json', MAX_MANIFEST_BYTES),
    `${label}: index.json`,
  );
  const named = selectByRef(top, selection.ref, label);
  let descriptor = selectDescriptor(named, selection.platform, label);
  const repoTags = refNames(descriptor);
  let indexDigest: string | undefined;
  let manifest: OciManifest | undefined;
  for (let depth = 0; depth < MAX_NESTING && !manifest; depth++) {
    const bytes = await readBlob(store, descriptor, MAX_MANIFEST_BYTES, 'manifest');
    const what = `${label}: manifest ${descriptor.digest}`;
    if (isIndex(descriptor, bytes)) {
      const index = parseDocument(IndexSchema, bytes, what);
      indexDigest = descriptor.digest;
      descriptor = selectDescriptor(index.manifests, selection.platform, label, true);
    } else {
      manifest = parseDocument(ManifestSchema, bytes, what);
    }
  }
  if (!manifest) throw new VigiaError('IMAGE_INVALID', `${label}: image indexes nested too deeply`);

  const configDescriptor = manifest.config;
  checkConfigMediaType(configDescriptor.mediaType, label);
  const configBytes = await readBlob(store, configDescriptor, MAX_CONFIG_BYTES, 'config');
  const config = parseConfig(configBytes, `${label}: config ${configDescriptor.digest}`);
  const layers = manifestLayers(manifest.layers, config, `${label}: manifest ${descriptor.digest}`);
  const platform = entryPlatform(descriptor) ?? configPlatform(config);
  checkPlatform(selection.platform, platform, label);
  for (const layer of layers) {
    if ((await store.size(blobPath(layer.digest))) === undefined) {
      throw new VigiaError('BLOB_MISSING', `${label}: layer ${layer.index} blob ${layer.digest} is missing`);
    }
  }
  const image: OpenedImage = {
    source: origin.source,
    name: origin.name,
    repoTags,
    manifestDigest: descriptor.digest,
    configDigest: configDescriptor.digest,
    platform,
    config,
    layers,
    openLayer: (layer) => store.open(blobPath(layer.digest)),
    close: () => store.close(),
  };
  if (indexDigest) image.indexDigest = indexDigest;
  return image;
}

function refNames(d: Descriptor): string[] {
  const names = [d.annotations?.[CONTAINERD_NAME], d.annotations?.[REF_NAME]].filter(
    (n): n is string => typeof n === 'string' && n.length > 0,
  );
  return [...new Set(names)];
}

/** The manifests of `index.json` carrying `ref` (all of them when no ref is asked for). */
function selectByRef(index: OciIndex, ref: string | undefined, label: string): Descriptor[] {
  if (index.manifests.length === 0) {
    throw new VigiaError('IMAGE_INVALID', `${label}: index.json lists no manifest`);
  }
  if (ref === undefined) return index.manifests;
  const found = index.manifests.filter((d) => {
    const name = d.annotations?.[REF_NAME];
    const full = d.annotations?.[CONTAINERD_NAME];
    return name === ref || full === ref || (full !== undefined && full.endsWith(`:${ref}`));
  });
  if (found.length > 0) return found;
  const available = index.manifests.flatMap(refNames);
  throw new VigiaError(
    'IMAGE_NOT_FOUND',
    `${label}: no image with ref "${ref}"; available refs: ${available.length ? available.join(', ') : '(none)'}`,
  );
}

/**
 * Pick one descriptor by platform (explicit `--platform`, else the host's). In `index.json`, a
 * single image is taken whatever its platform unless one was asked for; inside an image index a
 * platform must fit.
 */
function selectDescriptor(
  candidates: Descriptor[],
  wanted: Platform | undefined,
  label: string,
  isPlatformIndex = false,
): Descriptor {
  const images = candidates.filter((d) => !isAttestation(d));
  if (!isPlatformIndex && !wanted && images.length === 1) return images[0] as Descriptor;
  return selectPlatformEntry(candidates, wanted, label);
}

function isIndex(d: Descriptor, bytes: Buffer): boolean {
  if (d.mediaType?.includes('index') || d.mediaType?.includes('manifest.list')) return true;
  if (d.mediaType) return false;
  // No media type on the descriptor: look at the document itself.
  try {
    const doc = JSON.parse(bytes.toString('utf8')) as { manifests?: unknown };
    return Array.isArray(doc.manifests);
  } catch {
    return false;
  }
}

/** Read a small blob, checking its size and digest against the descriptor. */
async function readBlob(store: BlobStore, d: Descriptor, maxBytes: number, kind: string): Promise<Buffer> {
  const path = blobPath(d.digest);
  if ((await store.size(path)) === undefined) {
    throw new VigiaError('BLOB_MISSING', `${store.label}: ${kind} blob ${d.digest} is missing`);
  }
  const bytes = await store.read(path, maxBytes);
  const actual = digestLike(d.digest, bytes);
  if (actual !== d.digest) {
    throw new VigiaError('DIGEST_MISMATCH', `${store.label}: ${kind} blob ${d.digest} hashes to ${actual}`);
  }
  return bytes;
}
