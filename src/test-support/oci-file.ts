import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import type { EntryHeader } from '../image/types.js';

/** A regular file read from a fixture image, as the layer walker would hand it to an analyzer. */
export interface ImageFile {
  header: EntryHeader;
  content: Buffer;
  /** Index of the layer it came from. */
  layer: number;
}

type Visit = (name: string, header: tar.Header, stream: Readable) => Promise<Buffer | undefined>;

async function walkTar(input: Readable, visit: Visit): Promise<void> {
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    visit(header.name, header, stream as unknown as Readable)
      .then(() => {
        stream.resume();
        next();
      })
      .catch((err: unknown) => extract.destroy(err instanceof Error ? err : new Error(String(err))));
  });
  await pipeline(input, extract);
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Test helper: reads the given absolute paths (regular files only) of one image of an OCI-layout
 * tar into memory, without writing anything to disk. Gzip layers only; whiteouts are ignored
 * (a later layer's copy of a path replaces an earlier one). `ref` selects the manifest by its
 * `org.opencontainers.image.ref.name` annotation.
 */
export async function readOciImageFiles(
  ociTar: string,
  ref: string,
  paths: readonly string[],
): Promise<Map<string, ImageFile>> {
  const small = new Map<string, Buffer>();
  await walkTar(createReadStream(ociTar), async (name, header, stream) => {
    if ((header.size ?? 0) < 1024 * 1024) small.set(name, await collect(stream));
    return undefined;
  });
  const json = (name: string): unknown => {
    const bytes = small.get(name);
    if (!bytes) throw new Error(`${ociTar}: ${name} not found`);
    return JSON.parse(bytes.toString('utf8'));
  };
  const index = json('index.json') as {
    manifests: { digest: string; annotations?: Record<string, string> }[];
  };
  const desc = index.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === ref);
  if (!desc) throw new Error(`${ociTar}: no manifest for ref ${ref}`);
  const blob = (digest: string) => `blobs/${digest.replace(':', '/')}`;
  const manifest = json(blob(desc.digest)) as { layers: { digest: string }[] };
  const layerIndex = new Map(manifest.layers.map((l, i) => [blob(l.digest), i]));

  const wanted = new Set(paths);
  const found = new Map<string, ImageFile>();
  await walkTar(createReadStream(ociTar), async (name, _header, stream) => {
    const layer = layerIndex.get(name);
    if (layer === undefined) return undefined;
    await walkTar(stream.pipe(createGunzip()), async (entryName, h, entryStream) => {
      const path = `/${entryName.replace(/^\.?\/+/, '')}`.replace(/\/+$/, '');
      if (h.type !== 'file' || !wanted.has(path)) return undefined;
      const previous = found.get(path);
      if (previous && previous.layer > layer) return undefined;
      const content = await collect(entryStream);
      found.set(path, {
        layer,
        content,
        header: {
          path,
          type: 'file',
          mode: h.mode ?? 0,
          uid: h.uid ?? 0,
          gid: h.gid ?? 0,
          size: content.length,
        },
      });
      return undefined;
    });
    return undefined;
  });
  return found;
}
