import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExpectedImage,
  expectedDockerArchive,
  expectedOciArchive,
} from '../../image/__fixtures__/expected.js';
import {
  dockerArchive,
  extractLayout,
  firstLayerBlob,
  rewriteConfig,
  tarBytes,
} from '../../image/__fixtures__/hostile.js';
import { runVigia } from '../../test-support/cli.js';
import { fixtureImage, tempDir } from '../../test-support/fixtures.js';
import { ExitStatus } from '../exit-codes.js';

const tmp = tempDir('vigia-inspect-');
const t = (name: string) => join(tmp.path, name);

interface JsonLayer {
  index: number;
  digest: string;
  diffID: string;
  compressedSize: number;
  uncompressedSize: number;
  files: number;
  createdBy?: string;
}

const fixtures: [string, string, number, () => ExpectedImage][] = [
  ['alpine-310.tar.gz', '', 1, () => expectedDockerArchive(fixtureImage('alpine-310.tar.gz'))],
  ['alpine-311.tar.gz', '', 1, () => expectedDockerArchive(fixtureImage('alpine-311.tar.gz'))],
  ['alpine-310-skopeo.tar.gz', '', 1, () => expectedDockerArchive(fixtureImage('alpine-310-skopeo.tar.gz'))],
  ['rpm-centos7.tar.gz', '', 1, () => expectedDockerArchive(fixtureImage('rpm-centos7.tar.gz'))],
  [
    'alpine-310-multiarch.oci.tar',
    '',
    1,
    () => expectedOciArchive(fixtureImage('alpine-310-multiarch.oci.tar')),
  ],
  ['alpine-310-zstd.oci.tar', '', 1, () => expectedOciArchive(fixtureImage('alpine-310-zstd.oci.tar'))],
  ['debian-bullseye.oci.tar', '', 1, () => expectedOciArchive(fixtureImage('debian-bullseye.oci.tar'))],
  [
    'debian-node-app.oci.tar',
    '',
    5,
    () => expectedOciArchive(fixtureImage('debian-node-app.oci.tar'), 'node-app'),
  ],
  [
    'debian-node-app.oci.tar',
    ':bookworm',
    1,
    () => expectedOciArchive(fixtureImage('debian-node-app.oci.tar'), 'bookworm'),
  ],
];

describe('vigia inspect on every fixture image', () => {
  it.each(fixtures)('%s%s --format json', async (file, ref, layerCount, expected) => {
    const r = await runVigia([
      'inspect',
      `${fixtureImage(file)}${ref}`,
      '--format',
      'json',
      '--platform',
      'linux/amd64',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { platform: string; layers: JsonLayer[] };
    const want = expected();
    expect(out.platform).toBe('linux/amd64');
    expect(out.layers).toHaveLength(layerCount);
    out.layers.forEach((layer, i) => {
      const w = want.layers[i];
      expect(layer.diffID).toBe(w?.configDiffID);
      expect(layer.diffID).toBe(w?.hashedDiffID);
      expect(layer.uncompressedSize).toBe(w?.uncompressedBytes);
      expect(layer.files).toBe(w?.files);
      expect(layer.digest).toBe(w?.digest ?? w?.hashedDiffID);
    });
  });

  it('prints a table: platform, config fields and one row per layer with history aligned', async () => {
    const r = await runVigia(['inspect', fixtureImage('debian-node-app.oci.tar')]);
    expect(r.status).toBe(0);
    const want = expectedOciArchive(fixtureImage('debian-node-app.oci.tar'), 'node-app');
    expect(r.stdout).toMatch(/^Platform +linux\/amd64$/m);
    expect(r.stdout).toMatch(/^Ports +22\/tcp, 3000\/tcp$/m);
    expect(r.stdout).toMatch(/^Cmd +\["node","index.js"\]$/m);
    expect(r.stdout).toMatch(/^ +DB_PASSWORD=hunter2$/m);
    expect(r.stdout).toMatch(/^User +\(not set: root\)$/m);
    for (const [i, layer] of want.layers.entries()) {
      const short = layer.hashedDiffID.slice(7, 19);
      expect(r.stdout).toMatch(new RegExp(`^${i} +[0-9a-f]{12} +${short} .* ${layer.files} +`, 'm'));
    }
    expect(r.stdout).toMatch(/^1 .*RUN \/bin\/sh -c apt-get update/m);
    expect(r.stdout).toMatch(/^4 .*RUN \/bin\/sh -c rm \/app\/\.env/m);
    expect(r.stdout).toContain('5 layers');
  });

  it('writes --output FILE and nothing to stdout', async () => {
    const out = t('inspect.json');
    const r = await runVigia(['inspect', fixtureImage('alpine-310.tar.gz'), '-f', 'json', '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).repoTags).toEqual(['alpine:3.10']);
  });
});

// Hostile and broken inputs, each built from the real fixtures in setup.
beforeAll(async () => {
  writeFileSync(t('notes.txt'), 'hello, I am not an image\n');

  extractLayout(fixtureImage('alpine-310-zstd.oci.tar'), t('truncated'));
  // zstd fixture: cut the layer blob in half.
  const zstdBlob = firstLayerBlob(t('truncated'));
  truncateSync(zstdBlob, Math.floor(statSync(zstdBlob).size / 2));

  extractLayout(fixtureImage('debian-bullseye.oci.tar'), t('truncated-gzip'));
  const gzBlob = firstLayerBlob(t('truncated-gzip'));
  truncateSync(gzBlob, Math.floor(statSync(gzBlob).size / 3));
  execFileSync('tar', ['-cf', t('truncated-gzip.oci.tar'), '-C', t('truncated-gzip'), '.']);
  rmSync(t('truncated-gzip'), { recursive: true });

  extractLayout(fixtureImage('alpine-310-multiarch.oci.tar'), t('missing-blob'));
  rmSync(
    join(t('missing-blob'), 'blobs/sha256/3098f36abf77670efad19194a704110a36802ed74795d43566aa8ba1fb8c1cf0'),
  );

  extractLayout(fixtureImage('alpine-310-zstd.oci.tar'), t('bad-diffid'));
  rewriteConfig(t('bad-diffid'), (c) => {
    c.rootfs.diff_ids[0] = `sha256:${'0'.repeat(64)}`;
  });

  extractLayout(fixtureImage('alpine-310-zstd.oci.tar'), t('bad-index'));
  writeFileSync(join(t('bad-index'), 'index.json'), '{"schemaVersion": 2, "manifests": [');

  // docker-archive with a malformed manifest.json: the real alpine archive, manifest replaced.
  mkdirSync(t('bad-manifest'));
  execFileSync('tar', ['-xzf', fixtureImage('alpine-310.tar.gz'), '-C', t('bad-manifest')]);
  writeFileSync(join(t('bad-manifest'), 'manifest.json'), '[{"Config": "x.json", "Layers": ');
  execFileSync('tar', ['-czf', t('bad-manifest.tar.gz'), '-C', t('bad-manifest'), '.']);

  const evil = await tarBytes([
    { name: 'etc/hostname', content: 'box\n' },
    { name: '../../etc/passwd', content: 'root::0:0::/:/bin/sh\n' },
  ]);
  await dockerArchive(t('traversal.tar'), evil);

  await dockerArchive(t('loop.tar'), await tarBytes([{ name: 'f' }]), [
    { name: 'abc/layer.tar', type: 'symlink', linkname: '../abc/layer.tar' },
  ]);

  writeFileSync(
    t('truncated-archive.tar.gz'),
    readFileSync(fixtureImage('alpine-310.tar.gz')).subarray(0, 1_000_000),
  );
  writeFileSync(t('unreadable.tar'), readFileSync(fixtureImage('alpine-310-zstd.oci.tar')));
  chmodSync(t('unreadable.tar'), 0);
  mkdirSync(t('a-directory.tar'));
});
afterAll(() => tmp.cleanup());

const isRoot = process.getuid?.() === 0;

const bad: [string, () => string[], number, RegExp][] = [
  ['not an image', () => [t('notes.txt')], ExitStatus.INPUT, /notes\.txt: not an image/],
  [
    'a truncated zstd layer',
    () => [`oci:${t('truncated')}`],
    ExitStatus.INPUT,
    /layer 0 \(sha256:b1f8ec4c.*truncated or corrupt zstd/,
  ],
  [
    'a truncated gzip layer',
    () => [t('truncated-gzip.oci.tar')],
    ExitStatus.INPUT,
    /layer 0 \(sha256:45461189.*truncated or corrupt gzip/,
  ],
  [
    'a missing blob',
    () => [t('missing-blob')],
    ExitStatus.INPUT,
    /layer 0 blob sha256:3098f36a\w+ is missing/,
  ],
  [
    'a diffID mismatch',
    () => [`oci:${t('bad-diffid')}`],
    ExitStatus.INPUT,
    /layer 0 .*diffID mismatch: the config says sha256:0{64}, the layer's content hashes to sha256:531743b7/,
  ],
  ['a malformed index.json', () => [t('bad-index')], ExitStatus.INPUT, /index\.json: malformed JSON/],
  [
    'a malformed manifest.json',
    () => [t('bad-manifest.tar.gz')],
    ExitStatus.INPUT,
    /manifest\.json: malformed JSON/,
  ],
  [
    'a tar entry ../../etc/passwd',
    () => [t('traversal.tar')],
    ExitStatus.INPUT,
    /layer 0 \(sha256:\w+\): tar entry "\.\.\/\.\.\/etc\/passwd" escapes the image root/,
  ],
  ['a symlink loop in the archive', () => [t('loop.tar')], ExitStatus.INPUT, /abc\/layer\.tar: symlink loop/],
  [
    'a ref that does not exist',
    () => [`${fixtureImage('debian-node-app.oci.tar')}:nope`],
    ExitStatus.INPUT,
    /no image with ref "nope"; available refs: node-app, bookworm/,
  ],
  [
    'a platform that does not exist',
    () => [fixtureImage('alpine-310-multiarch.oci.tar'), '--platform', 'linux/s390x'],
    ExitStatus.INPUT,
    /no image for platform linux\/s390x; available: linux\/amd64, linux\/arm64\/v8/,
  ],
  [
    'a platform a single-platform image lacks',
    () => [fixtureImage('alpine-310.tar.gz'), '--platform', 'linux/arm64'],
    ExitStatus.INPUT,
    /no image for platform linux\/arm64; available: linux\/amd64/,
  ],
  [
    'a truncated gzip archive',
    () => [t('truncated-archive.tar.gz')],
    ExitStatus.INPUT,
    /truncated-archive\.tar\.gz: /,
  ],
  [
    'a directory given as an archive',
    () => [`docker-archive:${t('a-directory.tar')}`],
    ExitStatus.INPUT,
    /a-directory\.tar: cannot read: is a directory/,
  ],
  [
    'a missing file',
    () => [t('nope.tar')],
    ExitStatus.INPUT,
    /nope\.tar: cannot read: no such file or directory/,
  ],
  [
    'a bad --format',
    () => [fixtureImage('alpine-310.tar.gz'), '--format', 'xml'],
    ExitStatus.USAGE,
    /--format xml: expected one of table, json/,
  ],
  [
    'a bad --platform',
    () => [fixtureImage('alpine-310.tar.gz'), '--platform', 'amd64'],
    ExitStatus.USAGE,
    /--platform amd64: expected os\/arch/,
  ],
];
if (!isRoot) {
  bad.push([
    'an unreadable file (mode 000)',
    () => [t('unreadable.tar')],
    ExitStatus.INPUT,
    /unreadable\.tar: cannot read: permission denied/,
  ]);
}

describe('vigia inspect on bad input: one clear line, non-zero status, no stack, no hang', () => {
  it.each(bad)('%s', async (_name, args, status, message) => {
    const started = Date.now();
    const r = await runVigia(['inspect', ...args()], { timeoutMs: 30_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^vigia: error: [^\n]+\n$/);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(status);
  });
});
