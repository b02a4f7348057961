import Database from 'better-sqlite3';
import { ErrorCodes, VigiaError, describeError } from '../../core/errors.js';
import type { DbRead, DbRecord } from './records.js';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Reads the records of rpm's SQLite backend (`rpmdb.sqlite`, rpm ≥ 4.16): table `Packages`
 * (`hnum INTEGER PRIMARY KEY, blob BLOB`), one header blob per row. The file is opened from a copy
 * of its bytes in memory (never written to disk); rpm leaves it in WAL mode, which SQLite cannot
 * open from memory, so the copy's header is switched to rollback-journal mode (bytes 18 and 19).
 * A `-wal` file beside it is not read (rpm checkpoints it on close).
 *
 * A file SQLite cannot open, or without a readable `Packages` table, throws
 * `PACKAGE_DB_INVALID`; rows read before a corruption error are kept and the error is a problem.
 */
export function readSqliteDb(buf: Buffer): DbRead {
  if (buf.length < 100 || !buf.subarray(0, 16).equals(SQLITE_MAGIC)) throw invalid('bad SQLite magic');
  const copy = Buffer.from(buf);
  if (copy[18] === 2) copy[18] = 1;
  if (copy[19] === 2) copy[19] = 1;
  let db: Database.Database;
  try {
    db = new Database(copy, { readonly: true });
  } catch (err) {
    throw invalid(`SQLite cannot open it: ${describeError(err)}`);
  }
  const records: DbRecord[] = [];
  const problems: string[] = [];
  try {
    const rows = db.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum').iterate() as IterableIterator<{
      hnum: unknown;
      blob: unknown;
    }>;
    for (const row of rows) {
      if (typeof row.hnum !== 'number' || !Buffer.isBuffer(row.blob)) {
        problems.push(`row ${String(row.hnum)}: not an integer key and a blob`);
        continue;
      }
      records.push({ key: row.hnum, blob: row.blob });
    }
  } catch (err) {
    if (records.length === 0) throw invalid(`cannot read the Packages table: ${describeError(err)}`);
    problems.push(`reading stopped after ${records.length} rows: ${describeError(err)}`);
  } finally {
    db.close();
  }
  return { records, problems };
}

function invalid(message: string): VigiaError {
  return new VigiaError(ErrorCodes.PACKAGE_DB_INVALID, message);
}
