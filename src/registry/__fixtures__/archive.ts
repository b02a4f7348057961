// Independent readers for the fixture archives (the `tar` CLI + node:crypto), so that tests compare
// what the registry client returns with what the archives hold, not with our own output.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** One member of a (possibly gzipped) tar file, read with the `tar` CLI. */
export function tarMember(archive: string, member: string): Buffer {
  const flags = archive.endsWith('.gz') ? '-xzOf' : '-xOf';
  return execFileSync('tar', [flags, archive, member], { maxBuffer: 256 << 20 });
}

/** JSON of a tar member. */
export function tarJson<T>(archive: string, member: string): T {
  return JSON.parse(tarMember(archive, member).toString('utf8')) as T;
}

/** `sha256:` of bytes. */
export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Config digest and diffIDs of the single image in a docker-archive. */
export function dockerArchiveFacts(archive: string): { configDigest: string; diffIDs: string[] } {
  const [entry] = tarJson<{ Config: string }[]>(archive, 'manifest.json');
  const configBytes = tarMember(archive, entry?.Config ?? '');
  const config = JSON.parse(configBytes.toString('utf8')) as { rootfs: { diff_ids: string[] } };
  return { configDigest: sha256(configBytes), diffIDs: config.rootfs.diff_ids };
}

interface Descriptor {
  digest: string;
  platform?: { architecture: string; variant?: string };
}

/** The per-platform manifests of the index behind `ref` in an OCI archive, with their configs. */
export function ociIndexFacts(
  archive: string,
  ref: string,
): { indexDigest: string; platforms: { arch: string; manifestDigest: string; configDigest: string }[] } {
  const top = tarJson<{ manifests: (Descriptor & { annotations?: Record<string, string> })[] }>(archive, 'index.json');
  const indexDesc = top.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === ref);
  if (!indexDesc) throw new Error(`${archive}: no ref ${ref}`);
  const blob = (digest: string): Buffer => tarMember(archive, `blobs/sha256/${digest.slice(7)}`);
  const index = JSON.parse(blob(indexDesc.digest).toString('utf8')) as { manifests: Descriptor[] };
  return {
    indexDigest: indexDesc.digest,
    platforms: index.manifests.map((m) => {
      const manifest = JSON.parse(blob(m.digest).toString('utf8')) as { config: { digest: string } };
      const arch = `${m.platform?.architecture ?? '?'}${m.platform?.variant ? `/${m.platform.variant}` : ''}`;
      return { arch, manifestDigest: m.digest, configDigest: manifest.config.digest };
    }),
  };
}

/**
 * sha256 of a stream's bytes, and of the same bytes gunzipped (the diffID of a gzip layer). The
 * stream's own error wins over a gunzip error (a tampered blob is also a corrupt gzip stream).
 */
export async function hashStream(stream: Readable): Promise<{ digest: string; diffID: string; bytes: number }> {
  const raw = createHash('sha256');
  const plain = createHash('sha256');
  const gunzip = createGunzip();
  let gunzipError: unknown;
  let bytes = 0;
  gunzip.on('data', (c: Buffer) => plain.update(c));
  const gunzipped = new Promise<void>((resolve) => {
    gunzip.on('end', resolve);
    gunzip.on('error', (err) => {
      gunzipError = err;
      resolve();
    });
  });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    raw.update(chunk);
    bytes += chunk.length;
    if (gunzipError === undefined && !gunzip.write(chunk)) {
      await Promise.race([new Promise((r) => gunzip.once('drain', r)), gunzipped]);
    }
  }
  if (gunzipError === undefined) gunzip.end();
  await gunzipped;
  if (gunzipError !== undefined) throw gunzipError;
  return { digest: `sha256:${raw.digest('hex')}`, diffID: `sha256:${plain.digest('hex')}`, bytes };
}
