import { closeSync, openSync, readSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import { decodeHeader } from './store/tar-headers.js';
import { fileError } from './store/dir.js';

/** What the first bytes of a file say it is. */
export type FileKind =
  | { kind: 'tar'; firstMember: string }
  | { kind: 'gzip-tar'; firstMember: string }
  | { kind: 'other'; detail: string };

const HEAD_BYTES = 64 * 1024;

/**
 * Sniff a file without reading it whole: a tar archive (a valid first header), a gzip'd tar
 * (the start inflated, then the same), or something else. Synchronous and cheap (64 KiB).
 * Unreadable files are `FILE_UNREADABLE`.
 */
export function sniffFile(path: string): FileKind {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw fileError(path, err);
  }
  const head = Buffer.alloc(HEAD_BYTES);
  let n: number;
  try {
    n = readSync(fd, head, 0, HEAD_BYTES, 0);
  } catch (err) {
    throw fileError(path, err);
  } finally {
    closeSync(fd);
  }
  const bytes = head.subarray(0, n);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    let inflated: Buffer;
    try {
      inflated = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return { kind: 'other', detail: 'a corrupt gzip file' };
    }
    const header = decodeHeader(inflated.subarray(0, 512));
    if (header) return { kind: 'gzip-tar', firstMember: header.name };
    return { kind: 'other', detail: 'a gzip file that does not hold a tar archive' };
  }
  if (bytes[0] === 0x28 && bytes[1] === 0xb5 && bytes[2] === 0x2f && bytes[3] === 0xfd) {
    return { kind: 'other', detail: 'a zstd file (decompress it first)' };
  }
  const header = decodeHeader(bytes.subarray(0, 512));
  if (header) return { kind: 'tar', firstMember: header.name };
  return {
    kind: 'other',
    detail: n === 0 ? 'an empty file' : 'neither a tar archive nor a gzip-compressed tar',
  };
}

/** True when an archive's first member says "OCI image layout" rather than "docker save". */
export function looksLikeOciArchive(firstMember: string): boolean {
  const name = firstMember.replace(/^\.\//, '');
  return name === 'oci-layout' || name === 'index.json' || name.startsWith('blobs/') || name === 'blobs';
}
