import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir } from '../test-support/fixtures.js';
import { addBase, loadCatalogue } from './catalogue.js';

const tmp = tempDir('vigia-catalogue-');
afterAll(() => tmp.cleanup());
const d = (c: string) => `sha256:${c.repeat(64)}`;

describe('addBase', () => {
  it('creates the file, replaces the same base, keeps a new digest beside the old one', async () => {
    const file = join(tmp.path, 'bases.yaml');
    await addBase(file, {
      name: 'debian:12',
      manifestDigest: d('a'),
      diffIDs: [d('1')],
      addedAt: '2026-01-01T00:00:00Z',
    });
    await addBase(file, {
      name: 'alpine:3.20',
      manifestDigest: d('b'),
      diffIDs: [d('2')],
      addedAt: '2026-01-02T00:00:00Z',
    });
    // same name (normalised) and digest: replaced
    await addBase(file, {
      name: 'docker.io/library/debian:12',
      manifestDigest: d('a'),
      diffIDs: [d('1')],
      addedAt: '2026-02-01T00:00:00Z',
    });
    // a new digest of debian:12: added beside the old one
    await addBase(file, {
      name: 'debian:12',
      manifestDigest: d('c'),
      diffIDs: [d('3')],
      addedAt: '2026-03-01T00:00:00Z',
    });
    const { bases } = await loadCatalogue(file, true);
    expect(bases.map((b) => [b.name, b.manifestDigest, b.addedAt])).toEqual([
      ['alpine:3.20', d('b'), '2026-01-02T00:00:00Z'],
      ['docker.io/library/debian:12', d('a'), '2026-02-01T00:00:00Z'],
      ['debian:12', d('c'), '2026-03-01T00:00:00Z'],
    ]);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# vigia approved base images')).toBe(true);
    expect(parse(text)).toMatchObject({ version: 1 });
    expect(readdirSync(tmp.path)).toEqual(['bases.yaml']); // no temp file left behind
  });

  it('refuses a name that is not an image reference, and leaves the file alone', async () => {
    const file = join(tmp.path, 'bad.yaml');
    await expect(
      addBase(file, { name: 'Not A Name', diffIDs: [d('1')], addedAt: '2026-01-01T00:00:00Z' }),
    ).rejects.toThrow(/^Not A Name: cannot record as a base: name: expected an image reference$/);
    expect(readdirSync(tmp.path)).not.toContain('bad.yaml');
  });

  it('a missing catalogue is empty unless required', async () => {
    expect(await loadCatalogue(join(tmp.path, 'none.yaml'))).toEqual({ bases: [] });
    await expect(loadCatalogue(join(tmp.path, 'none.yaml'), true)).rejects.toThrow(
      /none\.yaml: cannot read: ENOENT/,
    );
  });

  it('a write into a missing directory is WRITE_FAILED with no temp file', async () => {
    await expect(
      addBase(join(tmp.path, 'no/such/dir/bases.yaml'), {
        name: 'debian:12',
        diffIDs: [d('1')],
        addedAt: '2026-01-01T00:00:00Z',
      }),
    ).rejects.toMatchObject({ code: 'WRITE_FAILED' });
  });
});
