import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { VigiaError } from '../core/errors.js';
import { fileError } from './store/dir.js';
import type { LayerOrigin } from './media-types.js';
import { MediaTypes } from './media-types.js';
import type { ImageConfig, LayerRef, OpenedImage } from './types.js';

/** Every entry of the pseudo-layer gets this mtime, so the diffID depends on content only. */
const FIXED_MTIME = new Date(0);

/**
 * A plain directory holding a root file system (`dir:PATH`), seen as an image of one layer: a
 * tar of the directory is generated on the fly (entries sorted by name, fixed mtime, owners
 * and modes kept, symlinks stored as links and never followed, sockets skipped, devices and
 * FIFOs as headers only) so that the layer walker stays the only code path. The diffID is the
 * sha256 of that stream: opening costs one pass over the directory to compute it (so that it can
 * key the layer cache), and walking costs a second one, which checks the directory did not
 * change in between.
 */
export async function openRootfsDir(root: string, origin: LayerOrigin): Promise<OpenedImage> {
  try {
    if (!(await stat(root)).isDirectory()) {
      throw new VigiaError('FILE_UNREADABLE', `${root}: cannot read: not a directory`);
    }
  } catch (err) {
    if (err instanceof VigiaError) throw err;
    throw fileError(root, err);
  }
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of packDirectory(root)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  const diffID = `sha256:${hash.digest('hex')}`;
  const config: ImageConfig = {
    architecture: 'unknown',
    os: 'linux',
    config: {},
    rootfs: { type: 'layers', diff_ids: [diffID] },
    history: [{ createdBy: `dir:${root}`, emptyLayer: false }],
  };
  const layer: LayerRef = {
    index: 0,
    digest: diffID,
    verifyDigest: false,
    diffID,
    mediaType: MediaTypes.ociLayer,
    compression: 'none',
    size,
    history: { createdBy: `dir:${root}`, emptyLayer: false },
  };
  return {
    source: origin.source,
    name: origin.name,
    repoTags: [],
    configDigest: diffID,
    platform: { os: 'linux', architecture: 'unknown' },
    config,
    layers: [layer],
    openLayer: async () => packDirectory(root),
    close: async () => {},
  };
}

/** A tar stream of the directory `root` (see {@link openRootfsDir}), with back-pressure. */
export function packDirectory(root: string): Readable {
  const pack = tar.pack();
  const out = Readable.from(pack as unknown as AsyncIterable<Buffer>, { objectMode: false });
  let closed = false;
  pack.on('close', () => (closed = true));
  fill(pack, root, () => closed).then(
    () => pack.finalize(),
    (err: unknown) => pack.destroy(err instanceof Error ? err : new Error(String(err))),
  );
  return out;
}

async function fill(pack: tar.Pack, root: string, closed: () => boolean): Promise<void> {
  const visit = async (rel: string): Promise<void> => {
    const dir = rel ? join(root, rel) : root;
    let names: string[];
    try {
      names = (await readdir(dir)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    } catch (err) {
      throw fileError(dir, err);
    }
    for (const name of names) {
      if (closed()) return;
      const relPath = rel ? `${rel}/${name}` : name;
      const full = join(root, relPath);
      let st;
      try {
        st = await lstat(full);
      } catch (err) {
        throw fileError(full, err);
      }
      const base = { name: relPath, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: FIXED_MTIME };
      if (st.isDirectory()) {
        pack.entry({ ...base, name: `${relPath}/`, type: 'directory' });
        await visit(relPath);
      } else if (st.isFile()) {
        await addFile(pack, { ...base, size: st.size, type: 'file' }, full, closed);
      } else if (st.isSymbolicLink()) {
        pack.entry({ ...base, type: 'symlink', linkname: await readlink(full) });
      } else if (st.isFIFO()) {
        pack.entry({ ...base, type: 'fifo' });
      } else if (st.isCharacterDevice() || st.isBlockDevice()) {
        pack.entry({ ...base, type: st.isCharacterDevice() ? 'character-device' : 'block-device' });
      }
    }
  };
  await visit('');
}

async function addFile(
  pack: tar.Pack,
  header: Parameters<tar.Pack['entry']>[0],
  full: string,
  closed: () => boolean,
): Promise<void> {
  let finished!: Promise<void>;
  const entry = (() => {
    let resolve!: () => void;
    let reject!: (err: Error) => void;
    finished = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    return pack.entry(header, (err) => (err ? reject(err) : resolve()));
  })();
  try {
    for await (const chunk of createReadStream(full, { highWaterMark: 256 * 1024 })) {
      if (closed()) return;
      if (!entry.write(chunk)) {
        await new Promise<void>((resolve) => {
          entry.once('drain', resolve);
          pack.once('close', resolve);
        });
      }
    }
  } catch (err) {
    throw fileError(full, err);
  }
  entry.end(undefined);
  try {
    await finished;
  } catch (err) {
    throw new VigiaError('FILE_UNREADABLE', `${full}: changed while being read (${String(err)})`, {
      cause: err,
    });
  }
}
