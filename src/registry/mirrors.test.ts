import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isVigiaError } from '../core/errors.js';
import { fixtureImage } from '../test-support/fixtures.js';
import { freePort, startFixtureRegistry, type TestRegistry } from '../test-support/registry.js';
import { openRegistryImage } from './open.js';
import type { RegistryConfig } from './settings.js';

const ALPINE = fixtureImage('alpine-310.tar.gz');
const MULTI = fixtureImage('alpine-310-multiarch.oci.tar');
const fast = { retries: 0, timeoutMs: 5_000 };

// Two real registries: `mirror` (the organisation's) and `origin` (standing in for an upstream).
let mirror: TestRegistry;
let origin: TestRegistry;

beforeAll(async () => {
  [mirror, origin] = await Promise.all([startFixtureRegistry(), startFixtureRegistry()]);
  await Promise.all([
    mirror.push(`docker-archive:${ALPINE}`, 'library/alpine:3.10'),
    mirror.push(`docker-archive:${ALPINE}`, 'team/only-on-mirror:1'),
    mirror.push(`docker-archive:${ALPINE}`, 'hub-proxy/team/prefixed:1'),
    origin.push(`docker-archive:${ALPINE}`, 'team/only-on-origin:1'),
    origin.push(`oci-archive:${MULTI}:3.10`, 'team/only-on-mirror:1', { all: true }),
  ]);
});

afterAll(async () => {
  await mirror?.stop();
  await origin?.stop();
});

async function pull(ref: string, config: RegistryConfig) {
  const image = await openRegistryImage(ref, { ...fast, config });
  await image.close();
  return image;
}

async function failure(ref: string, config: RegistryConfig): Promise<{ code: string; message: string }> {
  const err = await pull(ref, config).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isVigiaError(err)) throw new Error(`expected a VigiaError, got ${String(err)}`);
  return { code: err.code, message: err.message };
}

describe('registry.mirrors', () => {
  it('pulls a Docker Hub short name through the mirror, never reaching docker.io', async () => {
    const image = await pull('alpine:3.10', { mirrors: { 'docker.io': [mirror.host] } });
    expect(image.name).toBe('docker.io/library/alpine:3.10');
    expect(image.endpoint).toBe(mirror.host);
    expect(image.layers).toHaveLength(1);
  });

  it('prefers the mirror over the origin when both have the tag', async () => {
    // The origin's tag is a multi-platform index, the mirror's a single manifest: which one came back?
    const image = await pull(`${origin.host}/team/only-on-mirror:1`, {
      mirrors: { [origin.host]: [mirror.host] },
      allowOrigin: true,
    });
    expect(image.endpoint).toBe(mirror.host);
    expect(image.indexDigest).toBeUndefined();
  });

  it('applies a mirror path prefix (path-based proxy caches)', async () => {
    const image = await pull(`${origin.host}/team/prefixed:1`, {
      mirrors: { [origin.host]: [`${mirror.host}/hub-proxy`] },
    });
    expect(image.endpoint).toBe(`${mirror.host}/hub-proxy`);
  });

  it('does not fall back to the origin unless allowOrigin is true', async () => {
    const ref = `${origin.host}/team/only-on-origin:1`;
    const err = await failure(ref, { mirrors: { [origin.host]: [mirror.host] } });
    expect(err.code).toBe('IMAGE_NOT_FOUND');
    expect(err.message).toContain(`mirror ${mirror.host}/team/only-on-origin:1: tag not found`);
    expect(err.message).toContain(`origin ${origin.host} not tried: registry.allowOrigin is not true`);
    const image = await pull(ref, { mirrors: { [origin.host]: [mirror.host] }, allowOrigin: true });
    expect(image.endpoint).toBe(origin.host);
  });

  it('skips a mirror that is down and uses the next one', async () => {
    const down = `127.0.0.1:${await freePort()}`;
    const image = await pull(`${origin.host}/team/only-on-mirror:1`, {
      mirrors: { [origin.host]: [down, mirror.host] },
    });
    expect(image.endpoint).toBe(mirror.host);
  });

  it('reports every mirror when none can serve the image', async () => {
    const down = `127.0.0.1:${await freePort()}`;
    const err = await failure('alpine:3.10', { mirrors: { 'docker.io': [down] } });
    expect(err.code).toBe('REGISTRY_UNREACHABLE');
    expect(err.message).toContain(down);
    expect(err.message).toContain('origin docker.io not tried');
  });
});
