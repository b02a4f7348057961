import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { VigiaError, describeError } from '../../core/errors.js';
import { normaliseEntryName } from '../paths.js';
import { type BlobStore, blobMissing, checkReadable } from './types.js';

const READ_CHUNK = 1024 * 1024;

/** A `FILE_UNREADABLE` error for a host file, with the OS reason in words. */
export function fileError(path: string, err: unknown): VigiaError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : code === 'ENOTDIR'
            ? 'a path component is not a directory'
            : describeError(err);
  return new VigiaError('FILE_UNREADABLE', `${path}: cannot read: ${reason}`, { cause: err });
}

/**
 * A directory on the host holding an image container format (an OCI image layout). Paths are
 * resolved under the directory and may not climb out of it. The directory is the user's own,
 * so symlinks inside it (blobs shared with another layout) are followed like any reader would.
 */
export function openDirStore(root: string): BlobStore {
  const locate = (path: string): string => {
    const rel = normaliseEntryName(path);
    if (rel === undefined)
      throw new VigiaError('UNSAFE_PATH', `${root}: ${path} escapes the layout directory`);
    return join(root, rel);
  };
  const fileSize = async (path: string): Promise<number | undefined> => {
    const full = locate(path);
    try {
      const s = await stat(full);
      return s.isFile() ? s.size : undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw fileError(full, err);
    }
  };
  return {
    label: root,
    size: fileSize,
    async read(path, maxBytes) {
      const size = await fileSize(path);
      if (size === undefined) throw blobMissing(root, path);
      checkReadable(root, path, size, maxBytes);
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of createReadStream(locate(path))) chunks.push(chunk as Buffer);
      } catch (err) {
        throw fileError(locate(path), err);
      }
      return Buffer.concat(chunks);
    },
    async open(path) {
      const size = await fileSize(path);
      if (size === undefined) throw blobMissing(root, path);
      if (size === 0) return Readable.from([]);
      return createReadStream(locate(path), { highWaterMark: READ_CHUNK });
    },
    async topLevel() {
      try {
        return (await readdir(root, { withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name);
      } catch (err) {
        throw fileError(root, err);
      }
    },
    async close() {},
  };
}
