import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isVigiaError } from '../core/errors.js';
import { fixtureImage, tempDir } from '../test-support/fixtures.js';
import { startCustomRegistry, startFixtureRegistry, type TestRegistry } from '../test-support/registry.js';
import { hashStream } from './__fixtures__/archive.js';
import { startFaultyProxy, type FaultyProxy } from './__fixtures__/faulty-proxy.js';
import { openRegistryImage, type RegistryOptions } from './open.js';

const ALPINE = fixtureImage('alpine-310.tar.gz');
const fast = { retries: 3, retry: { baseDelayMs: 10, maxDelayMs: 2_000 }, timeoutMs: 5_000, config: {} };

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isVigiaError(err)) throw new Error(`expected a VigiaError, got ${String(err)}`);
  return { code: err.code, message: err.message };
}

describe('retries through a misbehaving proxy in front of a real registry', () => {
  let registry: TestRegistry;
  let proxy: FaultyProxy;
  beforeAll(async () => {
    registry = await startFixtureRegistry();
    await registry.push(`docker-archive:${ALPINE}`, 'fixtures/alpine:3.10');
    proxy = await startFaultyProxy(registry.host);
  });
  afterAll(async () => {
    await proxy?.close();
    await registry?.stop();
  });
  beforeEach(() => {
    proxy.faults = [];
    proxy.log = [];
  });
  const open = (options: RegistryOptions = {}) =>
    openRegistryImage(`${proxy.host}/fixtures/alpine:3.10`, { ...fast, ...options });

  it('waits as Retry-After says after a 429, then succeeds', async () => {
    proxy.faults = [
      { match: 'manifests', times: 1, action: { kind: 'status', status: 429, retryAfter: '1' } },
    ];
    const started = Date.now();
    const image = await open();
    await image.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000); // backoff alone would be ≤ 10 ms
    expect(proxy.log.filter((l) => l.path.includes('/manifests/')).map((l) => l.outcome)).toEqual([
      '429',
      'proxied',
    ]);
  });

  it('retries 503s and a connection reset, then succeeds', async () => {
    proxy.faults = [
      { match: 'manifests', times: 2, action: { kind: 'status', status: 503 } },
      { match: 'blobs', times: 1, action: { kind: 'reset' } },
    ];
    const image = await open();
    const layer = image.layers[0]!;
    const got = await hashStream(await image.openLayer(layer));
    await image.close();
    expect(got.digest).toBe(layer.digest);
    const outcomes = proxy.log.map((l) => l.outcome);
    expect(outcomes.filter((o) => o === '503')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'reset')).toHaveLength(1);
  });

  it('gives up with REGISTRY_UNREACHABLE when the registry keeps failing', async () => {
    proxy.faults = [{ match: 'manifests', times: 100, action: { kind: 'status', status: 502 } }];
    const err = await failure(open({ retries: 2, retry: { baseDelayMs: 10, maxDelayMs: 20 } }));
    expect(err.code).toBe('REGISTRY_UNREACHABLE');
    expect(err.message).toContain(proxy.host);
    expect(err.message).toContain('HTTP 502 (after 3 attempts)');
  });

  it('follows a redirect of a blob GET to another origin', async () => {
    proxy.faults = [{ match: 'blobs', times: 10, action: { kind: 'redirect' } }];
    const image = await open();
    const layer = image.layers[0]!;
    const got = await hashStream(await image.openLayer(layer));
    await image.close();
    expect(got.digest).toBe(layer.digest);
    expect(proxy.log.filter((l) => l.outcome === 'redirect')).toHaveLength(2); // config + layer
  });

  it('times out a body that stalls (idle timeout), naming the layer', async () => {
    const image = await open({ timeoutMs: 1_000 });
    proxy.faults = [{ match: 'blobs', times: 1, action: { kind: 'stall' } }];
    const layer = image.layers[0]!;
    const started = Date.now();
    const err = await failure(hashStream(await image.openLayer(layer)));
    await image.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(err.code).toBe('REGISTRY_UNREACHABLE');
    expect(err.message).toContain(`layer 0 ${layer.digest}: interrupted mid-download`);
  });

  it('does not retry once the body has started: a cut body is a clear error', async () => {
    const image = await open();
    proxy.faults = [{ match: 'blobs', times: 1, action: { kind: 'cut' } }];
    const layer = image.layers[0]!;
    const err = await failure(hashStream(await image.openLayer(layer)));
    await image.close();
    expect(err.code).toBe('REGISTRY_UNREACHABLE');
    expect(err.message).toContain(`layer 0 ${layer.digest}: interrupted mid-download`);
    expect(proxy.log.filter((l) => l.path.endsWith(layer.digest))).toHaveLength(1); // no retry after the first byte
  });
});

describe('TLS', () => {
  // 127.0.0.2 (loopback, but not one of the hosts treated as insecure by default) with a
  // self-signed certificate naming that IP.
  let registry: TestRegistry;
  let certs: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    certs = tempDir('vigia-tls-');
    const crt = join(certs.path, 'registry.crt');
    const key = join(certs.path, 'registry.key');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=vigia test registry',
      '-addext', 'subjectAltName=IP:127.0.0.2', '-keyout', key, '-out', crt,
    ], { stdio: 'ignore' }); // prettier-ignore
    registry = await startCustomRegistry(
      ({ dataDir, port }) => `version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: ${dataDir}
http:
  addr: 127.0.0.2:${port}
  secret: tls-test-not-secret
  tls:
    certificate: ${crt}
    key: ${key}
`,
      { host: '127.0.0.2' },
    );
    await registry.push(`docker-archive:${ALPINE}`, 'fixtures/alpine:3.10');
  });
  afterAll(async () => {
    await registry?.stop();
    certs?.cleanup();
  });
  const open = (options: RegistryOptions) =>
    openRegistryImage(`${registry.host}/fixtures/alpine:3.10`, { ...fast, ...options });

  it('refuses an unknown certificate, saying how to trust it', async () => {
    const err = await failure(open({}));
    expect(err.code).toBe('REGISTRY_UNREACHABLE');
    expect(err.message).toContain(registry.host);
    expect(err.message).toContain('TLS certificate verification failed');
    expect(err.message).toContain('--ca-file');
  });

  it.each([
    ['--ca-file', () => ({ caFile: join(certs.path, 'registry.crt') })],
    ['--insecure', () => ({ insecure: true })],
    ['registry.insecure', () => ({ config: { insecure: [registry.host] } })],
  ])('pulls with %s', async (_name, options) => {
    const image = await open(options());
    const got = await hashStream(await image.openLayer(image.layers[0]!));
    await image.close();
    expect(got.digest).toBe(image.layers[0]!.digest);
  });

  it('names an unreadable --ca-file', async () => {
    const err = await failure(open({ caFile: join(certs.path, 'nope.pem') }));
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain('nope.pem');
  });
});
