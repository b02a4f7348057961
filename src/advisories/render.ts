import type { FeedReport, UpdateReport } from './report.js';
import type { DbMetadata } from './schema.js';
import { formatAge } from './freshness.js';

const MAX_LISTED = 10;

/** `db update` / `db import` report as text: one line per feed, then what was left out, by name. */
export function renderUpdateReport(report: UpdateReport): string {
  const lines: string[] = [];
  const width = Math.max(4, ...report.feeds.map((f) => f.feed.length));
  for (const f of report.feeds) {
    lines.push(
      `${f.feed.padEnd(width)}  ${f.status.padEnd(12)}  ${String(f.records).padStart(7)} records${feedNotes(f)}`,
    );
  }
  for (const f of report.feeds) {
    lines.push(...listProblems(f.feed, 'invalid record', f.invalid));
    lines.push(...listProblems(f.feed, 'not stored (nothing to match on)', f.unusable));
  }
  const total = report.feeds.reduce((n, f) => n + f.records, 0);
  lines.push(
    `advisory database written to ${report.dbPath} (${total} records from ${report.feeds.length} feeds)`,
  );
  return `${lines.join('\n')}\n`;
}

function feedNotes(f: FeedReport): string {
  const notes: string[] = [];
  if (f.withdrawn) notes.push(`${f.withdrawn} withdrawn`);
  if (f.invalid.length) notes.push(`${f.invalid.length} invalid`);
  if (f.duplicates) notes.push(`${f.duplicates} duplicate ids`);
  const skipped = Object.entries(f.skippedRanges).map(([t, n]) => `${n} ${t}`);
  if (skipped.length) notes.push(`ranges skipped: ${skipped.join(', ')}`);
  if (f.unusable.length) notes.push(`${f.unusable.length} not stored`);
  if (f.notAffected) notes.push(`${f.notAffected} not-affected declarations`);
  return notes.length ? ` (${notes.join('; ')})` : '';
}

function listProblems(feed: string, what: string, problems: FeedReport['invalid']): string[] {
  const out = problems.slice(0, MAX_LISTED).map((p) => `  ${feed}: ${what}: ${p.name}: ${p.reason}`);
  if (problems.length > MAX_LISTED)
    out.push(`  ${feed}: … and ${problems.length - MAX_LISTED} more (see --format json)`);
  return out;
}

/** What `db status` shows. */
export interface StatusView {
  metadata: DbMetadata;
  ageDays: number;
  maxAgeDays: number;
  stale: boolean;
  counts: { advisories: number; affected: number; knownExploited: number };
  ecosystems: string[];
}

/** `db status` as a table. */
export function renderStatus(v: StatusView): string {
  const m = v.metadata;
  const head: [string, string][] = [
    ['database', m.path],
    ['schema', String(m.schemaVersion)],
    ['built', m.builtAt],
    ['data age', `${formatAge(v.ageDays)} (limit ${v.maxAgeDays} days)${v.stale ? ' STALE' : ''}`],
    ['advisories', `${v.counts.advisories} (${v.counts.affected} affected entries)`],
    ['known exploited', String(v.counts.knownExploited)],
    ['ecosystems', `${v.ecosystems.length}: ${v.ecosystems.join(', ')}`],
  ];
  const lines = head.map(([k, val]) => `${k.padEnd(16)} ${val}`);
  lines.push('');
  const rows = m.sources.map((s) => [s.id, String(s.records), s.newestModified ?? '-', s.fetchedAt, s.url]);
  const header = ['FEED', 'RECORDS', 'NEWEST MODIFIED', 'FETCHED', 'URL'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i]!) : i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ');
  lines.push(fmt(header), ...rows.map(fmt));
  return `${lines.join('\n')}\n`;
}
