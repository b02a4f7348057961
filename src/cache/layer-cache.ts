import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import type { Warning } from '../core/warnings.js';
import type { LayerFacts } from '../scan/layer-facts.js';

/** Bump when the stored layout of LayerFacts changes incompatibly. */
export const LAYER_CACHE_SCHEMA = 1;

/** An analyzer's identity as it enters the cache key. */
export interface AnalyzerStamp {
  id: string;
  version: number;
}

/**
 * The cache key of a layer's facts: its diffID plus the ids and versions of every analyzer that
 * ran. A new advisory DB never changes it; a new analyzer version does.
 */
export function layerCacheKey(diffID: string, analyzers: readonly AnalyzerStamp[]): string {
  const stamps = analyzers
    .map((a) => `${a.id}@${a.version}`)
    .sort()
    .join(',');
  return createHash('sha256').update(`${LAYER_CACHE_SCHEMA}\n${diffID}\n${stamps}`).digest('hex');
}

/**
 * The layer-fact cache: SQLite under `<cacheDir>/layers/`. Each row holds one layer's facts as
 * gzip'd JSON with a sha256 of the JSON, so a damaged row is detected and ignored rather than
 * trusted. Writes are single transactions (atomic); a file that is not a readable cache is
 * moved aside and rebuilt, with a warning.
 */
export class LayerCache {
  private readonly db: Database.Database;
  private readonly getStmt: Database.Statement<[string], { data: Buffer; sha256: string }>;
  private readonly putStmt: Database.Statement<[string, string, Buffer, string, number]>;
  /** Warnings raised while opening or reading (corrupt file, damaged rows). */
  readonly warnings: Warning[] = [];

  private constructor(db: Database.Database) {
    this.db = db;
    this.getStmt = db.prepare('SELECT data, sha256 FROM layer_facts WHERE key = ?');
    this.putStmt = db.prepare(
      'INSERT OR REPLACE INTO layer_facts (key, diff_id, data, sha256, stored_at) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /** Open (creating if needed) the cache in `<cacheDir>/layers/`. */
  static open(cacheDir: string): LayerCache {
    const dir = join(cacheDir, 'layers');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'layers.db');
    const warnings: Warning[] = [];
    let db: Database.Database;
    try {
      db = openChecked(file);
    } catch (err) {
      const aside = `${file}.corrupt-${Date.now()}`;
      warnings.push({
        code: 'cache-corrupt',
        message: `layer cache ${file} is unreadable (${(err as Error).message}); moved to ${aside} and rebuilt`,
      });
      for (const suffix of ['', '-wal', '-shm']) {
        try {
          renameSync(file + suffix, aside + suffix);
        } catch {
          rmSync(file + suffix, { force: true });
        }
      }
      db = openChecked(file);
    }
    const cache = new LayerCache(db);
    cache.warnings.push(...warnings);
    return cache;
  }

  /** The cached facts for `key`, or undefined (a damaged row counts as a miss, with a warning). */
  get(key: string): LayerFacts | undefined {
    const row = this.getStmt.get(key);
    if (!row) return undefined;
    try {
      const json = gunzipSync(row.data);
      if (createHash('sha256').update(json).digest('hex') !== row.sha256)
        throw new Error('checksum mismatch');
      return JSON.parse(json.toString('utf8')) as LayerFacts;
    } catch (err) {
      this.warnings.push({
        code: 'cache-row-damaged',
        message: `layer cache entry ${key.slice(0, 12)} is damaged (${(err as Error).message}); re-analysing the layer`,
      });
      return undefined;
    }
  }

  /** True when facts for `key` are cached (without decoding them). */
  has(key: string): boolean {
    return this.getStmt.get(key) !== undefined;
  }

  /** Store a layer's facts under `key` (one atomic transaction). */
  put(key: string, facts: LayerFacts): void {
    const json = Buffer.from(JSON.stringify(facts), 'utf8');
    const sha = createHash('sha256').update(json).digest('hex');
    this.putStmt.run(key, facts.diffID, gzipSync(json, { level: 1 }), sha, Date.now());
  }

  close(): void {
    this.db.close();
  }
}

function openChecked(file: string): Database.Database {
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check: ${String(check)}`);
    db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS layer_facts (
        key TEXT PRIMARY KEY, diff_id TEXT NOT NULL, data BLOB NOT NULL, sha256 TEXT NOT NULL, stored_at INTEGER NOT NULL);`);
    const schema = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as
      { value: string } | undefined;
    if (!schema) {
      db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(String(LAYER_CACHE_SCHEMA));
    } else if (schema.value !== String(LAYER_CACHE_SCHEMA)) {
      db.exec('DELETE FROM layer_facts');
      db.prepare("UPDATE meta SET value = ? WHERE key = 'schema'").run(String(LAYER_CACHE_SCHEMA));
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
