import { ErrorCodes, VigiaError } from '../../core/errors.js';
import { readBerkeleyDb } from './bdb.js';
import { readNdb } from './ndb.js';
import type { DbRead } from './records.js';
import { readSqliteDb } from './sqlite.js';

/** The three rpmdb backends. */
export type RpmDbFormat = 'bdb' | 'ndb' | 'sqlite';

/**
 * The backend of an rpm database, told by its content (not its name: SUSE's
 * `/usr/lib/sysimage/rpm/Packages` may be BerkeleyDB, and `/var/lib/rpm` is often a symlink to
 * `/usr/lib/sysimage/rpm`): SQLite's `SQLite format 3\0`, NDB's `RpmP`, or the Berkeley DB hash
 * magic at offset 12 in either byte order.
 */
export function detectRpmDbFormat(buf: Buffer): RpmDbFormat | undefined {
  if (buf.length >= 16 && buf.toString('latin1', 0, 16) === 'SQLite format 3\0') return 'sqlite';
  if (buf.length >= 4 && buf.toString('latin1', 0, 4) === 'RpmP') return 'ndb';
  if (buf.length >= 16 && (buf.readUInt32LE(12) === 0x061561 || buf.readUInt32BE(12) === 0x061561))
    return 'bdb';
  return undefined;
}

/** Reads every package record of an rpm database, whatever its backend. */
export function readRpmDb(buf: Buffer): DbRead & { format: RpmDbFormat } {
  const format = detectRpmDbFormat(buf);
  if (format === undefined) {
    throw new VigiaError(
      ErrorCodes.PACKAGE_DB_INVALID,
      'not an rpm database (no SQLite, NDB or Berkeley DB hash magic)',
    );
  }
  const read =
    format === 'sqlite' ? readSqliteDb(buf) : format === 'ndb' ? readNdb(buf) : readBerkeleyDb(buf);
  return { format, ...read };
}
