import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureImage, tempDir } from '../test-support/fixtures.js';
import { type ExpectedImage, expectedDockerArchive, expectedOciArchive } from './__fixtures__/expected.js';
import { openImage } from './open.js';
import type { EntryHeader, Platform } from './types.js';
import { walkLayer } from './walk.js';

const hostArch = process.arch === 'arm64' ? 'arm64' : 'amd64';

interface Case {
  name: string;
  input: () => string;
  platform?: Platform;
  source: string;
  /** Layer count from the fixtures README (independent of the image's own JSON). */
  layers: number;
  expected: () => ExpectedImage;
}

const tmp = tempDir('vigia-image-');
const cases: Case[] = [
  ...['alpine-310.tar.gz', 'alpine-311.tar.gz', 'alpine-310-skopeo.tar.gz', 'rpm-centos7.tar.gz'].map(
    (f) => ({
      name: f,
      input: () => fixtureImage(f),
      source: 'docker-archive',
      layers: 1,
      expected: () => expectedDockerArchive(fixtureImage(f)),
    }),
  ),
  {
    name: 'alpine-310-skopeo, gunzipped to a plain tar (ranged reads, symlinked layer)',
    input: () => join(tmp.path, 'alpine-310-skopeo.tar'),
    source: 'docker-archive',
    layers: 1,
    expected: () => expectedDockerArchive(fixtureImage('alpine-310-skopeo.tar.gz')),
  },
  {
    name: 'alpine-310-multiarch.oci.tar (host platform)',
    input: () => fixtureImage('alpine-310-multiarch.oci.tar'),
    source: 'oci-archive',
    layers: 1,
    expected: () => expectedOciArchive(fixtureImage('alpine-310-multiarch.oci.tar'), undefined, hostArch),
  },
  {
    name: 'alpine-310-multiarch.oci.tar --platform linux/arm64/v8',
    input: () => fixtureImage('alpine-310-multiarch.oci.tar'),
    platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
    source: 'oci-archive',
    layers: 1,
    expected: () => expectedOciArchive(fixtureImage('alpine-310-multiarch.oci.tar'), undefined, 'arm64'),
  },
  {
    name: 'alpine-310-zstd.oci.tar',
    input: () => fixtureImage('alpine-310-zstd.oci.tar'),
    source: 'oci-archive',
    layers: 1,
    expected: () => expectedOciArchive(fixtureImage('alpine-310-zstd.oci.tar')),
  },
  {
    name: 'alpine-310-zstd as an OCI layout directory',
    input: () => join(tmp.path, 'zstd-layout'),
    source: 'oci-layout',
    layers: 1,
    expected: () => expectedOciArchive(fixtureImage('alpine-310-zstd.oci.tar')),
  },
  {
    name: 'debian-bullseye.oci.tar',
    input: () => fixtureImage('debian-bullseye.oci.tar'),
    source: 'oci-archive',
    layers: 1,
    expected: () => expectedOciArchive(fixtureImage('debian-bullseye.oci.tar')),
  },
  {
    name: 'debian-node-app.oci.tar (first ref: node-app)',
    input: () => fixtureImage('debian-node-app.oci.tar'),
    source: 'oci-archive',
    layers: 5,
    expected: () => expectedOciArchive(fixtureImage('debian-node-app.oci.tar'), 'node-app'),
  },
  {
    name: 'debian-node-app.oci.tar:bookworm',
    input: () => `${fixtureImage('debian-node-app.oci.tar')}:bookworm`,
    source: 'oci-archive',
    layers: 1,
    expected: () => expectedOciArchive(fixtureImage('debian-node-app.oci.tar'), 'bookworm'),
  },
];

beforeAll(() => {
  execFileSync('bash', ['-c', 'gzip -dc "$SRC" > "$DST/alpine-310-skopeo.tar"'], {
    env: { ...process.env, SRC: fixtureImage('alpine-310-skopeo.tar.gz'), DST: tmp.path },
  });
  execFileSync('bash', ['-c', 'mkdir "$DST/zstd-layout" && tar -xf "$SRC" -C "$DST/zstd-layout"'], {
    env: { ...process.env, SRC: fixtureImage('alpine-310-zstd.oci.tar'), DST: tmp.path },
  });
});
afterAll(() => tmp.cleanup());

describe('every fixture image opens and walks with the diffIDs the real tools compute', () => {
  it.each(cases)('$name', async (c) => {
    const expected = c.expected();
    expect(expected.layers).toHaveLength(c.layers);
    const image = await openImage(c.input(), c.platform ? { platform: c.platform } : {});
    try {
      expect(image.source).toBe(c.source);
      expect(image.layers).toHaveLength(c.layers);
      expect(image.platform.architecture).toBe(expected.architecture);
      expect(image.repoTags).toEqual(expected.repoTags);
      for (const [i, layer] of image.layers.entries()) {
        const want = expected.layers[i];
        if (!want) throw new Error('missing expectation');
        expect(want.hashedDiffID).toBe(want.configDiffID); // the fixture is sound
        expect(layer.diffID).toBe(want.configDiffID);
        if (want.digest) expect(layer.digest).toBe(want.digest);
        let files = 0;
        const bad: string[] = [];
        const result = await walkLayer(image, layer, (h: EntryHeader) => {
          if (h.type === 'file') files++;
          if (!h.path.startsWith('/') || /\/\.\.?(\/|$)|\/\//.test(h.path)) bad.push(h.path);
        });
        expect(result.diffID).toBe(want.hashedDiffID);
        expect(result.uncompressedBytes).toBe(want.uncompressedBytes);
        expect(files).toBe(want.files);
        expect(bad).toEqual([]);
        expect(result.digest).toBe(want.digest ?? want.hashedDiffID);
      }
    } finally {
      await image.close();
    }
  });
});

describe('node-app layers', () => {
  it('reports the whiteout of /app/.env in the last layer and aligns history past empty_layer entries', async () => {
    const image = await openImage(`${fixtureImage('debian-node-app.oci.tar')}:node-app`);
    try {
      const created = image.layers.map((l) => l.history?.createdBy ?? '');
      expect(created[0]).toBe('debootstrap minbase bookworm');
      // History entry 1 is `CMD ["bash"]` with empty_layer: layer 1 is the apt-get RUN.
      expect(created[1]).toMatch(/^RUN \/bin\/sh -c apt-get update/);
      expect(created[4]).toBe('RUN /bin/sh -c rm /app/.env # buildkit');
      const last = image.layers[4];
      if (!last) throw new Error('no layer 4');
      const entries: EntryHeader[] = [];
      await walkLayer(image, last, (h) => void entries.push(h));
      expect(entries.filter((e) => e.type === 'whiteout')).toEqual([
        expect.objectContaining({ path: '/app/.wh..env', target: '/app/.env' }),
      ]);
    } finally {
      await image.close();
    }
  });

  it('reads file bodies: /etc/os-release of bookworm names Debian 12', async () => {
    const image = await openImage(`${fixtureImage('debian-node-app.oci.tar')}:bookworm`);
    try {
      let text = '';
      const base = image.layers[0];
      if (!base) throw new Error('no layer');
      await walkLayer(image, base, async (h, body) => {
        if (h.path !== '/usr/lib/os-release') return;
        for await (const chunk of body) text += chunk.toString('utf8');
      });
      expect(text).toContain('VERSION_ID="12"');
    } finally {
      await image.close();
    }
  });
});
