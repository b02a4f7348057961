import { createReadStream } from 'node:fs';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar, { type Header } from 'tar-stream';
import type { EntryHeader, HistoryEntry, ImageConfig } from '../../image/types.js';

/**
 * Test helper: stream the layers of a fixture image (an OCI-layout tar with a ref, or a
 * docker-archive `.tar`/`.tar.gz`) without the image module and without writing to disk. Layer
 * blobs are gunzipped (when gzip) and parsed with tar-stream as they are read from the outer
 * archive; each entry's content reaches `visit` as the chunks tar-stream produces.
 */
export type FixtureVisitor = (layer: number, header: EntryHeader, body: AsyncIterable<Buffer>) => Promise<void>;

/** The config and layer order of a fixture image. */
export interface FixtureImage {
  config: ImageConfig;
  /** Outer-archive entry names of the layers, in layer order. */
  layerNames: string[];
  /** Whether each layer blob is gzip-compressed (from the manifest's media type). */
  gzip: boolean[];
}

/** Read the config and layer list of a fixture image (first pass over the outer archive). */
export async function readFixtureImage(imagePath: string, ref?: string): Promise<FixtureImage> {
  const json = new Map<string, Buffer>();
  for await (const entry of outerEntries(imagePath)) {
    const { name, type, size } = entry.header;
    if (type === 'file' && size < 1024 * 1024) json.set(normalName(name), await drain(entry));
    else entry.resume();
  }
  const parse = (name: string): unknown => {
    const buf = json.get(name);
    if (!buf) throw new Error(`${imagePath}: ${name} not found`);
    return JSON.parse(buf.toString('utf8')) as unknown;
  };
  const blob = (digest: string) => `blobs/${digest.replace(':', '/')}`;
  if (json.has('index.json')) {
    const index = parse('index.json') as {
      manifests: Array<{ digest: string; annotations?: Record<string, string> }>;
    };
    const chosen = index.manifests.find(
      (m) => !ref || m.annotations?.['org.opencontainers.image.ref.name'] === ref,
    );
    if (!chosen) throw new Error(`${imagePath}: no manifest for ref ${ref}`);
    const manifest = parse(blob(chosen.digest)) as {
      config: { digest: string };
      layers: Array<{ digest: string; mediaType: string }>;
    };
    return {
      config: toImageConfig(parse(blob(manifest.config.digest))),
      layerNames: manifest.layers.map((l) => blob(l.digest)),
      gzip: manifest.layers.map((l) => l.mediaType.endsWith('gzip')),
    };
  }
  const [manifest] = parse('manifest.json') as Array<{ Config: string; Layers: string[] }>;
  if (!manifest) throw new Error(`${imagePath}: empty manifest.json`);
  return {
    config: toImageConfig(parse(manifest.Config)),
    layerNames: manifest.Layers.map(normalName),
    gzip: manifest.Layers.map(() => false),
  };
}

/**
 * Walk every entry of every layer (in the outer archive's order, which need not be layer order),
 * calling `visit` with the layer index. Returns the image's config and layer list.
 */
export async function walkFixtureLayers(
  imagePath: string,
  ref: string | undefined,
  visit: FixtureVisitor,
): Promise<FixtureImage> {
  const image = await readFixtureImage(imagePath, ref);
  for await (const entry of outerEntries(imagePath)) {
    const index = image.layerNames.indexOf(normalName(entry.header.name));
    if (index < 0) {
      entry.resume();
      continue;
    }
    const layer = image.gzip[index] ? entry.pipe(createGunzip()) : entry;
    await walkLayerTar(layer, (header, body) => visit(index, header, body));
  }
  return image;
}

/** Walk one (uncompressed) layer tar stream. */
export async function walkLayerTar(
  stream: Readable,
  visit: (header: EntryHeader, body: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  const extract = tar.extract();
  stream.pipe(extract);
  for await (const entry of extract) {
    await visit(toEntryHeader(entry.header), entry as AsyncIterable<Buffer>);
    entry.resume();
  }
}

/** Map a tar-stream header to vigia's EntryHeader (path normalised, whiteouts recognised). */
export function toEntryHeader(h: Header): EntryHeader {
  const path = posix.normalize(`/${h.name}`).replace(/\/+$/, '') || '/';
  const base = posix.basename(path);
  const dir = posix.dirname(path);
  const common = { path, mode: h.mode ?? 0, uid: h.uid ?? 0, gid: h.gid ?? 0, size: h.size ?? 0 };
  if (base === '.wh..wh..opq') return { ...common, type: 'opaque', target: dir };
  if (base.startsWith('.wh.')) return { ...common, type: 'whiteout', target: posix.join(dir, base.slice(4)) };
  const types: Record<string, EntryHeader['type']> = {
    file: 'file',
    'contiguous-file': 'file',
    directory: 'dir',
    symlink: 'symlink',
    link: 'hardlink',
  };
  const header: EntryHeader = { ...common, type: types[h.type ?? ''] ?? 'other' };
  if (h.linkname) header.linkTarget = h.type === 'link' ? posix.normalize(`/${h.linkname}`) : h.linkname;
  return header;
}

function toImageConfig(raw: unknown): ImageConfig {
  const c = raw as {
    architecture: string;
    os: string;
    config?: ImageConfig['config'];
    rootfs: ImageConfig['rootfs'];
    history?: Array<{ created?: string; created_by?: string; comment?: string; empty_layer?: boolean }>;
  };
  const history: HistoryEntry[] = (c.history ?? []).map((h) => {
    const entry: HistoryEntry = { emptyLayer: Boolean(h.empty_layer) };
    if (h.created) entry.created = h.created;
    if (h.created_by) entry.createdBy = h.created_by;
    if (h.comment) entry.comment = h.comment;
    return entry;
  });
  return { architecture: c.architecture, os: c.os, config: c.config ?? {}, rootfs: c.rootfs, history };
}

async function* outerEntries(imagePath: string): AsyncGenerator<OuterEntry> {
  const extract = tar.extract();
  const file = createReadStream(imagePath);
  (imagePath.endsWith('.gz') ? file.pipe(createGunzip()) : file).pipe(extract);
  for await (const entry of extract) yield entry as unknown as OuterEntry;
}

async function drain(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
}

type OuterEntry = AsyncIterable<Buffer> & Readable & { header: Header };

function normalName(name: string): string {
  return posix.normalize(name).replace(/^\.\//, '');
}
