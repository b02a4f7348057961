import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describeError, VigiaError } from '../../core/errors.js';
import type { ScanReport } from '../../report/types.js';
import type { JobRecord, JobStatus, JobSummary, ScanInput } from './types.js';

/** Bump when the table layout changes incompatibly. */
export const SCAN_DB_SCHEMA = 1;

/** `<cacheDir>/serve/scans.db`. */
export function scanDbPath(cacheDir: string): string {
  return join(cacheDir, 'serve', 'scans.db');
}

interface Row {
  id: string;
  status: JobStatus;
  image: string;
  input: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error_code: string | null;
  error_message: string | null;
  summary: string | null;
}

const COLUMNS =
  'id, status, image, input, created_at, started_at, finished_at, error_code, error_message, summary';

/**
 * The server's jobs and reports in SQLite (WAL). Reports are stored as gzip'd JSON. The database
 * is opened in exclusive locking mode, so a second `vigia serve` on the same cache directory
 * fails at start instead of both marking each other's jobs interrupted.
 */
export class ScanDb {
  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {}

  /** Open or create the database; `DB_LOCKED` when another server holds it, `DB_CORRUPT` when unreadable. */
  static open(cacheDir: string): ScanDb {
    const path = scanDbPath(cacheDir);
    mkdirSync(join(cacheDir, 'serve'), { recursive: true });
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { timeout: 1000 });
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`integrity check: ${String(check)}`);
      db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS scans (
          seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, status TEXT NOT NULL,
          image TEXT NOT NULL, input TEXT NOT NULL, created_at TEXT NOT NULL, started_at TEXT,
          finished_at TEXT, error_code TEXT, error_message TEXT, summary TEXT, report BLOB);
        CREATE INDEX IF NOT EXISTS scans_status ON scans (status);`);
      const schema = db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get() as
        string | undefined;
      if (schema === undefined) {
        db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(String(SCAN_DB_SCHEMA));
      } else if (schema !== String(SCAN_DB_SCHEMA)) {
        throw new VigiaError(
          'DB_CORRUPT',
          `${path}: scan database schema ${schema}, this vigia reads ${SCAN_DB_SCHEMA}: move the file away to start afresh`,
        );
      }
      return new ScanDb(path, db);
    } catch (err) {
      db?.close();
      if (err instanceof VigiaError) throw err;
      const message = describeError(err);
      if (/locked|busy/i.test(message)) {
        throw new VigiaError(
          'DB_LOCKED',
          `${path} is in use by another vigia serve (one server per cache directory)`,
          {
            cause: err,
          },
        );
      }
      throw new VigiaError(
        'DB_CORRUPT',
        `${path} is not a readable scan database (${message}): move it away to start with an empty one`,
        { cause: err },
      );
    }
  }

  /** Add a queued job. */
  insert(job: { id: string; image: string; input: ScanInput; createdAt: string }): void {
    this.db
      .prepare("INSERT INTO scans (id, status, image, input, created_at) VALUES (?, 'queued', ?, ?, ?)")
      .run(job.id, job.image, JSON.stringify(job.input), job.createdAt);
  }

  markRunning(id: string, at: string): void {
    this.db.prepare("UPDATE scans SET status = 'running', started_at = ? WHERE id = ?").run(at, id);
  }

  /** Store the report (gzip'd JSON) and its summary; one transaction. */
  markDone(id: string, at: string, report: ScanReport, summary: JobSummary): void {
    const blob = gzipSync(Buffer.from(JSON.stringify(report), 'utf8'), { level: 6 });
    this.db
      .prepare("UPDATE scans SET status = 'done', finished_at = ?, summary = ?, report = ? WHERE id = ?")
      .run(at, JSON.stringify(summary), blob, id);
  }

  markFailed(id: string, at: string, error: { code: string; message: string }): void {
    this.db
      .prepare(
        "UPDATE scans SET status = 'failed', finished_at = ?, error_code = ?, error_message = ? WHERE id = ?",
      )
      .run(at, error.code, error.message, id);
  }

  get(id: string): JobRecord | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM scans WHERE id = ?`).get(id) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** The stored report of a finished job. */
  report(id: string): ScanReport | undefined {
    const blob = this.db.prepare('SELECT report FROM scans WHERE id = ?').pluck().get(id) as
      Buffer | null | undefined;
    if (!blob) return undefined;
    return JSON.parse(gunzipSync(blob).toString('utf8')) as ScanReport;
  }

  /** The most recent jobs first. */
  recent(limit: number): JobRecord[] {
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM scans ORDER BY seq DESC LIMIT ?`)
      .all(limit) as Row[];
    return rows.map(toRecord);
  }

  /** Jobs in a status, oldest first. */
  withStatus(status: JobStatus): JobRecord[] {
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM scans WHERE status = ? ORDER BY seq`)
      .all(status) as Row[];
    return rows.map(toRecord);
  }

  close(): void {
    this.db.close();
  }
}

function toRecord(row: Row): JobRecord {
  const out: JobRecord = {
    id: row.id,
    status: row.status,
    image: row.image,
    input: JSON.parse(row.input) as ScanInput,
    createdAt: row.created_at,
  };
  if (row.started_at) out.startedAt = row.started_at;
  if (row.finished_at) out.finishedAt = row.finished_at;
  if (row.error_code) out.error = { code: row.error_code, message: row.error_message ?? '' };
  if (row.summary) out.summary = JSON.parse(row.summary) as JobSummary;
  return out;
}
