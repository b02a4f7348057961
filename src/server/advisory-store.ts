import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  AdvisoryStore,
  defaultDbDir,
  ensureFreshEnough,
  GET_A_STORE,
  STORE_FILE,
} from '../advisories/index.js';
import { VigiaError } from '../core/errors.js';
import type { Warning } from '../core/warnings.js';

interface Opened {
  store: AdvisoryStore;
  /** inode, size and mtime of the file when it was opened. */
  key: string;
  users: number;
  retired: boolean;
}

/** A store lent to one scan; `release()` when the scan is over. */
export interface StoreLease {
  store: AdvisoryStore;
  /** `db-stale` when the data is older than the allowed age. */
  warnings: Warning[];
  release(): void;
}

/**
 * The advisory store of a long-running server: opened read-only once, never downloaded (serve
 * has `--offline` semantics; `vigia db update` run beside it, e.g. from cron, replaces the file
 * atomically). Each scan leases the store; when the file was replaced since it was opened, the
 * next lease opens the new one and the old one closes once its last scan releases it.
 */
export class StoreHandle {
  private current: Opened;

  private constructor(
    private readonly file: string,
    private readonly maxAgeDays: number,
    first: Opened,
  ) {
    this.current = first;
  }

  /** Open `<cacheDir>/db/vigia.db`; `DB_MISSING` (with how to get one) when there is none. */
  static open(cacheDir: string, maxAgeDays: number): StoreHandle {
    const dbDir = defaultDbDir(cacheDir);
    const file = join(dbDir, STORE_FILE);
    const key = fileKey(file);
    if (!key) {
      throw new VigiaError(
        'DB_MISSING',
        `no advisory database in ${dbDir}: vigia serve never downloads one; ${GET_A_STORE} first`,
      );
    }
    return new StoreHandle(file, maxAgeDays, {
      store: AdvisoryStore.open(dbDir),
      key,
      users: 0,
      retired: false,
    });
  }

  /** The store for one scan (reopened first if the file changed). */
  lease(now: Date): StoreLease {
    const key = fileKey(this.file);
    if (key && key !== this.current.key) {
      const fresh = AdvisoryStore.openFile(this.file);
      const old = this.current;
      old.retired = true;
      if (old.users === 0) old.store.close();
      this.current = { store: fresh, key, users: 0, retired: false };
    }
    const held = this.current;
    held.users++;
    const stale = ensureFreshEnough(held.store.metadata(), this.maxAgeDays, now);
    let released = false;
    return {
      store: held.store,
      warnings: stale ? [stale] : [],
      release: () => {
        if (released) return;
        released = true;
        held.users--;
        if (held.retired && held.users === 0) held.store.close();
      },
    };
  }

  /** The metadata of the store currently in use. */
  metadata(): ReturnType<AdvisoryStore['metadata']> {
    return this.current.store.metadata();
  }

  close(): void {
    this.current.store.close();
  }
}

function fileKey(file: string): string | undefined {
  try {
    const st = statSync(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}
