// Hostile and broken images for `vigia inspect`, built in a temp dir from the real fixtures
// (copy + modify) or with tar-stream when a real tool would refuse to write them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Extract an OCI archive fixture into `dir` (GNU tar). */
export function extractLayout(archive: string, dir: string): void {
  execFileSync('mkdir', ['-p', dir]);
  execFileSync('tar', ['-xf', archive, '-C', dir]);
}

/** The first manifest of a single-image layout and its parsed JSON. */
function firstManifest(dir: string): { digest: string; manifest: { config: { digest: string; size: number }; layers: { digest: string }[] } } {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
  const digest = index.manifests[0]?.digest ?? '';
  return { digest, manifest: JSON.parse(readFileSync(join(dir, 'blobs/sha256', digest.slice(7)), 'utf8')) };
}

/** The path of the first layer blob of a single-image layout. */
export function firstLayerBlob(dir: string): string {
  const layer = firstManifest(dir).manifest.layers[0]?.digest ?? '';
  return join(dir, 'blobs/sha256', layer.slice(7));
}

/**
 * Rewrite the config of a single-image layout with `mutate`, then re-address the config, the
 * manifest and index.json so that every digest is consistent again (only the diffIDs lie).
 */
export function rewriteConfig(dir: string, mutate: (config: { rootfs: { diff_ids: string[] } }) => void): void {
  const { manifest } = firstManifest(dir);
  const config = JSON.parse(readFileSync(join(dir, 'blobs/sha256', manifest.config.digest.slice(7)), 'utf8'));
  mutate(config);
  const configBytes = Buffer.from(JSON.stringify(config));
  writeFileSync(join(dir, 'blobs/sha256', sha(configBytes)), configBytes);
  manifest.config = { ...manifest.config, digest: `sha256:${sha(configBytes)}`, size: configBytes.length };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  writeFileSync(join(dir, 'blobs/sha256', sha(manifestBytes)), manifestBytes);
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  index.manifests[0] = { ...index.manifests[0], digest: `sha256:${sha(manifestBytes)}`, size: manifestBytes.length };
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
}

interface Item {
  name: string;
  content?: Buffer | string;
  type?: 'file' | 'symlink' | 'directory';
  linkname?: string;
}

/** A tar made by tar-stream (it writes names GNU tar would sanitise, like `../../etc/passwd`). */
export async function tarBytes(items: Item[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const item of items) {
    const header = { name: item.name, type: item.type ?? 'file', mode: 0o644, mtime: new Date(0) };
    if ((item.type ?? 'file') === 'file') pack.entry(header, item.content ?? '');
    else pack.entry(item.linkname === undefined ? header : { ...header, linkname: item.linkname });
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A docker-archive holding one layer (the given tar bytes, stored under `layerPath`). */
export async function dockerArchive(file: string, layer: Buffer, extra: Item[] = [], layerPath = 'abc/layer.tar'): Promise<void> {
  const config = {
    architecture: 'amd64',
    os: 'linux',
    config: {},
    rootfs: { type: 'layers', diff_ids: [`sha256:${sha(layer)}`] },
    history: [{ created_by: 'hostile' }],
  };
  const manifest = [{ Config: 'config.json', RepoTags: ['hostile:1'], Layers: [layerPath] }];
  const items: Item[] = [
    { name: 'manifest.json', content: JSON.stringify(manifest) },
    { name: 'config.json', content: JSON.stringify(config) },
    ...extra,
  ];
  if (!extra.some((e) => e.name === layerPath)) items.push({ name: layerPath, content: layer });
  writeFileSync(file, await tarBytes(items));
}

/** gzip a file's content into another file. */
export function gzipFile(from: string, to: string): void {
  writeFileSync(to, gzipSync(readFileSync(from)));
}
