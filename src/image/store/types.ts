import type { Readable } from 'node:stream';
import { VigiaError } from '../../core/errors.js';
import { resolveInRoot } from '../paths.js';

/**
 * Read-only access to the files of an image container format (an archive or a directory):
 * what the docker-archive and OCI readers need, whatever the container. Paths are `/`-separated
 * and relative to the container's top (`index.json`, `blobs/sha256/…`); symlinks and hardlinks
 * inside an archive are resolved inside the archive.
 */
export interface BlobStore {
  /** The container as named to the user (its path), for messages. */
  readonly label: string;
  /** Size of a regular file after link resolution, or `undefined` when there is none. */
  size(path: string): Promise<number | undefined>;
  /** A whole (small) file; `IMAGE_INVALID` when it is bigger than `maxBytes`, `BLOB_MISSING` when absent. */
  read(path: string, maxBytes: number): Promise<Buffer>;
  /** Stream a file (possibly big), never buffered whole. `BLOB_MISSING` when absent. */
  open(path: string): Promise<Readable>;
  /** Names of the regular files at the top level (for format detection and messages). */
  topLevel(): Promise<string[]>;
  close(): Promise<void>;
}

/** One member of an archive, indexed by its normalised absolute path. */
export interface Member {
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  size: number;
  /** Byte offset of the content in the (uncompressed) archive. */
  offset: number;
  /** Symlink target as written, or the normalised hardlink target. */
  linkTarget?: string;
  /** Content kept in memory (small members of compressed archives). */
  data?: Buffer;
}

/**
 * Follow symlinks (inside the archive, never on the host) and hardlinks to the regular member
 * behind `path`. Loops are `UNSAFE_PATH`.
 */
export function resolveMember(
  members: ReadonlyMap<string, Member>,
  path: string,
  label: string,
): { path: string; member: Member } | undefined {
  let current = path;
  for (let hop = 0; hop < 40; hop++) {
    let resolved: string;
    try {
      resolved = resolveInRoot(current, (p) => {
        const m = members.get(p);
        return m?.type === 'symlink' ? m.linkTarget : undefined;
      });
    } catch {
      throw new VigiaError('UNSAFE_PATH', `${label}: ${path}: symlink loop inside the archive`);
    }
    const member = members.get(resolved);
    if (!member) return undefined;
    if (member.type !== 'hardlink') return { path: resolved, member };
    current = member.linkTarget ?? '/';
  }
  throw new VigiaError('UNSAFE_PATH', `${label}: ${path}: hardlink loop inside the archive`);
}

/** `read()` of a member kept in memory or not, with the size cap applied. */
export function checkReadable(label: string, path: string, size: number, maxBytes: number): void {
  if (size > maxBytes) {
    throw new VigiaError(
      'IMAGE_INVALID',
      `${label}: ${path} is ${size} bytes, more than the ${maxBytes} allowed for an image document`,
    );
  }
}

/** The error for a file the format names but the container lacks. */
export function blobMissing(label: string, path: string): VigiaError {
  return new VigiaError('BLOB_MISSING', `${label}: ${path} is missing`);
}
