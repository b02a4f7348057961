import { createReadStream } from 'node:fs';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar, { type Header } from 'tar-stream';
import { parseConfig } from '../image/config.js';
import type { EntryHeader, ImageConfig } from '../image/types.js';

/**
 * Test helpers that read fixture images (docker-archive `.tar`/`.tar.gz`, OCI-layout `.tar`)
 * in memory, never writing to disk. Their tar reading is independent of the image module's
 * walker (tar-stream straight over the archive, gzip sniffed), so tests of analyzers and checks
 * do not lean on the code they sit beside; only the config goes through the image module's
 * validated `parseConfig`. Whiteouts are reported as entries, never applied.
 *
 * Image selection, `ref`: a docker-archive image whose RepoTag ends with it (default: the
 * first); an OCI layout manifest whose `org.opencontainers.image.ref.name` is it (default: the
 * first), an image index resolved to its linux/amd64 manifest.
 */

/** A file read out of one layer of a fixture image, as the layer walker would hand it to an analyzer. */
export interface ImageFile {
  /** 0-based layer index. */
  layer: number;
  header: EntryHeader;
  content: Buffer;
}

/** Called for every entry of every layer; `body` is the entry's content as tar-stream yields it. */
export type FixtureVisitor = (
  layer: number,
  header: EntryHeader,
  body: AsyncIterable<Buffer>,
) => Promise<void>;

/** The config and layer order of a fixture image. */
export interface FixtureImage {
  config: ImageConfig;
  /** Outer-archive entry names of the layers, in layer order (archive symlinks resolved). */
  layerNames: string[];
}

/** Read the config and layer list of a fixture image (one pass over the outer archive). */
export async function readFixtureImage(imagePath: string, ref?: string): Promise<FixtureImage> {
  const small = new Map<string, Buffer>();
  const links = new Map<string, string>();
  for await (const entry of outerEntries(imagePath)) {
    const { name, type, size, linkname } = entry.header;
    const key = normalName(name);
    if (type === 'symlink' && linkname) links.set(key, normalName(posix.join(posix.dirname(key), linkname)));
    if (type === 'file' && (size ?? 0) < 1024 * 1024) small.set(key, await drain(entry));
    else entry.resume();
  }
  const read = (name: string): Buffer => {
    const bytes = small.get(name);
    if (!bytes) throw new Error(`${imagePath}: ${name} not found`);
    return bytes;
  };
  const json = (name: string): unknown => JSON.parse(read(name).toString('utf8')) as unknown;
  const { configName, layers } = small.has('manifest.json')
    ? dockerImage(json('manifest.json'), ref, imagePath)
    : ociImage(json, ref, imagePath);
  return {
    config: parseConfig(read(configName), `${imagePath}: ${configName}`),
    layerNames: layers.map((n) => links.get(n) ?? n),
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
    const extract = tar.extract();
    (await uncompressed(entry, `${imagePath}: layer ${index}`)).pipe(extract);
    for await (const inner of extract) {
      await visit(index, toEntryHeader(inner.header), inner as AsyncIterable<Buffer>);
      inner.resume();
    }
  }
  return image;
}

/** Every entry (any type) whose absolute path satisfies `want`, with its content, in layer order. */
export async function readImageFiles(
  imagePath: string,
  want: (path: string) => boolean,
  ref?: string,
): Promise<ImageFile[]> {
  const out: ImageFile[] = [];
  await walkFixtureLayers(imagePath, ref, async (layer, header, body) => {
    if (want(header.path)) out.push({ layer, header, content: await drain(body) });
  });
  return out.sort((a, b) => a.layer - b.layer);
}

/**
 * The regular files at `paths`, each the copy of the top-most layer that holds it (a later
 * layer's copy replaces an earlier one; whiteouts are not applied).
 */
export async function readTopFiles(
  imagePath: string,
  paths: readonly string[],
  ref?: string,
): Promise<Map<string, ImageFile>> {
  const wanted = new Set(paths);
  const files = await readImageFiles(imagePath, (p) => wanted.has(p), ref);
  const top = new Map<string, ImageFile>();
  for (const file of files) if (file.header.type === 'file') top.set(file.header.path, file);
  return top;
}

/** A regular-file header for a path and its content, for analyzer unit tests. */
export function fileHeader(
  path: string,
  content: Buffer | string,
  type: EntryHeader['type'] = 'file',
): EntryHeader {
  return { path, type, mode: 0o644, uid: 0, gid: 0, size: Buffer.byteLength(content) };
}

/** Map a tar-stream header to vigia's EntryHeader (path normalised, whiteouts recognised). */
function toEntryHeader(h: Header): EntryHeader {
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

interface Chosen {
  configName: string;
  /** Outer-archive names of the layer blobs, in order. */
  layers: string[];
}

function dockerImage(manifest: unknown, ref: string | undefined, imagePath: string): Chosen {
  const list = manifest as Array<{ Config: string; Layers: string[]; RepoTags?: string[] | null }>;
  const picked = list.find((m) => ref === undefined || (m.RepoTags ?? []).some((t) => t.endsWith(ref)));
  if (!picked) throw new Error(`${imagePath}: no image tagged ${ref ?? '(first)'}`);
  return { configName: normalName(picked.Config), layers: picked.Layers.map(normalName) };
}

interface OciDescriptor {
  digest: string;
  platform?: { os?: string; architecture?: string };
  annotations?: Record<string, string>;
}

function ociImage(json: (name: string) => unknown, ref: string | undefined, imagePath: string): Chosen {
  const blob = (digest: string) => `blobs/${digest.replace(':', '/')}`;
  const index = json('index.json') as { manifests?: OciDescriptor[] };
  const top = (index.manifests ?? []).find(
    (m) => ref === undefined || m.annotations?.['org.opencontainers.image.ref.name'] === ref,
  );
  if (!top) throw new Error(`${imagePath}: no manifest for ref ${ref ?? '(first)'}`);
  let manifest = json(blob(top.digest)) as {
    manifests?: OciDescriptor[];
    config?: { digest: string };
    layers?: OciDescriptor[];
  };
  if (manifest.manifests) {
    const amd64 = manifest.manifests.find(
      (m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64',
    );
    if (!amd64) throw new Error(`${imagePath}: no linux/amd64 manifest in the index`);
    manifest = json(blob(amd64.digest)) as typeof manifest;
  }
  if (!manifest.config) throw new Error(`${imagePath}: manifest ${top.digest} has no config`);
  return {
    configName: blob(manifest.config.digest),
    layers: (manifest.layers ?? []).map((l) => blob(l.digest)),
  };
}

type OuterEntry = AsyncIterable<Buffer> & Readable & { header: Header };

async function* outerEntries(imagePath: string): AsyncGenerator<OuterEntry> {
  const extract = tar.extract();
  const file = createReadStream(imagePath);
  (imagePath.endsWith('.gz') ? file.pipe(createGunzip()) : file).pipe(extract);
  for await (const entry of extract) yield entry as unknown as OuterEntry;
}

/** The layer tar of a layer blob: gunzipped when it starts with the gzip magic; zstd is refused. */
async function uncompressed(blob: OuterEntry, what: string): Promise<Readable> {
  const chunks = blob[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  while (headBytes < 4) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    headBytes += next.value.length;
  }
  const start = Buffer.concat(head);
  if (start.length >= 4 && start.readUInt32LE(0) === 0xfd2fb528)
    throw new Error(`${what}: zstd layers are not read by this helper`);
  async function* all(): AsyncGenerator<Buffer> {
    if (start.length > 0) yield start;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  }
  const stream = Readable.from(all());
  return start[0] === 0x1f && start[1] === 0x8b ? stream.pipe(createGunzip()) : stream;
}

async function drain(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
}

function normalName(name: string): string {
  return posix.normalize(name).replace(/^\.\//, '');
}
