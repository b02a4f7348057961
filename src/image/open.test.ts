import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VigiaError } from '../core/errors.js';
import { fixtureImage, tempDir } from '../test-support/fixtures.js';
import { extractLayout, rewriteConfig } from './__fixtures__/hostile.js';
import { openImage } from './open.js';

const tmp = tempDir('vigia-open-');
afterAll(() => tmp.cleanup());

async function failure(input: string): Promise<VigiaError> {
  const err = await openImage(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof VigiaError) return err;
  throw new Error(`expected a VigiaError, got ${String(err)}`);
}

describe('openImage structural checks', () => {
  it('refuses a config whose diff_ids do not match the layer count', async () => {
    const dir = join(tmp.path, 'count');
    extractLayout(fixtureImage('alpine-310-zstd.oci.tar'), dir);
    rewriteConfig(dir, (c) => c.rootfs.diff_ids.push(`sha256:${'2'.repeat(64)}`));
    const err = await failure(`oci:${dir}`);
    expect(err.code).toBe('IMAGE_INVALID');
    expect(err.message).toContain('the config lists 2 diff_ids but the image has 1 layers');
  });

  it('refuses a config that fails validation, naming the field', async () => {
    const dir = join(tmp.path, 'schema');
    extractLayout(fixtureImage('alpine-310-zstd.oci.tar'), dir);
    rewriteConfig(dir, (c) => Object.assign(c, { rootfs: { type: 'layers', diff_ids: ['not-a-digest'] } }));
    const err = await failure(`oci:${dir}`);
    expect(err.code).toBe('IMAGE_INVALID');
    expect(err.message).toMatch(/config sha256:\w+: invalid at rootfs\.diff_ids\.0/);
  });

  it('detects a config blob whose content does not match its digest', async () => {
    const dir = join(tmp.path, 'tampered');
    extractLayout(fixtureImage('alpine-310-zstd.oci.tar'), dir);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    const manifestPath = join(dir, 'blobs/sha256', index.manifests[0].digest.slice(7));
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const configPath = join(dir, 'blobs/sha256', manifest.config.digest.slice(7));
    writeFileSync(configPath, readFileSync(configPath, 'utf8').replace('amd64', 'arm64'));
    const err = await failure(`oci:${dir}`);
    expect(err.code).toBe('DIGEST_MISMATCH');
    expect(err.message).toContain(`config blob ${manifest.config.digest} hashes to sha256:`);
  });

  it('gives registry references to the registry client', async () => {
    const image = openImage(
      { kind: 'registry', reference: '127.0.0.1:1/none/such:tag' },
      { retries: 0, timeoutMs: 2000 },
    );
    const err = await image.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(VigiaError);
    expect((err as VigiaError).message).toContain('127.0.0.1:1');
  });
});
