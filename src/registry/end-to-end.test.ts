import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openImage, walkLayer, type OpenedImage } from '../image/index.js';
import { runVigia } from '../test-support/cli.js';
import { fixtureImage, tempDir } from '../test-support/fixtures.js';
import { startFixtureRegistry, type TestRegistry } from '../test-support/registry.js';
import { startFaultyProxy } from './__fixtures__/faulty-proxy.js';
import type { RegistryImage } from './open.js';

const ALPINE = fixtureImage('alpine-310.tar.gz');
const MULTI = fixtureImage('alpine-310-multiarch.oci.tar');

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startFixtureRegistry();
  await registry.push(`docker-archive:${ALPINE}`, 'e2e/alpine:3.10');
  await registry.push(`oci-archive:${MULTI}:3.10`, 'e2e/multi:3.10', { all: true });
  await registry.push(`docker-archive:${ALPINE}`, 'library/alpine:3.10');
});
afterAll(async () => {
  await registry?.stop();
});

/** Walk every layer; the walker checks digest and diffID itself and counts entries. */
async function walkAll(image: OpenedImage): Promise<{ diffID: string; entries: number; paths: string[] }[]> {
  const out: { diffID: string; entries: number; paths: string[] }[] = [];
  for (const layer of image.layers) {
    const paths: string[] = [];
    const result = await walkLayer(image, layer, (header) => {
      paths.push(header.path);
    });
    out.push({ diffID: result.diffID, entries: result.entries, paths: paths.sort() });
  }
  return out;
}

describe('registry images through the image layer walker', () => {
  it.each([
    ['docker-archive', ALPINE, 'e2e/alpine:3.10'],
    ['oci-archive multi-platform (amd64)', `oci-archive:${MULTI}:3.10`, 'e2e/multi:3.10'],
  ])('walks the same layers as the %s', async (_name, archiveRef, repoTag) => {
    const archive = await openImage(archiveRef, { platform: { os: 'linux', architecture: 'amd64' } });
    const pulled = (await openImage(`${registry.host}/${repoTag}`, {
      platform: { os: 'linux', architecture: 'amd64' },
      config: {},
    })) as RegistryImage;
    try {
      expect(pulled.source).toBe('registry');
      expect(pulled.configDigest).toBe(archive.configDigest);
      const fromArchive = await walkAll(archive);
      const fromRegistry = await walkAll(pulled);
      expect(fromRegistry).toEqual(fromArchive);
      expect(fromRegistry.map((l) => l.diffID)).toEqual(archive.config.rootfs.diff_ids);
      expect(fromRegistry[0]?.paths).toContain('/lib/apk/db/installed');
      expect(pulled.transfer.layerBytes).toBe(pulled.layers.reduce((n, l) => n + (l.size ?? 0), 0));
    } finally {
      await archive.close();
      await pulled.close();
    }
  });

  it('downloads no layer the caller does not open (the layer-cache path)', async () => {
    const pulled = (await openImage(`${registry.host}/e2e/alpine:3.10`, { config: {} })) as RegistryImage;
    await pulled.close();
    expect(pulled.transfer.layerBytes).toBe(0);
    expect(pulled.transfer.blobRequests).toBe(1); // the config only
  });
});

describe('vigia inspect REGISTRY/REPO:TAG (built CLI)', () => {
  it('inspects a registry image like an archive', async () => {
    const [fromRegistry, fromArchive] = await Promise.all([
      runVigia(['inspect', `${registry.host}/e2e/alpine:3.10`, '--insecure', '--format', 'json', '-q']),
      runVigia(['inspect', ALPINE, '--format', 'json', '-q']),
    ]);
    expect(fromRegistry.stderr).toBe('');
    expect(fromRegistry.status).toBe(0);
    const a = JSON.parse(fromRegistry.stdout) as {
      source: string;
      configDigest: string;
      layers: { diffID: string; files: number }[];
    };
    const b = JSON.parse(fromArchive.stdout) as typeof a;
    expect(a.source).toBe('registry');
    expect(a.configDigest).toBe(b.configDigest);
    expect(a.layers.map((l) => [l.diffID, l.files])).toEqual(b.layers.map((l) => [l.diffID, l.files]));
  });

  it('pulls a Docker Hub short name through the mirror of --config', async () => {
    const dir = tempDir('vigia-e2e-config-');
    try {
      const config = join(dir.path, 'vigia.yaml');
      writeFileSync(config, `registry:\n  mirrors:\n    docker.io: ["${registry.host}"]\n`);
      const result = await runVigia(['inspect', 'alpine:3.10', '--config', config, '--format', 'json', '-q']);
      expect(result.stderr).toBe('');
      const json = JSON.parse(result.stdout) as { reference: string; layers: unknown[] };
      expect(json.reference).toBe('docker.io/library/alpine:3.10');
      expect(json.layers).toHaveLength(1);
    } finally {
      dir.cleanup();
    }
  });

  it('sbom: a warm run (layer-fact cache) downloads no layer blob at all', async () => {
    const proxy = await startFaultyProxy(registry.host); // no faults: it only counts requests
    const cache = tempDir('vigia-e2e-cache-');
    try {
      const ref = `${proxy.host}/e2e/alpine:3.10`;
      const sbom = (dir: string) =>
        runVigia(['--cache-dir', dir, 'sbom', ref, '--insecure', '--format', 'json', '-q']);
      const packages = (stdout: string) =>
        (JSON.parse(stdout) as { layers: { packages: { name: string; version: string }[] }[] }).layers
          .flatMap((l) => l.packages.map((p) => `${p.name}@${p.version}`))
          .sort();
      const [cold, archive] = await Promise.all([
        sbom(cache.path),
        runVigia(['--cache-dir', join(cache.path, 'archive'), 'sbom', ALPINE, '--format', 'json', '-q']),
      ]);
      expect(cold.stderr).toBe('');
      expect(packages(cold.stdout)).toEqual(packages(archive.stdout));
      expect(packages(cold.stdout)).toHaveLength(14); // the fixtures README: 14 apk packages
      const layerDigest = (JSON.parse(cold.stdout) as { layers: { digest: string }[] }).layers[0]!.digest;
      const blobGets = () =>
        proxy.log.filter((l) => l.path.includes('/blobs/')).map((l) => l.path.split('/').pop());
      expect(blobGets()).toContain(layerDigest);
      proxy.log = [];
      const warm = await sbom(cache.path);
      expect(warm.stderr).toBe('');
      expect(packages(warm.stdout)).toEqual(packages(cold.stdout));
      expect(blobGets()).toHaveLength(1); // the config blob only
      expect(blobGets()).not.toContain(layerDigest);
    } finally {
      await proxy.close();
      cache.cleanup();
    }
  });

  it.each([
    ['a missing tag', (host: string) => [`${host}/e2e/alpine:nope`], 'tag not found'],
    [
      'a missing platform',
      (host: string) => [`${host}/e2e/multi:3.10`, '--platform', 'linux/s390x'],
      'available: linux/amd64, linux/arm64/v8',
    ],
  ])('fails clearly on %s', async (_name, args, message) => {
    const result = await runVigia(['inspect', ...args(registry.host), '-q']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('    at '); // no stack trace
  });
});
