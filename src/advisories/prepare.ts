import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VigiaError } from '../core/errors.js';
import type { Warning } from '../core/warnings.js';
import type { Progress } from './build.js';
import type { DbSettings } from './config.js';
import { ensureFreshEnough } from './freshness.js';
import { STORE_FILE } from './schema.js';
import { AdvisoryStore, defaultDbDir, GET_A_STORE } from './store.js';
import { updateStore } from './update.js';

/** How a scan wants its store. */
export interface PrepareOptions {
  cacheDir: string;
  settings: DbSettings;
  /** `--offline`: never touch the network. */
  offline: boolean;
  /** `--skip-db-update`: use the store as it is. */
  skipDbUpdate: boolean;
  progress?: Progress;
  now?: Date;
  userAgent?: string;
  vigiaVersion?: string;
}

/**
 * The store for a scan. With `offline` or `skipDbUpdate` nothing is downloaded: a missing store is
 * DB_MISSING saying how to get one, a stale one opens with a `db-stale` warning. Otherwise a
 * missing or stale store is updated first (visibly: progress on stderr and a `db-updated` warning
 * in the report), then opened.
 */
export async function prepareStore(
  opts: PrepareOptions,
): Promise<{ store: AdvisoryStore; warnings: Warning[] }> {
  const dbDir = defaultDbDir(opts.cacheDir);
  const now = opts.now ?? new Date();
  const noNetwork = opts.offline || opts.skipDbUpdate;
  const exists = existsSync(join(dbDir, STORE_FILE));
  if (!exists && noNetwork) {
    const flag = opts.offline ? '--offline' : '--skip-db-update';
    throw new VigiaError(
      'DB_MISSING',
      `no advisory database in ${dbDir} and ${flag} forbids downloading one: ${GET_A_STORE}`,
    );
  }
  if (exists) {
    const store = AdvisoryStore.open(dbDir);
    const stale = ensureFreshEnough(store.metadata(), opts.settings.maxAgeDays, now);
    if (!stale || noNetwork) return { store, warnings: stale ? [stale] : [] };
    store.close();
  }
  const report = await updateStore({
    dbDir,
    settings: opts.settings,
    ...(opts.progress ? { progress: opts.progress } : {}),
    ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
    ...(opts.vigiaVersion ? { vigiaVersion: opts.vigiaVersion } : {}),
  });
  const warnings: Warning[] = [
    {
      code: 'db-updated',
      message: `advisory database ${exists ? 'was stale and ' : 'was missing and '}has been downloaded to ${report.dbPath}`,
    },
  ];
  return { store: AdvisoryStore.open(dbDir), warnings };
}
