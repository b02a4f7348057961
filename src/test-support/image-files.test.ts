import { describe, expect, it } from 'vitest';
import { fixtureImage } from './fixtures.js';
import { readFixtureImage, readImageFiles, readTopFiles } from './image-files.js';

// Expected values from `tar -tv` / `tar -xO` of the fixture archives and their blobs.
describe('fixture image helpers', () => {
  it('docker-archive written by skopeo: layer paths that are archive symlinks are followed', async () => {
    const files = await readImageFiles(
      fixtureImage('alpine-310-skopeo.tar.gz'),
      (p) => p === '/etc/alpine-release',
    );
    expect(files.map((f) => [f.layer, f.header.type, f.content.toString('utf8').trim()])).toEqual([
      [0, 'file', '3.10.4'],
    ]);
  });

  it('OCI layout whose ref is an image index: the linux/amd64 manifest', async () => {
    const image = await readFixtureImage(fixtureImage('alpine-310-multiarch.oci.tar'), '3.10');
    expect(image.layerNames).toEqual([
      'blobs/sha256/3098f36abf77670efad19194a704110a36802ed74795d43566aa8ba1fb8c1cf0',
    ]);
    expect(image.config.architecture).toBe('amd64');
  });

  it('OCI layout with two refs: node-app has 5 layers, one diff_id each', async () => {
    const image = await readFixtureImage(fixtureImage('debian-node-app.oci.tar'), 'node-app');
    expect(image.layerNames.map((n) => n.slice('blobs/sha256/'.length, 'blobs/sha256/'.length + 8))).toEqual([
      '9f500140',
      '8f3def91',
      'dd248872',
      'df84dece',
      'a600cbf0',
    ]);
    expect(image.config.rootfs.diff_ids).toHaveLength(5);
  });

  it('entries of every layer, whiteouts as entries; the top-most regular file per path', async () => {
    const path = fixtureImage('debian-node-app.oci.tar');
    const dotFiles = await readImageFiles(path, (p) => p.startsWith('/app/.'), 'node-app');
    expect(dotFiles.map((f) => [f.layer, f.header.path, f.header.type, f.header.size])).toEqual([
      [3, '/app/.env', 'file', 177],
      [4, '/app/.wh..env', 'whiteout', 0],
    ]);
    expect(dotFiles[0]?.header.mode).toBe(0o600);
    expect(dotFiles[1]?.header).toMatchObject({ type: 'whiteout', target: '/app/.env' });

    const top = await readTopFiles(path, ['/app/.env', '/root/.ssh/id_rsa', '/no/such/file'], 'node-app');
    expect([...top].map(([p, f]) => [p, f.layer, f.content.length])).toEqual([
      ['/app/.env', 3, 177],
      ['/root/.ssh/id_rsa', 3, 1675],
    ]);
  });

  it('refuses zstd layers instead of reading nothing', async () => {
    await expect(readImageFiles(fixtureImage('alpine-310-zstd.oci.tar'), () => true)).rejects.toThrow(/zstd/);
  });

  it('names a ref that is not there', async () => {
    await expect(readFixtureImage(fixtureImage('debian-node-app.oci.tar'), 'nope')).rejects.toThrow(
      /no manifest for ref nope/,
    );
  });
});
