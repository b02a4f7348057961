import { renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Advisory, KnownExploited } from '../core/advisory.js';
import { VigiaError } from '../core/errors.js';
import { fsyncDir, fsyncFile, removeQuietly, tempPath, writeFailed } from './fsutil.js';
import { buildLookupTable } from './lookup-build.js';
import { baseEcosystem, normalizePackageName } from './names.js';
import {
  CREATE_INDEXES,
  CREATE_TABLES,
  SCHEMA_VERSION,
  STORE_FILE,
  STORE_FORMAT,
  type SourceMeta,
} from './schema.js';

/** The parts of an advisory kept in `advisories.doc` (the rest has columns of its own). */
export interface AdvisoryDoc {
  aliases: string[];
  upstream?: string[];
  severity: Advisory['severity'];
  databaseSeverity?: Advisory['databaseSeverity'];
  references: Advisory['references'];
}

/**
 * Builds a new store in a temp file beside the live one and publishes it atomically: fsync, then
 * rename over `vigia.db`. Until `commit()` the live store is untouched; `abort()` removes the
 * temp file. A previous store may be attached to copy feeds that did not change (HTTP 304).
 */
export class StoreWriter {
  private readonly db: Database.Database;
  private readonly insertAdvisory: Database.Statement;
  private readonly insertAffected: Database.Statement;
  private readonly insertKev: Database.Statement;
  private readonly seen = new Set<string>();
  private readonly sources = new Map<string, SourceMeta>();
  private closed = false;

  private constructor(
    readonly dbDir: string,
    readonly tmpFile: string,
    previous: string | undefined,
  ) {
    try {
      this.db = new Database(tmpFile);
      this.db.pragma('journal_mode = MEMORY');
      this.db.pragma('synchronous = OFF');
      this.db.pragma('locking_mode = EXCLUSIVE');
      this.db.pragma('cache_size = -65536');
      this.db.exec(CREATE_TABLES);
      if (previous) this.db.prepare('ATTACH DATABASE ? AS prev').run(previous);
      this.db.exec('BEGIN');
      this.insertAdvisory = this.db.prepare(
        'INSERT INTO advisories (feed, id, source, modified, published, summary, details, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      this.insertAffected = this.db.prepare(
        'INSERT INTO affected (rid, ecosystem, name, entry) VALUES (?, ?, ?, ?)',
      );
      this.insertKev = this.db.prepare('INSERT OR REPLACE INTO kev (cve, feed, doc) VALUES (?, ?, ?)');
    } catch (err) {
      removeQuietly(tmpFile);
      throw writeFailed(tmpFile, err);
    }
  }

  /** Start a new store in `dbDir`; `previous` is the live store to copy unchanged feeds from. */
  static create(dbDir: string, previous?: string): StoreWriter {
    return new StoreWriter(dbDir, tempPath(dbDir, 'store', '.db'), previous);
  }

  /** Add one advisory of `feed`. Returns false (and stores nothing) for a duplicate id in that feed. */
  addAdvisory(feed: string, adv: Advisory): boolean {
    const key = `${feed}\u0000${adv.id}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const doc: AdvisoryDoc = {
      aliases: adv.aliases,
      ...(adv.upstream?.length ? { upstream: adv.upstream } : {}),
      severity: adv.severity,
      ...(adv.databaseSeverity ? { databaseSeverity: adv.databaseSeverity } : {}),
      references: adv.references,
    };
    this.guard(() => {
      const { lastInsertRowid } = this.insertAdvisory.run(
        feed,
        adv.id,
        adv.source,
        adv.modified,
        adv.published ?? null,
        adv.summary ?? null,
        adv.details ?? null,
        JSON.stringify(doc),
      );
      for (const entry of adv.affected) {
        const name = normalizePackageName(entry.ecosystem, entry.name);
        this.insertAffected.run(lastInsertRowid, entry.ecosystem, name, JSON.stringify(entry));
      }
    });
    return true;
  }

  /** Add one CISA KEV entry. */
  addKnownExploited(feed: string, entry: KnownExploited): void {
    this.guard(() => this.insertKev.run(entry.cve, feed, JSON.stringify(entry)));
  }

  /** Copy every row of `feed` from the attached previous store. Returns the records copied. */
  copyFeed(feed: string): number {
    return this.guard(() => {
      const adv = this.db
        .prepare(
          `INSERT INTO advisories (feed, id, source, modified, published, summary, details, doc)
           SELECT feed, id, source, modified, published, summary, details, doc FROM prev.advisories
           WHERE feed = ? ORDER BY rid`,
        )
        .run(feed).changes;
      this.db
        .prepare(
          `INSERT INTO affected (rid, ecosystem, name, entry)
           SELECT n.rid, pa.ecosystem, pa.name, pa.entry
           FROM prev.advisories p JOIN prev.affected pa ON pa.rid = p.rid
           JOIN main.advisories n ON n.feed = p.feed AND n.id = p.id
           WHERE p.feed = ? ORDER BY pa.rowid`,
        )
        .run(feed);
      const kev = this.db
        .prepare('INSERT OR REPLACE INTO kev SELECT * FROM prev.kev WHERE feed = ?')
        .run(feed).changes;
      return adv + kev;
    });
  }

  /** Record (or replace) a feed's metadata. */
  setSource(meta: SourceMeta): void {
    this.sources.set(meta.id, meta);
  }

  /** Finish the store and atomically replace `<dbDir>/vigia.db`. Returns the live path. */
  commit(builtAt: Date, vigiaVersion?: string): string {
    const target = join(this.dbDir, STORE_FILE);
    this.guard(() => {
      this.db.exec(CREATE_INDEXES);
      buildLookupTable(this.db);
      this.writeCoverage();
      const insertSource = this.db.prepare(
        `INSERT INTO sources (id, kind, url, etag, last_modified, digest, records, newest_modified, fetched_at, covers)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const s of [...this.sources.values()].sort((a, b) => a.id.localeCompare(b.id))) {
        insertSource.run(
          s.id,
          s.kind,
          s.url,
          s.etag ?? null,
          s.lastModified ?? null,
          s.digest ?? null,
          s.records,
          s.newestModified ?? null,
          s.fetchedAt,
          s.covers ?? null,
        );
      }
      const meta = this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      meta.run('format', STORE_FORMAT);
      meta.run('schema_version', String(SCHEMA_VERSION));
      meta.run('built_at', builtAt.toISOString());
      if (vigiaVersion) meta.run('vigia_version', vigiaVersion);
      this.db.exec('COMMIT');
      this.db.pragma('journal_mode = DELETE');
      this.db.close();
      this.closed = true;
      fsyncFile(this.tmpFile);
      renameSync(this.tmpFile, target);
      fsyncDir(this.dbDir);
    });
    return target;
  }

  /** Drop the temp store (after a failure). Safe to call more than once. */
  abort(): void {
    if (!this.closed) {
      try {
        this.db.close();
      } catch {
        // Already failing; the file is removed below either way.
      }
      this.closed = true;
    }
    removeQuietly(this.tmpFile);
    removeQuietly(`${this.tmpFile}-journal`);
  }

  /** Ecosystems with rows from a feed that is authoritative for them. */
  private writeCoverage(): void {
    const rows = this.db
      .prepare(
        `SELECT f.ecosystem AS ecosystem, a.feed AS feed, count(*) AS n
         FROM affected f JOIN advisories a ON a.rid = f.rid GROUP BY f.ecosystem, a.feed`,
      )
      .all() as { ecosystem: string; feed: string; n: number }[];
    const counts = new Map<string, number>();
    for (const row of rows) {
      const covers = this.sources.get(row.feed)?.covers;
      if (covers !== undefined && baseEcosystem(row.ecosystem) !== covers) continue;
      counts.set(row.ecosystem, (counts.get(row.ecosystem) ?? 0) + row.n);
    }
    const insert = this.db.prepare('INSERT INTO coverage (ecosystem, rows) VALUES (?, ?)');
    for (const [ecosystem, n] of counts) insert.run(ecosystem, n);
  }

  private guard<T>(fn: () => T): T {
    if (this.closed) throw new VigiaError('INTERNAL', `store writer for ${this.tmpFile} is closed`);
    try {
      return fn();
    } catch (err) {
      throw writeFailed(this.tmpFile, err);
    }
  }
}
