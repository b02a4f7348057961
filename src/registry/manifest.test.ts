import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../core/errors.js';
import { parseManifest } from './manifest.js';
import { DigestVerifier, digestOf } from './verify.js';

const D = `sha256:${'b'.repeat(64)}`;
const manifest = {
  schemaVersion: 2,
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: D, size: 2 },
  layers: [],
};
const index = {
  schemaVersion: 2,
  manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: D, size: 2 }],
};
const bytes = (o: unknown) => Buffer.from(JSON.stringify(o));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isVigiaError(err) ? err.code : 'not-a-VigiaError';
  }
  return undefined;
}

describe('parseManifest', () => {
  it.each([
    ['OCI manifest by header', manifest, 'application/vnd.oci.image.manifest.v1+json', 'manifest'],
    [
      'Docker manifest by header',
      manifest,
      'application/vnd.docker.distribution.manifest.v2+json',
      'manifest',
    ],
    ['OCI index by header', index, 'application/vnd.oci.image.index.v1+json', 'index'],
    [
      'manifest list by body mediaType',
      { ...index, mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json' },
      'application/json',
      'index',
    ],
    ['untyped index (by shape)', index, undefined, 'index'],
    ['untyped manifest (by shape)', manifest, 'text/plain', 'manifest'],
  ])('%s', (_name, body, type, kind) => {
    expect(parseManifest(bytes(body), type, 'x').kind).toBe(kind);
  });

  it.each([
    [
      'schema 1',
      { schemaVersion: 1 },
      'application/vnd.docker.distribution.manifest.v1+prettyjws',
      'REGISTRY_PROTOCOL',
    ],
    ['unknown type', manifest, 'application/vnd.example.thing+json', 'REGISTRY_PROTOCOL'],
    ['not JSON', '{', 'application/vnd.oci.image.manifest.v1+json', 'IMAGE_INVALID'],
    [
      'bad digest',
      { ...manifest, config: { ...manifest.config, digest: 'sha256:zz' } },
      'application/vnd.oci.image.manifest.v1+json',
      'IMAGE_INVALID',
    ],
    ['a JSON null without a type', null, undefined, 'REGISTRY_PROTOCOL'],
    [
      'no layers',
      { schemaVersion: 2, config: manifest.config },
      'application/vnd.oci.image.manifest.v1+json',
      'IMAGE_INVALID',
    ],
  ])('%s → %s', (_name, body, type, code) => {
    const raw = typeof body === 'string' ? Buffer.from(body) : bytes(body);
    expect(codeOf(() => parseManifest(raw, type, 'x'))).toBe(code);
  });
});

describe('DigestVerifier', () => {
  const data = Buffer.from('hello layer');
  const digest = digestOf(data, 'sha256:', 'x');
  const run = async (chunks: Buffer[], expected: string, size?: number) => {
    const out: Buffer[] = [];
    for await (const c of Readable.from(chunks).pipe(new DigestVerifier(expected, 'blob', size)))
      out.push(c as Buffer);
    return Buffer.concat(out);
  };
  it('passes matching content through unchanged', async () => {
    expect(await run([data.subarray(0, 3), data.subarray(3)], digest, data.length)).toEqual(data);
  });
  it.each([
    ['other content', [Buffer.from('hello LAYER')], undefined, 'DIGEST_MISMATCH'],
    ['more bytes than declared', [data, data], data.length, 'DIGEST_MISMATCH'],
    ['truncated', [data.subarray(0, 4)], data.length, 'LAYER_CORRUPT'],
  ])('%s → %s', async (_name, chunks, size, code) => {
    const err = await run(chunks, digest, size).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isVigiaError(err) ? err.code : err).toBe(code);
  });
});
