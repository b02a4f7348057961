import type Database from 'better-sqlite3';
import type { AffectedPackage, Advisory } from '../core/advisory.js';
import type { AdvisoryDoc } from './writer.js';

/** One `affected` row joined with its advisory, as the build reads it. */
type Row = [
  rid: number,
  feed: string,
  id: string,
  source: string,
  modified: string,
  published: string | null,
  summary: string | null,
  details: string | null,
  doc: string,
  entry: string,
];

/**
 * Fill the `lookup` table: for every (ecosystem, normalised name), the JSON of the final answer to
 * `advisoriesFor` (advisories narrowed to that package, one per id, sorted by id). Doing the
 * joins and merges once at build time makes a lookup one indexed read and one `JSON.parse`.
 */
export function buildLookupTable(db: Database.Database): number {
  const pairs = db
    .prepare('SELECT DISTINCT ecosystem, name FROM affected ORDER BY ecosystem, name')
    .raw()
    .all() as [string, string][];
  const rowsFor = db
    .prepare(
      `SELECT a.rid, a.feed, a.id, a.source, a.modified, a.published, a.summary, a.details, a.doc, f.entry
       FROM affected f JOIN advisories a ON a.rid = f.rid
       WHERE f.ecosystem = ? AND f.name = ? ORDER BY a.id, a.rid, f.rowid`,
    )
    .raw();
  const insert = db.prepare('INSERT INTO lookup (ecosystem, name, advisories) VALUES (?, ?, ?)');
  for (const [ecosystem, name] of pairs) {
    const rows = rowsFor.all(ecosystem, name) as Row[];
    insert.run(ecosystem, name, JSON.stringify(answer(rows)));
  }
  return pairs.length;
}

/** Rows sorted by id → one advisory per id. */
function answer(rows: Row[]): Advisory[] {
  const out: Advisory[] = [];
  let start = 0;
  while (start < rows.length) {
    let end = start + 1;
    while (end < rows.length && rows[end]![2] === rows[start]![2]) end++;
    out.push(merge(rows.slice(start, end)));
    start = end;
  }
  return out;
}

/**
 * The rows of one id. Rows of the same `source` (e.g. secdb `main` and `community`) are one
 * advisory whose entries are merged; when several sources carry the id (the same GHSA in two
 * OSV zips), the newest `modified` wins (ties: the smaller feed id).
 */
function merge(rows: Row[]): Advisory {
  let winner = rows[0]!;
  for (const r of rows) {
    if (r[4] > winner[4] || (r[4] === winner[4] && r[1] < winner[1])) winner = r;
  }
  const [, , id, source, modified, published, summary, details, docText] = winner;
  const doc = JSON.parse(docText) as AdvisoryDoc;
  const affected: AffectedPackage[] = [];
  for (const r of rows) if (r[3] === source) affected.push(JSON.parse(r[9]) as AffectedPackage);
  return {
    id,
    aliases: doc.aliases,
    ...(doc.upstream ? { upstream: doc.upstream } : {}),
    ...(summary !== null ? { summary } : {}),
    ...(details !== null ? { details } : {}),
    ...(published !== null ? { published } : {}),
    modified,
    severity: doc.severity,
    ...(doc.databaseSeverity ? { databaseSeverity: doc.databaseSeverity } : {}),
    references: doc.references,
    affected,
    source,
  };
}
