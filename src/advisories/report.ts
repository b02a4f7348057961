/**
 * What an import did with one feed: stored records, and every record or part of a record it had
 * to leave out, by name, so that nothing is dropped silently.
 */
export interface FeedReport {
  /** The feed's source id (`osv:npm`, `alpine-secdb:v3.10/main`, `cisa-kev`, …). */
  feed: string;
  url: string;
  /** `imported`: fetched and parsed; `not-modified`: 304, previous rows reused; `kept`: not asked for, carried over. */
  status: 'imported' | 'not-modified' | 'kept';
  /** Advisories (KEV: entries) stored from this feed. */
  records: number;
  /** OSV records marked `withdrawn`, dropped. */
  withdrawn: number;
  /** Records with an id already seen in the same feed (the first is kept). */
  duplicates: number;
  /** Records rejected whole: invalid JSON or not valid OSV/secdb/KEV. */
  invalid: Problem[];
  /** Ranges skipped because vigia cannot evaluate their type (`GIT`, …), by type. */
  skippedRanges: Record<string, number>;
  /** Affected entries (or whole records) left with nothing to match on, so not stored. */
  unusable: Problem[];
  /** Alpine secdb `0` entries: the package was declared never affected by the CVE. */
  notAffected: number;
}

/** One record or entry left out, and why. */
export interface Problem {
  /** File name in the zip/directory, advisory id, or `pkg@version` for secdb. */
  name: string;
  reason: string;
}

/** An empty report for a feed. */
export function newFeedReport(
  feed: string,
  url: string,
  status: FeedReport['status'] = 'imported',
): FeedReport {
  return {
    feed,
    url,
    status,
    records: 0,
    withdrawn: 0,
    duplicates: 0,
    invalid: [],
    skippedRanges: {},
    unusable: [],
    notAffected: 0,
  };
}

/** The result of `db update` / `db import`. */
export interface UpdateReport {
  dbPath: string;
  builtAt: string;
  feeds: FeedReport[];
  /** Notes about the run: previous store unusable, leftovers removed, … */
  notes: string[];
}

/** Total of records stored over all feeds. */
export function totalRecords(report: UpdateReport): number {
  return report.feeds.reduce((n, f) => n + f.records, 0);
}
