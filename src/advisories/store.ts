import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Advisory, KnownExploited } from '../core/advisory.js';
import { describeError, VigiaError } from '../core/errors.js';
import { normalizePackageName } from './names.js';
import {
  SCHEMA_VERSION,
  STORE_FILE,
  STORE_FORMAT,
  type DbMetadata,
  type FeedKind,
  type SourceMeta,
} from './schema.js';

/** `<cacheDir>/db`: where the advisory store lives. */
export function defaultDbDir(cacheDir: string): string {
  return join(cacheDir, 'db');
}

/** The hint every "no store" error carries. */
export const GET_A_STORE = 'run `vigia db update` (online) or `vigia db import FILE` (offline)';

/**
 * Read-only access to the advisory store for the matcher. A lookup is one indexed read of the
 * precomputed answer for (ecosystem, normalised name) and one `JSON.parse`: every call returns
 * fresh objects the caller may keep or change.
 */
export class AdvisoryStore {
  private readonly lookup: Database.Statement<[string, string], string>;
  private readonly kev: Database.Statement<[string], { doc: string }>;
  private readonly coverage: Set<string>;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {
    this.lookup = db
      .prepare<[string, string], string>('SELECT advisories FROM lookup WHERE ecosystem = ? AND name = ?')
      .pluck();
    this.kev = db.prepare<[string], { doc: string }>('SELECT doc FROM kev WHERE cve = ?');
    const eco = db.prepare('SELECT ecosystem FROM coverage').pluck().all() as string[];
    this.coverage = new Set(eco);
  }

  /** Open `<dbDir>/vigia.db` read-only. Missing, corrupt or other-schema stores are errors. */
  static open(dbDir: string): AdvisoryStore {
    return AdvisoryStore.openFile(join(dbDir, STORE_FILE));
  }

  /** Open a store file read-only (also used to validate a file before `db import` swaps it in). */
  static openFile(path: string): AdvisoryStore {
    if (!existsSync(path)) {
      throw new VigiaError('DB_MISSING', `no advisory database at ${path}: ${GET_A_STORE}`);
    }
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
      // The live file is never written in place (updates rename a new file over it), so one
      // shared lock held for the connection's life is safe and saves two syscalls per query.
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('mmap_size = 268435456');
      checkFormat(path, db);
      return new AdvisoryStore(path, db);
    } catch (err) {
      db?.close();
      if (err instanceof VigiaError) throw err;
      throw new VigiaError(
        'DB_CORRUPT',
        `${path} is not a readable vigia advisory database (${describeError(err)}): ${GET_A_STORE}`,
        {
          cause: err,
        },
      );
    }
  }

  /**
   * Advisories affecting `(ecosystem, name)`, `affected` narrowed to that package. The name is
   * normalised the ecosystem's way. The same id from two feeds is returned once (the newest).
   * Sorted by id.
   */
  advisoriesFor(ecosystem: string, name: string): Advisory[] {
    const json = this.lookup.get(ecosystem, normalizePackageName(ecosystem, name));
    return json === undefined ? [] : (JSON.parse(json) as Advisory[]);
  }

  /** True when the store has data for `ecosystem` from a feed authoritative for it. */
  hasEcosystem(ecosystem: string): boolean {
    return this.coverage.has(ecosystem);
  }

  /** The ecosystems with data, sorted. */
  ecosystems(): string[] {
    return [...this.coverage].sort();
  }

  /** The CISA KEV entry for a CVE id, if the CVE is known to be exploited. */
  knownExploited(cve: string): KnownExploited | undefined {
    const row = this.kev.get(cve.toUpperCase());
    return row ? (JSON.parse(row.doc) as KnownExploited) : undefined;
  }

  /** Schema version, build time and the feeds the store was built from. */
  metadata(): DbMetadata {
    const meta = new Map(
      (this.db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [
        r.key,
        r.value,
      ]),
    );
    const sources = (this.db.prepare('SELECT * FROM sources ORDER BY id').all() as SourceRow[]).map(
      toSourceMeta,
    );
    return {
      path: this.path,
      schemaVersion: Number(meta.get('schema_version')),
      builtAt: meta.get('built_at') ?? '',
      ...(meta.has('vigia_version') ? { vigiaVersion: meta.get('vigia_version') } : {}),
      sources,
    };
  }

  /** Counts for status displays. */
  counts(): { advisories: number; affected: number; knownExploited: number } {
    const n = (sql: string) => this.db.prepare(sql).pluck().get() as number;
    return {
      advisories: n('SELECT count(*) FROM advisories'),
      affected: n('SELECT count(*) FROM affected'),
      knownExploited: n('SELECT count(*) FROM kev'),
    };
  }

  /** Run SQLite's quick integrity check; throws DB_CORRUPT on a problem. */
  verifyIntegrity(): void {
    const result = this.db.prepare('PRAGMA quick_check').pluck().all() as string[];
    if (result.length !== 1 || result[0] !== 'ok') {
      throw new VigiaError(
        'DB_CORRUPT',
        `${this.path} fails SQLite's integrity check: ${result.slice(0, 3).join('; ')}`,
      );
    }
  }

  /** Close the database connection; the store cannot be used afterwards. */
  close(): void {
    this.db.close();
  }
}

interface SourceRow {
  id: string;
  kind: string;
  url: string;
  etag: string | null;
  last_modified: string | null;
  digest: string | null;
  records: number;
  newest_modified: string | null;
  fetched_at: string;
  covers: string | null;
}

function toSourceMeta(r: SourceRow): SourceMeta {
  return {
    id: r.id,
    kind: r.kind as FeedKind,
    url: r.url,
    ...(r.etag ? { etag: r.etag } : {}),
    ...(r.last_modified ? { lastModified: r.last_modified } : {}),
    ...(r.digest ? { digest: r.digest } : {}),
    records: r.records,
    ...(r.newest_modified ? { newestModified: r.newest_modified } : {}),
    fetchedAt: r.fetched_at,
    ...(r.covers ? { covers: r.covers } : {}),
  };
}

function checkFormat(path: string, db: Database.Database): void {
  const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  const meta = new Map(rows.map((r) => [r.key, r.value]));
  if (meta.get('format') !== STORE_FORMAT) {
    throw new VigiaError(
      'DB_CORRUPT',
      `${path} is an SQLite file but not a vigia advisory database: ${GET_A_STORE}`,
    );
  }
  const version = Number(meta.get('schema_version'));
  if (version !== SCHEMA_VERSION) {
    throw new VigiaError(
      'DB_CORRUPT',
      `${path} has store schema ${meta.get('schema_version')}, this vigia reads schema ${SCHEMA_VERSION}: ${GET_A_STORE}`,
    );
  }
}
