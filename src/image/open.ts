import { stat } from 'node:fs/promises';
import { VigiaError } from '../core/errors.js';
import type { RegistryOptions } from '../registry/index.js';
import { readDockerArchive } from './docker-archive.js';
import type { LayerOrigin } from './media-types.js';
import { readOciLayout } from './oci.js';
import { type ImageReference, displayPath, formatReference, parseReference } from './reference.js';
import { openRootfsDir } from './rootfs.js';
import { sniffFile } from './sniff.js';
import { fileError, openDirStore } from './store/dir.js';
import { openGzipTar } from './store/tar-gzip.js';
import { openTarFile } from './store/tar-file.js';
import type { BlobStore } from './store/types.js';
import type { OpenedImage, OpenOptions } from './types.js';

/**
 * Open an image from any source: a reference string (parsed with {@link parseReference}) or a
 * parsed {@link ImageReference}. Registry references go to `openRegistryImage`. The returned
 * image must be closed.
 */
export async function openImage(
  input: string | ImageReference,
  options: OpenOptions & RegistryOptions = {},
): Promise<OpenedImage> {
  const ref = typeof input === 'string' ? parseReference(input) : input;
  const name = typeof input === 'string' ? input.trim() : formatReference(ref);
  const status = (message: string) => options.onProgress?.({ kind: 'status', message });
  switch (ref.kind) {
    case 'registry': {
      // Loaded on use: the HTTP client stack costs start-up time that local images never need.
      const { openRegistryImage } = await import('../registry/index.js');
      return openRegistryImage(ref.reference, options);
    }
    case 'dir':
      status(`reading ${displayPath(ref.path)}`);
      return openRootfsDir(ref.path, { source: 'dir', name });
    case 'oci-layout': {
      await requireDirectory(ref.path);
      const store = openDirStore(displayPath(ref.path));
      return withStore(store, () =>
        readOciLayout(store, { source: 'oci-layout', name }, selection(ref, options)),
      );
    }
    case 'oci-archive':
    case 'docker-archive': {
      status(`indexing ${displayPath(ref.path)}`);
      const store = await openArchive(ref.path);
      const origin: LayerOrigin = { source: ref.kind, name };
      return withStore(store, () => readArchive(store, ref.kind, origin, selection(ref, options)));
    }
  }
}

function selection(ref: { ref?: string }, options: OpenOptions) {
  const out: { ref?: string; platform?: OpenOptions['platform'] } = {};
  if (ref.ref !== undefined) out.ref = ref.ref;
  if (options.platform) out.platform = options.platform;
  return out;
}

/** Close the store when opening the image fails. */
async function withStore(store: BlobStore, open: () => Promise<OpenedImage>): Promise<OpenedImage> {
  try {
    return await open();
  } catch (err) {
    await store.close();
    throw err;
  }
}

/**
 * An archive holds a docker-archive (`manifest.json`) or an OCI layout (`oci-layout`); when it
 * holds both (Docker ≥ 25 `docker save`), the reference's kind decides, else the content does.
 */
async function readArchive(
  store: BlobStore,
  kind: 'oci-archive' | 'docker-archive',
  origin: LayerOrigin,
  sel: { ref?: string; platform?: OpenOptions['platform'] },
): Promise<OpenedImage> {
  const top = new Set(await store.topLevel());
  const hasDocker = top.has('manifest.json');
  const hasOci = top.has('oci-layout');
  if (!hasDocker && !hasOci) {
    throw new VigiaError(
      'IMAGE_INVALID',
      `${store.label}: not an image: the archive has neither manifest.json (docker save) nor oci-layout (OCI layout)`,
    );
  }
  const asOci = hasOci && (kind === 'oci-archive' || !hasDocker);
  return asOci
    ? readOciLayout(store, { ...origin, source: 'oci-archive' }, sel)
    : readDockerArchive(store, { ...origin, source: 'docker-archive' }, sel);
}

/** Index a tar or gzip'd tar archive for reading. */
async function openArchive(path: string): Promise<BlobStore> {
  const label = displayPath(path);
  const sniffed = sniffFile(path);
  if (sniffed.kind === 'other')
    throw new VigiaError('IMAGE_INVALID', `${label}: not an image: ${sniffed.detail}`);
  return sniffed.kind === 'gzip-tar' ? openGzipTar(path, label) : openTarFile(path, label);
}

async function requireDirectory(path: string): Promise<void> {
  try {
    if ((await stat(path)).isDirectory()) return;
  } catch (err) {
    throw fileError(displayPath(path), err);
  }
  throw new VigiaError(
    'FILE_UNREADABLE',
    `${displayPath(path)}: cannot read: not a directory (an OCI layout is a directory; use oci-archive: for a tar)`,
  );
}
