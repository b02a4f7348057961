import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isVigiaError } from '../core/errors.js';
import { fixtureImage } from '../test-support/fixtures.js';
import { blobPath, freePort, startFixtureRegistry, type TestRegistry } from '../test-support/registry.js';
import { dockerArchiveFacts, hashStream, ociIndexFacts } from './__fixtures__/archive.js';
import { openRegistryImage, type RegistryImage } from './open.js';

const ALPINE = fixtureImage('alpine-310.tar.gz');
const MULTI = fixtureImage('alpine-310-multiarch.oci.tar');
const quick = { retries: 1, retry: { baseDelayMs: 10, maxDelayMs: 50 }, timeoutMs: 5_000, config: {} };

let registry: TestRegistry;
const opened: RegistryImage[] = [];
async function open(
  ref: string,
  options: Parameters<typeof openRegistryImage>[1] = {},
): Promise<RegistryImage> {
  const image = await openRegistryImage(ref, { ...quick, ...options });
  opened.push(image);
  return image;
}
async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isVigiaError(err)) throw new Error(`expected a VigiaError, got ${String(err)}`);
  return { code: err.code, message: err.message };
}

beforeAll(async () => {
  registry = await startFixtureRegistry();
  await registry.push(`docker-archive:${ALPINE}`, 'fixtures/alpine:3.10');
  await registry.push(`oci-archive:${MULTI}:3.10`, 'fixtures/multi:3.10', { all: true });
  await registry.push(`docker-archive:${ALPINE}`, 'fixtures/tampered:1');
});

afterAll(async () => {
  for (const image of opened) await image.close();
  await registry?.stop();
});

describe('anonymous pull from a real registry', () => {
  it('gives the archive config, diffIDs and a manifest digest of the served bytes', async () => {
    const facts = dockerArchiveFacts(ALPINE);
    const image = await open(`${registry.host}/fixtures/alpine:3.10`);
    expect(image.source).toBe('registry');
    expect(image.name).toBe(`${registry.host}/fixtures/alpine:3.10`);
    expect(image.repoTags).toEqual([`${registry.host}/fixtures/alpine:3.10`]);
    expect(image.configDigest).toBe(facts.configDigest);
    expect(image.layers.map((l) => l.diffID)).toEqual(facts.diffIDs);
    expect(image.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(image.config.history.length).toBeGreaterThan(0);
    expect(image.indexDigest).toBeUndefined();
    const served = await fetch(`http://${registry.host}/v2/fixtures/alpine/manifests/3.10`, {
      headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    expect(image.manifestDigest).toBe(served.headers.get('docker-content-digest'));
    const [layer] = image.layers;
    expect(layer).toMatchObject({ verifyDigest: true, compression: 'gzip', index: 0 });
    expect(image.transfer.layerBytes).toBe(0); // opening downloads no layer
  });

  it('streams a layer whose bytes match its digest and whose gunzipped bytes match its diffID', async () => {
    const progress: number[] = [];
    const image = await open(`${registry.host}/fixtures/alpine:3.10`, {
      onProgress: (e) => e.kind === 'bytes' && progress.push(e.done),
    });
    const layer = image.layers[0]!;
    const got = await hashStream(await image.openLayer(layer));
    expect(got.digest).toBe(layer.digest);
    expect(got.diffID).toBe(layer.diffID);
    expect(got.bytes).toBe(layer.size);
    expect(image.transfer.layerBytes).toBe(layer.size);
    expect(progress.at(-1)).toBe(layer.size);
  });

  it('resolves a digest reference and checks it against the served bytes', async () => {
    const byTag = await open(`${registry.host}/fixtures/alpine:3.10`);
    const byDigest = await open(`${registry.host}/fixtures/alpine@${byTag.manifestDigest}`);
    expect(byDigest.manifestDigest).toBe(byTag.manifestDigest);
    expect(byDigest.configDigest).toBe(byTag.configDigest);
    expect(byDigest.repoTags).toEqual([]);
    const both = await open(`${registry.host}/fixtures/alpine:3.10@${byTag.manifestDigest}`);
    expect(both.manifestDigest).toBe(byTag.manifestDigest);
  });

  it('reports a missing tag and a missing digest as IMAGE_NOT_FOUND naming the image', async () => {
    const tag = await failure(open(`${registry.host}/fixtures/alpine:no-such-tag`));
    expect(tag.code).toBe('IMAGE_NOT_FOUND');
    expect(tag.message).toContain(`${registry.host}/fixtures/alpine:no-such-tag`);
    expect(tag.message).toContain('tag not found');
    const digest = `sha256:${'0'.repeat(64)}`;
    const missing = await failure(open(`${registry.host}/fixtures/alpine@${digest}`));
    expect(missing.code).toBe('IMAGE_NOT_FOUND');
    const repo = await failure(open(`${registry.host}/fixtures/nothing-here:1`));
    expect(repo.code).toBe('IMAGE_NOT_FOUND');
  });
});

describe('multi-platform index', () => {
  const facts = ociIndexFacts(MULTI, '3.10');
  const byArch = (arch: string) => facts.platforms.find((p) => p.arch === arch)!;

  it.each([
    ['linux/amd64', 'amd64'],
    ['linux/arm64/v8', 'arm64/v8'],
    ['linux/arm64', 'arm64/v8'],
  ])('picks %s', async (wanted, arch) => {
    const [os, architecture, variant] = wanted.split('/') as [string, string, string?];
    const image = await open(`${registry.host}/fixtures/multi:3.10`, {
      platform: variant ? { os, architecture, variant } : { os, architecture },
    });
    expect(image.indexDigest).toBe(facts.indexDigest);
    expect(image.manifestDigest).toBe(byArch(arch).manifestDigest);
    expect(image.configDigest).toBe(byArch(arch).configDigest);
    expect(image.platform.architecture).toBe(architecture);
  });

  it('defaults to the host platform (linux/amd64 here)', async () => {
    const image = await open(`${registry.host}/fixtures/multi:3.10`);
    expect(image.configDigest).toBe(byArch('amd64').configDigest);
  });

  it('lists the available platforms when the wanted one is missing', async () => {
    const err = await failure(
      open(`${registry.host}/fixtures/multi:3.10`, { platform: { os: 'linux', architecture: 's390x' } }),
    );
    expect(err.code).toBe('IMAGE_NOT_FOUND');
    expect(err.message).toContain('linux/s390x');
    expect(err.message).toContain('available: linux/amd64, linux/arm64/v8');
  });

  it('holds a single-platform image to an explicit --platform, as archives are', async () => {
    const ok = await open(`${registry.host}/fixtures/alpine:3.10`, {
      platform: { os: 'linux', architecture: 'amd64' },
    });
    expect(ok.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    const err = await failure(
      open(`${registry.host}/fixtures/alpine:3.10`, { platform: { os: 'linux', architecture: 'arm64' } }),
    );
    expect(err.code).toBe('IMAGE_NOT_FOUND');
    expect(err.message).toContain('no image for platform linux/arm64; available: linux/amd64');
  });
});

describe('failures', () => {
  it('rejects a blob whose content does not match its digest while streaming', async () => {
    const image = await open(`${registry.host}/fixtures/tampered:1`);
    const layer = image.layers[0]!;
    const file = blobPath(registry, layer.digest);
    const bytes = readFileSync(file);
    const middle = bytes.length >> 1;
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle); // same size, other content
    writeFileSync(file, bytes);
    const err = await failure(hashStream(await image.openLayer(layer)));
    expect(err.code).toBe('DIGEST_MISMATCH');
    expect(err.message).toContain(`layer 0 ${layer.digest}`);
    expect(err.message).toContain('content hashes to sha256:');
  });

  it('gives up on a registry that is down after its retries, in bounded time', async () => {
    const port = await freePort();
    const started = Date.now();
    const err = await failure(
      openRegistryImage(`127.0.0.1:${port}/fixtures/alpine:3.10`, {
        retries: 3,
        retry: { baseDelayMs: 100, maxDelayMs: 400 },
        timeoutMs: 2_000,
        config: {},
      }),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(err.code).toBe('REGISTRY_UNREACHABLE');
    expect(err.message).toContain(`127.0.0.1:${port}`);
    expect(err.message).toContain('4 attempts');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it.each([
    ['Alpine', 'repository name must be lower-case'],
    [`${'x'}@sha256:abc`, 'invalid digest'],
  ])('refuses the bad reference %s before any request', async (ref, why) => {
    const err = await failure(openRegistryImage(ref, quick));
    expect(err.code).toBe('BAD_REFERENCE');
    expect(err.message).toContain(why);
  });
});
