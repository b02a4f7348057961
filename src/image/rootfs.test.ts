import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/fixtures.js';
import { openImage } from './open.js';
import { packDirectory } from './rootfs.js';
import type { EntryHeader } from './types.js';
import { walkLayer } from './walk.js';

const tmp = tempDir('vigia-rootfs-');
const root = join(tmp.path, 'root');

beforeAll(() => {
  mkdirSync(join(root, 'etc'), { recursive: true });
  mkdirSync(join(root, 'usr/lib'), { recursive: true });
  mkdirSync(join(root, 'b-dir'));
  writeFileSync(join(root, 'usr/lib/os-release'), 'ID=test\nVERSION_ID=1\n');
  symlinkSync('../usr/lib/os-release', join(root, 'etc/os-release'));
  // A link out of the directory: stored as a link, never followed on the host.
  symlinkSync('/etc/shadow', join(root, 'etc/shadow-link'));
  symlinkSync('../../../../../../etc/passwd', join(root, 'etc/passwd-link'));
  writeFileSync(join(root, 'a-file'), Buffer.alloc(100_000, 'a'));
  execFileSync('mkfifo', [join(root, 'fifo')]);
});
afterAll(() => tmp.cleanup());

describe('dir: root file system as one pseudo-layer', () => {
  it('walks every entry in sorted order, links as links, the FIFO as a header only', async () => {
    const image = await openImage(`dir:${root}`);
    expect(image.source).toBe('dir');
    expect(image.layers).toHaveLength(1);
    const headers: EntryHeader[] = [];
    let release = '';
    const layer = image.layers[0];
    if (!layer) throw new Error('no layer');
    const result = await walkLayer(image, layer, async (h, body) => {
      headers.push(h);
      if (h.path === '/usr/lib/os-release') for await (const c of body) release += c.toString();
    });
    expect(headers.map((h) => [h.path, h.type])).toEqual([
      ['/a-file', 'file'],
      ['/b-dir', 'dir'],
      ['/etc', 'dir'],
      ['/etc/os-release', 'symlink'],
      ['/etc/passwd-link', 'symlink'],
      ['/etc/shadow-link', 'symlink'],
      ['/fifo', 'other'],
      ['/usr', 'dir'],
      ['/usr/lib', 'dir'],
      ['/usr/lib/os-release', 'file'],
    ]);
    expect(headers.find((h) => h.path === '/etc/shadow-link')?.linkTarget).toBe('/etc/shadow');
    expect(release).toBe('ID=test\nVERSION_ID=1\n');
    expect(result.diffID).toBe(layer.diffID);
    await image.close();
  });

  it('generates a tar that GNU tar reads back, with a diffID that depends on content only', async () => {
    const out = join(tmp.path, 'pack.tar');
    const chunks: Buffer[] = [];
    for await (const c of packDirectory(root)) chunks.push(c as Buffer);
    writeFileSync(out, Buffer.concat(chunks));
    const listed = execFileSync('tar', ['-tf', out]).toString().trim().split('\n');
    expect(listed).toContain('usr/lib/os-release');
    expect(listed).toContain('etc/shadow-link');
    const first = (await openImage(`dir:${root}`)).layers[0]?.diffID;
    execFileSync('touch', ['-d', '2001-01-01', join(root, 'a-file')]);
    expect((await openImage(`dir:${root}`)).layers[0]?.diffID).toBe(first);
    writeFileSync(join(root, 'a-file'), 'changed');
    expect((await openImage(`dir:${root}`)).layers[0]?.diffID).not.toBe(first);
  });
});
