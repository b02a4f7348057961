import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { VigiaError, describeError, isVigiaError } from '../../core/errors.js';
import { fileError } from './dir.js';
import { addMember, membersStore } from './tar-file.js';
import type { BlobStore, Member } from './types.js';

/** Members up to this size are kept in memory by the metadata pass (manifests, configs). */
const KEEP_BYTES = 4 * 1024 * 1024;
/** And no more than this in total, whatever the archive holds. */
const KEEP_TOTAL = 32 * 1024 * 1024;

/** One member as tar-stream's extract yields it. */
type TarEntry = tar.Extract extends AsyncIterable<infer S> ? S : never;

const TYPEFLAGS: Record<string, string> = {
  file: '0',
  'contiguous-file': '7',
  link: '1',
  symlink: '2',
  directory: '5',
};

/**
 * A gzip-compressed tar archive (`docker save | gzip`). gzip allows no random access, so: one
 * metadata pass decompresses the archive once, indexing members and keeping the small ones in
 * memory, then each big member (a layer) opened later costs one more streamed pass from the
 * start of the archive up to that member. Nothing is ever written to disk. Fine for the small
 * archives people gzip; a big image is better given as a plain tar or an OCI layout.
 */
export async function openGzipTar(path: string, label: string = path): Promise<BlobStore> {
  const members = new Map<string, Member>();
  let kept = 0;
  await forEachEntry(path, label, async (entry, ordinal) => {
    const { header } = entry;
    const typeflag = TYPEFLAGS[header.type ?? 'file'] ?? '?';
    const size = header.size ?? 0;
    const member = addMember(members, label, header.name, typeflag, size, ordinal, header.linkname ?? '');
    if (member.type === 'file' && size <= KEEP_BYTES && kept + size <= KEEP_TOTAL) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      kept += size;
      member.data = Buffer.concat(chunks);
      return;
    }
    entry.resume();
  });
  return membersStore(label, members, (member) => streamMember(path, label, member.offset));
}

/**
 * Decompress `path` and call `onEntry` for each member in order.
 * Errors of the archive itself become `IMAGE_INVALID` / `FILE_UNREADABLE` naming the file.
 */
async function forEachEntry(
  path: string,
  label: string,
  onEntry: (entry: TarEntry, ordinal: number) => Promise<void>,
): Promise<void> {
  const source = createReadStream(path, { highWaterMark: 1024 * 1024 });
  const extract = tar.extract();
  const feeding = pipeline(source, createGunzip({ chunkSize: 128 * 1024 }), extract).then(
    () => undefined,
    (err: unknown) => err,
  );
  let ordinal = 0;
  try {
    for await (const entry of extract) {
      await onEntry(entry, ordinal++);
    }
  } catch (err) {
    extract.destroy();
    await feeding;
    throw archiveError(label, err, source.bytesRead === 0);
  }
  extract.destroy();
  const err = await feeding;
  if (err && !isPrematureClose(err)) throw archiveError(label, err, false);
}

function isPrematureClose(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE';
}

function archiveError(path: string, err: unknown, nothingRead: boolean): VigiaError {
  if (isVigiaError(err)) return err;
  if ((err as NodeJS.ErrnoException).syscall) return fileError(path, err);
  const what = nothingRead ? 'cannot read' : 'truncated or corrupt gzip archive';
  return new VigiaError('IMAGE_INVALID', `${path}: ${what} (${describeError(err)})`, { cause: err });
}

/** Stream member number `ordinal` by decompressing the archive from its start up to it. */
function streamMember(path: string, label: string, ordinal: number): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    const source = createReadStream(path, { highWaterMark: 1024 * 1024 });
    const extract = tar.extract();
    const feeding = pipeline(source, createGunzip({ chunkSize: 128 * 1024 }), extract).then(
      () => undefined,
      (err: unknown) => err,
    );
    let n = 0;
    try {
      for await (const entry of extract) {
        if (n++ !== ordinal) {
          entry.resume();
          continue;
        }
        for await (const chunk of entry) yield chunk as Buffer;
        return;
      }
      throw new VigiaError('BLOB_MISSING', `${label}: archive member #${ordinal} vanished`);
    } catch (err) {
      if (isVigiaError(err)) throw err;
      if ((err as NodeJS.ErrnoException).syscall) throw fileError(label, err);
      throw new VigiaError(
        'LAYER_CORRUPT',
        `${label}: truncated or corrupt gzip archive (${describeError(err)})`,
        {
          cause: err,
        },
      );
    } finally {
      extract.destroy();
      await feeding;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
