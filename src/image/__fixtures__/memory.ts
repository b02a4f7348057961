// Small real tars built in memory with tar-stream, served as an image whose layers are those
// bytes. For unit cases on top of the fixture-image tests.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { Compression, LayerRef, OpenedImage } from '../types.js';

export interface TarItem {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
}

/** A tar archive of `items`, in order. */
export async function tarOf(items: TarItem[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const item of items) {
    const type = item.type ?? 'file';
    const header = { name: item.name, type, mode: item.mode ?? 0o644, mtime: new Date(0) };
    if (type === 'file') pack.entry(header, item.content ?? '');
    else pack.entry(item.linkname === undefined ? header : { ...header, linkname: item.linkname });
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/**
 * An image whose layer i is `blobs[i]` (stored bytes), with diffIDs `diffIDs[i]` (default: the
 * sha256 of the blob, right for uncompressed blobs). `chunk` splits the stored stream.
 */
export function memoryImage(
  blobs: Buffer[],
  options: { diffIDs?: string[]; digests?: string[]; compression?: Compression; chunk?: number } = {},
): OpenedImage {
  const layers: LayerRef[] = blobs.map((b, index) => ({
    index,
    digest: options.digests?.[index] ?? sha256(b),
    verifyDigest: true,
    diffID: options.diffIDs?.[index] ?? sha256(b),
    mediaType: 'application/vnd.oci.image.layer.v1.tar',
    compression: options.compression ?? 'none',
    size: b.length,
  }));
  const chunk = options.chunk ?? 64 * 1024;
  return {
    source: 'oci-layout',
    name: 'memory',
    repoTags: [],
    configDigest: 'sha256:0',
    platform: { os: 'linux', architecture: 'amd64' },
    config: {
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffID) },
      history: [],
    },
    layers,
    async openLayer(layer) {
      const blob = blobs[layer.index] ?? Buffer.alloc(0);
      const parts: Buffer[] = [];
      for (let i = 0; i < blob.length; i += chunk) parts.push(blob.subarray(i, i + chunk));
      return Readable.from(parts);
    },
    async close() {},
  };
}
