import { createReadStream } from 'node:fs';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import type { EntryHeader } from '../image/types.js';

/** A file read out of one layer of a fixture image (tests only: everything stays in memory). */
export interface ImageFile {
  /** 0-based layer index. */
  layer: number;
  /** Absolute path inside the image, e.g. `/var/lib/dpkg/status`. */
  path: string;
  type: 'file' | 'symlink' | 'other';
  linkTarget?: string;
  mode: number;
  size: number;
  content: Buffer;
}

/**
 * Reads the files whose absolute path satisfies `want` from every layer of a fixture image
 * (docker-archive `.tar`/`.tar.gz` or OCI-layout tar), in layer order. For OCI layouts with
 * several refs, `ref` picks the manifest by its `org.opencontainers.image.ref.name`; an image
 * index is resolved to its first linux/amd64 manifest. Whiteouts are not applied. This is a test
 * helper to get real files out of the fixtures without the image module; it never touches disk.
 */
export async function readImageFiles(
  imagePath: string,
  want: (path: string) => boolean,
  ref?: string,
): Promise<ImageFile[]> {
  const small = new Map<string, Buffer>();
  const links = new Map<string, string>();
  for await (const entry of outerEntries(imagePath)) {
    const { name, type, size, linkname } = entry.header;
    if (type === 'symlink' && linkname) links.set(name, posix.join(posix.dirname(name), linkname));
    if (type === 'file' && (size ?? 0) < 1024 * 1024) small.set(name, await drain(entry));
    else entry.resume();
  }
  const layerNames = layersOf(small, ref).map((n) => links.get(n) ?? n);
  const out: ImageFile[] = [];
  for await (const entry of outerEntries(imagePath)) {
    const index = layerNames.indexOf(entry.header.name);
    if (index < 0) {
      entry.resume();
      continue;
    }
    const blob = await drain(entry);
    out.push(...(await filesOfLayer(blob, index, want)));
  }
  return out.sort((a, b) => a.layer - b.layer);
}

type Entry = ReturnType<typeof tarExtract> extends AsyncIterable<infer E> ? E : never;

async function* outerEntries(imagePath: string): AsyncGenerator<Entry> {
  const extract = tarExtract();
  const file = createReadStream(imagePath);
  (imagePath.endsWith('.gz') ? file.pipe(createGunzip()) : file).pipe(extract);
  for await (const entry of extract) yield entry;
}

async function drain(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface OciDescriptor {
  digest: string;
  mediaType?: string;
  platform?: { os?: string; architecture?: string };
  annotations?: Record<string, string>;
}

function layersOf(small: Map<string, Buffer>, ref: string | undefined): string[] {
  const dockerManifest = small.get('manifest.json');
  if (dockerManifest) {
    const list = JSON.parse(dockerManifest.toString('utf8')) as Array<{
      Layers: string[];
      RepoTags?: string[];
    }>;
    const picked = list.find((m) => ref === undefined || (m.RepoTags ?? []).some((t) => t.endsWith(ref)));
    if (!picked) throw new Error(`no manifest for ${ref ?? '(first)'}`);
    return picked.Layers;
  }
  const blob = (digest: string) => {
    const b = small.get(`blobs/${digest.replace(':', '/')}`);
    if (!b) throw new Error(`blob ${digest} missing`);
    return JSON.parse(b.toString('utf8')) as { manifests?: OciDescriptor[]; layers?: OciDescriptor[] };
  };
  const index = JSON.parse((small.get('index.json') ?? Buffer.from('{}')).toString('utf8')) as {
    manifests?: OciDescriptor[];
  };
  const top = (index.manifests ?? []).find(
    (m) => ref === undefined || m.annotations?.['org.opencontainers.image.ref.name'] === ref,
  );
  if (!top) throw new Error(`no manifest for ${ref ?? '(first)'}`);
  let manifest = blob(top.digest);
  if (manifest.manifests) {
    const amd64 = manifest.manifests.find((m) => m.platform?.architecture === 'amd64');
    if (!amd64) throw new Error('no linux/amd64 manifest');
    manifest = blob(amd64.digest);
  }
  return (manifest.layers ?? []).map((l) => `blobs/${l.digest.replace(':', '/')}`);
}

async function filesOfLayer(
  blob: Buffer,
  layer: number,
  want: (path: string) => boolean,
): Promise<ImageFile[]> {
  const gzip = blob[0] === 0x1f && blob[1] === 0x8b;
  const extract = tarExtract();
  const source = Readable.from([blob]);
  (gzip ? source.pipe(createGunzip()) : source).pipe(extract);
  const out: ImageFile[] = [];
  for await (const entry of extract) {
    const h = entry.header;
    const path = posix.join('/', h.name);
    if (!want(path)) {
      entry.resume();
      continue;
    }
    const type = h.type === 'file' ? 'file' : h.type === 'symlink' ? 'symlink' : 'other';
    const file: ImageFile = {
      layer,
      path,
      type,
      mode: h.mode ?? 0,
      size: h.size ?? 0,
      content: await drain(entry),
    };
    if (h.linkname) file.linkTarget = h.linkname;
    out.push(file);
  }
  return out;
}

/** The layer walker's header for a file read by `readImageFiles`. */
export function toEntryHeader(file: ImageFile): EntryHeader {
  const header: EntryHeader = {
    path: file.path,
    type: file.type,
    mode: file.mode,
    uid: 0,
    gid: 0,
    size: file.size,
  };
  if (file.linkTarget !== undefined) header.linkTarget = file.linkTarget;
  return header;
}

/** A regular-file header for a path and its content, for analyzer unit tests. */
export function fileHeader(path: string, content: Buffer | string): EntryHeader {
  return { path, type: 'file', mode: 0o644, uid: 0, gid: 0, size: Buffer.byteLength(content) };
}
