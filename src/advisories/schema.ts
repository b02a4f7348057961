/**
 * The on-disk layout of the advisory store (one SQLite file, `<cacheDir>/db/vigia.db`).
 *
 * - `meta(key, value)`: `format` = {@link STORE_FORMAT}, `schema_version`, `built_at`, `vigia_version`.
 * - `sources`: one row per feed (an OSV zip, a secdb file, the KEV catalogue, an imported path)
 *   with its URL, ETag/Last-Modified, digest, record count and newest `modified`.
 * - `advisories`: one row per (feed, advisory id): the advisory without `affected`.
 * - `affected`: one row per affected entry with its ecosystem and normalised name; `entry` is the
 *   compact JSON of one {@link AffectedPackage}. With `advisories`, the source of truth per feed
 *   (what an unchanged feed's rows are copied from).
 * - `lookup`: derived at build time, keyed by (ecosystem, normalised name) — the matcher's
 *   question — holding the JSON of the finished answer (one advisory per id, `affected` narrowed).
 * - `kev`: CISA known-exploited CVEs.
 * - `coverage`: the ecosystems the store has real data for (see `hasEcosystem`).
 *
 * Bump {@link SCHEMA_VERSION} on any change; a store of another version is refused on open and
 * rebuilt from scratch by `db update`.
 */
export const SCHEMA_VERSION = 1;

/** The value of `meta.format` that marks a file as a vigia advisory store. */
export const STORE_FORMAT = 'vigia-advisory-store';

/** The store's file name inside the db directory. */
export const STORE_FILE = 'vigia.db';

/** The tables of a new store (indexes and the lookup table come after the bulk insert). */
export const CREATE_TABLES = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  url TEXT NOT NULL,
  etag TEXT,
  last_modified TEXT,
  digest TEXT,
  records INTEGER NOT NULL,
  newest_modified TEXT,
  fetched_at TEXT NOT NULL,
  covers TEXT
) WITHOUT ROWID;
CREATE TABLE advisories (
  rid INTEGER PRIMARY KEY,
  feed TEXT NOT NULL,
  id TEXT NOT NULL,
  source TEXT NOT NULL,
  modified TEXT NOT NULL,
  published TEXT,
  summary TEXT,
  details TEXT,
  doc TEXT NOT NULL
);
CREATE UNIQUE INDEX advisories_feed_id ON advisories (feed, id);
CREATE TABLE affected (
  rid INTEGER NOT NULL,
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL,
  entry TEXT NOT NULL
);
CREATE TABLE kev (cve TEXT PRIMARY KEY, feed TEXT NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE coverage (ecosystem TEXT PRIMARY KEY, rows INTEGER NOT NULL) WITHOUT ROWID;
`;

/** Created after the bulk insert (faster than maintaining them row by row), then `lookup` is filled. */
export const CREATE_INDEXES = `
CREATE INDEX affected_pkg ON affected (ecosystem, name);
CREATE INDEX affected_rid ON affected (rid);
CREATE TABLE lookup (
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL,
  advisories TEXT NOT NULL,
  PRIMARY KEY (ecosystem, name)
) WITHOUT ROWID;
`;

/** One feed as recorded in the store's metadata. */
export interface SourceMeta {
  /** `osv:npm`, `alpine-secdb:v3.10/main`, `cisa-kev`, `osv-import:/path/to/dir`, … */
  id: string;
  kind: FeedKind;
  url: string;
  etag?: string;
  lastModified?: string;
  /** `sha256:<hex>` of the bytes imported. */
  digest?: string;
  /** Advisories (or KEV entries) stored from this feed. */
  records: number;
  newestModified?: string;
  /** When the feed was last fetched or confirmed unchanged (304). */
  fetchedAt: string;
  /**
   * The ecosystem family this feed is authoritative for (`Debian` for `osv:Debian`), or undefined
   * when every ecosystem found in it counts (imports, secdb).
   */
  covers?: string;
}

/** The kinds of feed the store knows how to import. */
export const FeedKinds = ['osv', 'alpine-secdb', 'kev'] as const;
/** One of {@link FeedKinds}. */
export type FeedKind = (typeof FeedKinds)[number];

/** What `AdvisoryStore.metadata()` returns. */
export interface DbMetadata {
  path: string;
  schemaVersion: number;
  builtAt: string;
  vigiaVersion?: string;
  sources: SourceMeta[];
}
