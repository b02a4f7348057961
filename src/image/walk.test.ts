import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { VigiaError } from '../core/errors.js';
import { memoryImage, sha256, tarOf } from './__fixtures__/memory.js';
import type { EntryHeader } from './types.js';
import { walkLayer } from './walk.js';

async function walkAll(blob: Buffer, options: Parameters<typeof memoryImage>[1] = {}) {
  const image = memoryImage([blob], options);
  const layer = image.layers[0];
  if (!layer) throw new Error('no layer');
  const headers: EntryHeader[] = [];
  const result = await walkLayer(image, layer, (h) => void headers.push(h));
  return { headers, result };
}

async function walkError(promise: Promise<unknown>): Promise<VigiaError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof VigiaError)) throw new Error(`expected a VigiaError, got ${String(err)}`);
  return err;
}

describe('walkLayer entries', () => {
  it('normalises paths, keeps symlink targets as written and normalises hardlink targets', async () => {
    const blob = await tarOf([
      { name: './etc/', type: 'directory' },
      { name: './etc/os-release', content: 'ID=test\n' },
      { name: '/abs/file', content: 'x' },
      { name: 'a/./b/../c', content: 'y' },
      { name: 'bin/evil', type: 'symlink', linkname: '../../../etc/shadow' },
      { name: 'bin/hard', type: 'link', linkname: './etc/os-release' },
    ]);
    const { headers, result } = await walkAll(blob);
    expect(headers.map((h) => [h.path, h.type, h.linkTarget])).toEqual([
      ['/etc', 'dir', undefined],
      ['/etc/os-release', 'file', undefined],
      ['/abs/file', 'file', undefined],
      ['/a/c', 'file', undefined],
      ['/bin/evil', 'symlink', '../../../etc/shadow'],
      ['/bin/hard', 'hardlink', '/etc/os-release'],
    ]);
    expect(headers[1]).toMatchObject({ size: 8, mode: 0o644, uid: 0, gid: 0 });
    expect(result).toMatchObject({ entries: 6, diffID: sha256(blob), compression: 'none' });
  });

  it.each([
    ['app/.wh..env', 'whiteout', '/app/.env'],
    ['.wh.top', 'whiteout', '/top'],
    ['usr/share/.wh..wh..opq', 'opaque', '/usr/share'],
    ['.wh..wh..opq', 'opaque', '/'],
    ['x/.wh..wh.plnk', 'other', undefined],
  ])('recognises %s as %s of %s', async (name, type, target) => {
    const { headers } = await walkAll(await tarOf([{ name }]));
    expect([headers[0]?.type, headers[0]?.target]).toEqual([type, target]);
  });

  it.each([
    ['../../etc/passwd', { name: '../../etc/passwd', content: 'root:x:0:0' }],
    ['a/../../etc/passwd', { name: 'a/../../etc/passwd' }],
    ['a hardlink to ../x', { name: 'ok', type: 'link' as const, linkname: '../x' }],
    ['a whiteout of ..', { name: 'a/.wh...' }],
  ])('rejects %s as UNSAFE_PATH naming the layer and the entry', async (_label, item) => {
    const blob = await tarOf([{ name: 'fine', content: 'ok' }, item]);
    const err = await walkError(walkAll(blob));
    expect(err.code).toBe('UNSAFE_PATH');
    expect(err.message).toContain(`layer 0 (${sha256(blob)})`);
    expect(err.message).toContain(item.name);
  });
});

describe('walkLayer bodies', () => {
  const big = Buffer.alloc(3 * 1024 * 1024 + 17, 'z');

  it('streams bodies read fully, partly or not at all, and the tar stays in step', async () => {
    const blob = await tarOf([
      { name: 'full', content: big },
      { name: 'partial', content: big },
      { name: 'skipped', content: big },
      { name: 'last', content: 'the end' },
    ]);
    const image = memoryImage([blob], { chunk: 100_000 });
    const seen: Record<string, number> = {};
    let last = '';
    await walkLayer(image, image.layers[0] as never, async (h, body) => {
      if (h.path === '/skipped') return;
      let n = 0;
      for await (const chunk of body) {
        n += chunk.length;
        if (h.path === '/partial') break;
        if (h.path === '/last') last += chunk.toString();
      }
      seen[h.path] = n;
    });
    expect(seen['/full']).toBe(big.length);
    expect(seen['/partial']).toBeGreaterThan(0);
    expect(seen['/partial']).toBeLessThan(big.length);
    expect(last).toBe('the end');
  });

  it('refuses a second read of the same body', async () => {
    const blob = await tarOf([{ name: 'f', content: 'abc' }]);
    const image = memoryImage([blob]);
    const err = await walkError(
      walkLayer(image, image.layers[0] as never, async (_h, body) => {
        for await (const _ of body) void _;
        for await (const _ of body) void _;
      }),
    );
    expect(err.code).toBe('INTERNAL');
  });

  it('passes a visitor error through unchanged', async () => {
    const blob = await tarOf([{ name: 'a' }, { name: 'b' }]);
    const image = memoryImage([blob]);
    const boom = new Error('analyzer blew up');
    const err = await walkLayer(image, image.layers[0] as never, () => {
      throw boom;
    }).catch((e: unknown) => e);
    expect(err).toBe(boom);
  });

  it('handles a stored stream split into 1-byte chunks (magic sniffing across chunks)', async () => {
    const tarBytes = await tarOf([{ name: 'f', content: 'hello' }]);
    const gz = gzipSync(tarBytes);
    const { result, headers } = await walkAll(gz, { chunk: 1, diffIDs: [sha256(tarBytes)] });
    expect(result).toMatchObject({ compression: 'gzip', digest: sha256(gz), diffID: sha256(tarBytes) });
    expect(result.compressedBytes).toBe(gz.length);
    expect(result.uncompressedBytes).toBe(tarBytes.length);
    expect(headers.map((h) => h.path)).toEqual(['/f']);
  });
});

describe('walkLayer integrity', () => {
  it('reports a diffID mismatch naming the layer, the expected and the actual diffID', async () => {
    const blob = await tarOf([{ name: 'f', content: 'x' }]);
    const wrong = `sha256:${'0'.repeat(64)}`;
    const err = await walkError(walkAll(blob, { diffIDs: [wrong], digests: [sha256(blob)] }));
    expect(err.code).toBe('DIGEST_MISMATCH');
    expect(err.message).toMatch(/layer 0 .*diffID mismatch/);
    expect(err.message).toContain(wrong);
    expect(err.message).toContain(sha256(blob));
  });

  it('verifies a sha512 blob digest', async () => {
    const tarBytes = await tarOf([{ name: 'f', content: 'x' }]);
    const digest = `sha512:${createHash('sha512').update(tarBytes).digest('hex')}`;
    const { result } = await walkAll(tarBytes, { digests: [digest] });
    expect(result).toMatchObject({ digest, diffID: sha256(tarBytes) });
    const wrong = `sha512:${'3'.repeat(128)}`;
    expect((await walkError(walkAll(tarBytes, { digests: [wrong] }))).code).toBe('DIGEST_MISMATCH');
  });

  it('reports a blob digest mismatch', async () => {
    const tarBytes = await tarOf([{ name: 'f', content: 'x' }]);
    const wrong = `sha256:${'1'.repeat(64)}`;
    const err = await walkError(
      walkAll(gzipSync(tarBytes), { digests: [wrong], diffIDs: [sha256(tarBytes)] }),
    );
    expect(err.code).toBe('DIGEST_MISMATCH');
    expect(err.message).toContain('blob digest mismatch');
    expect(err.message).toContain(wrong);
  });

  it.each([
    [
      'a truncated gzip layer',
      async () => gzipSync(await tarOf([{ name: 'f', content: big() }])).subarray(0, 5000),
    ],
    ['a truncated plain tar', async () => (await tarOf([{ name: 'f', content: big() }])).subarray(0, 5000)],
    ['gzip of garbage', async () => gzipSync(Buffer.from('this is not a tar archive at all'.repeat(40)))],
    [
      'a corrupt gzip stream',
      async () => Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(600, 7)]),
    ],
  ])('reports %s as LAYER_CORRUPT naming the layer', async (_label, make) => {
    const blob = await make();
    const err = await walkError(walkAll(blob));
    expect(err.code).toBe('LAYER_CORRUPT');
    expect(err.message).toContain(`layer 0 (${sha256(blob)})`);
  });

  it('stops on abort', async () => {
    const blob = await tarOf([{ name: 'a', content: big() }]);
    const image = memoryImage([blob]);
    const controller = new AbortController();
    const err = await walkLayer(image, image.layers[0] as never, () => controller.abort(), {
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
  });
});

describe('walkLayer zstd', () => {
  it('decodes a multi-frame zstd layer (made by the zstd tool) and checks its diffID', async () => {
    const tarBytes = await tarOf([
      { name: 'one', content: Buffer.alloc(300_000, 'a') },
      { name: 'two', content: Buffer.alloc(300_000, 'b') },
    ]);
    const half = Math.floor(tarBytes.length / 2);
    const frame = (b: Buffer) => execFileSync('zstd', ['-q', '-c', '-'], { input: b });
    const zst = Buffer.concat([frame(tarBytes.subarray(0, half)), frame(tarBytes.subarray(half))]);
    const { result, headers } = await walkAll(zst, { chunk: 4096, diffIDs: [sha256(tarBytes)] });
    expect(result).toMatchObject({ compression: 'zstd', diffID: sha256(tarBytes), digest: sha256(zst) });
    expect(headers.map((h) => h.path)).toEqual(['/one', '/two']);
  });

  it('reports a truncated zstd layer as LAYER_CORRUPT', async () => {
    const tarBytes = await tarOf([{ name: 'one', content: Buffer.alloc(300_000, 'a') }]);
    const zst = execFileSync('zstd', ['-q', '-c', '-'], { input: tarBytes });
    const err = await walkError(walkAll(zst.subarray(0, zst.length - 10), { diffIDs: [sha256(tarBytes)] }));
    expect(err.code).toBe('LAYER_CORRUPT');
  });
});

/** Incompressible content, so that cutting the compressed stream really truncates it. */
function big(): Buffer {
  return randomBytes(200_000);
}
