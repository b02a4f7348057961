import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VigiaError } from '../../core/errors.js';
import { tempDir } from '../../test-support/fixtures.js';
import { openDirStore } from './dir.js';
import { openGzipTar } from './tar-gzip.js';
import { openTarFile } from './tar-file.js';
import type { BlobStore } from './types.js';

// Archives made by GNU tar in its three formats, holding a long name (> 100 bytes, so the
// format's long-name mechanism is used), a symlink chain, a hardlink and a symlink loop.
const tmp = tempDir('vigia-store-');
const src = join(tmp.path, 'src');
const longDir = `${'d'.repeat(60)}/${'e'.repeat(60)}`;
const longName = `${longDir}/${'f'.repeat(90)}.json`;
const big = Buffer.alloc(3 * 1024 * 1024 + 3, 'b');

beforeAll(() => {
  mkdirSync(join(src, longDir), { recursive: true });
  mkdirSync(join(src, 'id'), { recursive: true });
  writeFileSync(join(src, longName), '{"long":true}');
  writeFileSync(join(src, 'layer-data.tar'), big);
  symlinkSync('../layer-data.tar', join(src, 'id', 'layer.tar'));
  symlinkSync('id/layer.tar', join(src, 'chain'));
  symlinkSync('loop-b', join(src, 'loop-a'));
  symlinkSync('loop-a', join(src, 'loop-b'));
  symlinkSync('../../../../etc/hostname', join(src, 'escape'));
  execFileSync('ln', [join(src, 'layer-data.tar'), join(src, 'hard.tar')]);
  for (const format of ['pax', 'gnu', 'ustar']) {
    // ustar cannot hold a 211-byte name: skip it there.
    const exclude = format === 'ustar' ? ['--exclude', 'ddd*'] : [];
    execFileSync('tar', [
      `--format=${format}`,
      ...exclude,
      '-cf',
      join(tmp.path, `${format}.tar`),
      '-C',
      src,
      '.',
    ]);
  }
  execFileSync('bash', ['-c', `gzip -c "${join(tmp.path, 'pax.tar')}" > "${join(tmp.path, 'pax.tar.gz')}"`]);
});
afterAll(() => tmp.cleanup());

async function readAll(store: BlobStore, path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.open(path)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function failure(p: Promise<unknown>): Promise<VigiaError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof VigiaError) return err;
  throw new Error(`expected a VigiaError, got ${String(err)}`);
}

const stores: [string, () => Promise<BlobStore>, boolean][] = [
  ['pax tar', () => openTarFile(join(tmp.path, 'pax.tar')), true],
  ['gnu tar', () => openTarFile(join(tmp.path, 'gnu.tar')), true],
  ['ustar tar', () => openTarFile(join(tmp.path, 'ustar.tar')), false],
  ['gzip pax tar', () => openGzipTar(join(tmp.path, 'pax.tar.gz')), true],
  ['directory', async () => openDirStore(src), true],
];

describe.each(stores)('%s store', (_name, open, hasLong) => {
  it('reads small and big files, following symlinks and hardlinks inside the container', async () => {
    const store = await open();
    expect(await store.size('layer-data.tar')).toBe(big.length);
    expect((await readAll(store, 'id/layer.tar')).equals(big)).toBe(true);
    expect((await readAll(store, 'chain')).equals(big)).toBe(true);
    expect((await readAll(store, 'hard.tar')).equals(big)).toBe(true);
    if (hasLong) expect((await store.read(longName, 1024)).toString()).toBe('{"long":true}');
    expect(await store.size('absent')).toBeUndefined();
    expect((await failure(store.open('absent'))).code).toBe('BLOB_MISSING');
    expect((await failure(store.read('layer-data.tar', 1024))).code).toBe('IMAGE_INVALID');
    await store.close();
  });
});

describe.each(stores.slice(0, 4))('%s archive links', (_name, open) => {
  it('reports a symlink loop inside the archive as UNSAFE_PATH', async () => {
    const store = await open();
    expect((await failure(store.open('loop-a'))).code).toBe('UNSAFE_PATH');
  });

  it('resolves a link that climbs out of the archive inside it (never on the host)', async () => {
    const store = await open();
    // `escape` -> ../../../../etc/hostname resolves to /etc/hostname inside the archive: absent.
    expect(await store.size('escape')).toBeUndefined();
  });
});

describe('tar index', () => {
  it('rejects a file that is not a tar', async () => {
    writeFileSync(join(tmp.path, 'junk.tar'), Buffer.alloc(2048, 'j'));
    const err = await failure(openTarFile(join(tmp.path, 'junk.tar')));
    expect(err.code).toBe('IMAGE_INVALID');
    expect(err.message).toContain('not a tar archive');
  });
});
