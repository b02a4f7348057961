import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { VigiaError } from '../core/errors.js';

/** Temp files in the db directory start with this; any left by a killed run are removed. */
export const TEMP_PREFIX = '.tmp-';

/** A fresh temp path in `dir`, e.g. `.tmp-store-1a2b3c4d.db`. */
export function tempPath(dir: string, label: string, ext = ''): string {
  return join(dir, `${TEMP_PREFIX}${label}-${randomBytes(6).toString('hex')}${ext}`);
}

/** fsync a file (by path) so that its data is on disk before a rename publishes it. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsync a directory so that a rename inside it is durable. Best effort where unsupported. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on directories; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Remove a file, ignoring "not there". */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing more to do: the caller is already handling a failure or cleaning up.
  }
}

/** Remove temp files a killed update left in `dir` (call only while holding the update lock). */
export function removeLeftovers(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    removeQuietly(join(dir, name));
    removed.push(name);
  }
  return removed;
}

/** A write error as a WRITE_FAILED VigiaError naming `path`. */
export function writeFailed(path: string, err: unknown): VigiaError {
  if (err instanceof VigiaError) return err;
  const why = err instanceof Error ? err.message : String(err);
  return new VigiaError('WRITE_FAILED', `cannot write ${path}: ${why}`, { cause: err });
}
