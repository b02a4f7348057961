import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../core/errors.js';
import { removeLeftovers, writeFailed } from './fsutil.js';
import { acquireUpdateLock } from './lock.js';
import { newFeedReport, type FeedReport, type UpdateReport } from './report.js';
import { STORE_FILE, type SourceMeta } from './schema.js';
import { AdvisoryStore } from './store.js';
import { StoreWriter } from './writer.js';

/** Progress of long work (the CLI's stderr bar satisfies it). */
export interface Progress {
  start(label: string, total?: number): void;
  advance(amount: number): void;
  status(label: string): void;
  done(): void;
}

/** Options shared by every operation that rebuilds the store. */
export interface BuildOptions {
  dbDir: string;
  /** How long to wait for another update to finish (default 60 s). */
  lockTimeoutMs?: number;
  progress?: Progress;
  now?: () => Date;
  vigiaVersion?: string;
}

/** The live store being replaced, if it was readable. */
export interface PreviousStore {
  path: string;
  sources: Map<string, SourceMeta>;
}

/** What the work function of a rebuild gets. */
export interface BuildSession {
  writer: StoreWriter;
  previous: PreviousStore | undefined;
  now: Date;
  notes: string[];
}

/** How long `db update`/`db import` wait for another one to finish, unless told otherwise. */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

/** A progress reporter that does nothing (library callers without a CLI). */
export const noProgress: Progress = { start() {}, advance() {}, status() {}, done() {} };

/**
 * Rebuild the store under the update lock: `work` fills a new store (in a temp file), feeds of the
 * previous store for which `keep(id)` is true and that `work` did not write are copied over, then
 * the new store replaces the old one atomically. Any failure leaves the old store untouched.
 */
export async function rebuildStore(
  opts: BuildOptions,
  work: (session: BuildSession) => Promise<FeedReport[]>,
  keep: (feedId: string) => boolean,
): Promise<UpdateReport> {
  try {
    mkdirSync(opts.dbDir, { recursive: true });
  } catch (err) {
    throw writeFailed(opts.dbDir, err);
  }
  const lock = await acquireUpdateLock(opts.dbDir, opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  try {
    const notes: string[] = [];
    const leftovers = removeLeftovers(opts.dbDir);
    if (leftovers.length) notes.push(`removed ${leftovers.length} temp file(s) left by an interrupted run`);
    const previous = readPrevious(opts.dbDir, notes);
    const now = (opts.now ?? (() => new Date()))();
    const writer = StoreWriter.create(opts.dbDir, previous?.path);
    try {
      const feeds = await work({ writer, previous, now, notes });
      const written = new Set(feeds.map((f) => f.feed));
      for (const [id, meta] of previous?.sources ?? []) {
        if (written.has(id) || !keep(id)) continue;
        writer.copyFeed(id);
        writer.setSource(meta);
        feeds.push({ ...newFeedReport(id, meta.url, 'kept'), records: meta.records });
      }
      (opts.progress ?? noProgress).status('writing the advisory store');
      const dbPath = writer.commit(now, opts.vigiaVersion);
      (opts.progress ?? noProgress).done();
      return { dbPath, builtAt: now.toISOString(), feeds, notes };
    } catch (err) {
      writer.abort();
      (opts.progress ?? noProgress).done();
      throw err;
    }
  } finally {
    lock.release();
  }
}

function readPrevious(dbDir: string, notes: string[]): PreviousStore | undefined {
  const path = join(dbDir, STORE_FILE);
  let store: AdvisoryStore;
  try {
    store = AdvisoryStore.openFile(path);
  } catch (err) {
    if ((err as { code?: string }).code !== 'DB_MISSING') {
      notes.push(`previous store not reused (${describeError(err)}); every feed is fetched in full`);
    }
    return undefined;
  }
  try {
    return { path, sources: new Map(store.metadata().sources.map((s) => [s.id, s])) };
  } finally {
    store.close();
  }
}
