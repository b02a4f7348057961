import { createReadStream, createWriteStream, renameSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { describeError, VigiaError } from '../core/errors.js';
import { DEFAULT_LOCK_TIMEOUT_MS, type BuildOptions } from './build.js';
import { fsyncDir, fsyncFile, removeLeftovers, removeQuietly, tempPath, writeFailed } from './fsutil.js';
import { acquireUpdateLock } from './lock.js';
import { STORE_FILE, type DbMetadata } from './schema.js';
import { AdvisoryStore } from './store.js';
import { mkdirSync } from 'node:fs';

/**
 * The whole store as one file, for air-gapped machines: `db export FILE` writes a copy of
 * `vigia.db` (gzip-compressed when FILE ends in `.gz`); `db import FILE` validates such a file (a
 * vigia store of this schema that passes SQLite's integrity check) and swaps it in atomically.
 */
export async function exportStore(
  dbDir: string,
  file: string,
): Promise<{ path: string; bytes: number; metadata: DbMetadata }> {
  const store = AdvisoryStore.open(dbDir);
  let metadata: DbMetadata;
  try {
    metadata = store.metadata();
  } finally {
    store.close();
  }
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // The live file is only ever replaced by rename, never modified, so a plain copy is consistent.
    const source = createReadStream(join(dbDir, STORE_FILE));
    const sink = createWriteStream(tmp, { flags: 'wx' });
    if (file.endsWith('.gz')) await pipeline(source, createGzip({ level: 6 }), sink);
    else await pipeline(source, sink);
    fsyncFile(tmp);
    renameSync(tmp, file);
  } catch (err) {
    removeQuietly(tmp);
    throw writeFailed(file, err);
  }
  return { path: file, bytes: statSync(file).size, metadata };
}

/** Replace the live store with a store file (plain or gzip), after validating it. */
export async function importStoreFile(
  file: string,
  gzipped: boolean,
  opts: BuildOptions,
): Promise<DbMetadata> {
  try {
    mkdirSync(opts.dbDir, { recursive: true });
  } catch (err) {
    throw writeFailed(opts.dbDir, err);
  }
  const lock = await acquireUpdateLock(opts.dbDir, opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  const tmp = tempPath(opts.dbDir, 'import', '.db');
  try {
    removeLeftovers(opts.dbDir);
    opts.progress?.status(`copying ${file}`);
    try {
      const source = createReadStream(file);
      const sink = createWriteStream(tmp, { flags: 'wx' });
      if (gzipped) await pipeline(source, createGunzip(), sink);
      else await pipeline(source, sink);
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('Z_')) {
        throw new VigiaError('FEED_INVALID', `${file}: corrupt gzip stream (${describeError(err)})`, {
          cause: err,
        });
      }
      if ((err as { path?: string }).path === file) {
        throw new VigiaError('FILE_UNREADABLE', `${file}: cannot read: ${describeError(err)}`, {
          cause: err,
        });
      }
      throw writeFailed(tmp, err);
    }
    opts.progress?.status(`checking ${file}`);
    let metadata: DbMetadata;
    const store = openImported(tmp, file);
    try {
      store.verifyIntegrity();
      metadata = { ...store.metadata(), path: join(opts.dbDir, STORE_FILE) };
    } finally {
      store.close();
    }
    try {
      fsyncFile(tmp);
      renameSync(tmp, join(opts.dbDir, STORE_FILE));
      fsyncDir(opts.dbDir);
    } catch (err) {
      throw writeFailed(join(opts.dbDir, STORE_FILE), err);
    }
    opts.progress?.done();
    return metadata;
  } finally {
    removeQuietly(tmp);
    lock.release();
  }
}

/** Open the copied file, naming the user's file (not the temp copy) in errors. */
function openImported(tmp: string, file: string): AdvisoryStore {
  try {
    const store = AdvisoryStore.openFile(tmp);
    return store;
  } catch (err) {
    const message = describeError(err).split(tmp).join(file);
    throw new VigiaError('DB_CORRUPT', message, { cause: err });
  }
}
