import type { DbMetadata } from '../advisories/index.js';
import { dataAgeDays } from '../advisories/index.js';
import type { DatabaseInfo } from '../report/types.js';

/** The report's summary of the advisory database the scan used. */
export function databaseInfo(meta: DbMetadata, now: Date): DatabaseInfo {
  return {
    schemaVersion: meta.schemaVersion,
    builtAt: meta.builtAt,
    // Never negative: a timestamp pinned before the build (reproducible reports) reads as fresh.
    ageHours: Math.max(0, Math.round(dataAgeDays(meta, now) * 24 * 10) / 10),
    sources: meta.sources
      .map((s) => {
        const out: DatabaseInfo['sources'][number] = { id: s.id, url: s.url, records: s.records };
        if (s.newestModified) out.newestModified = s.newestModified;
        return out;
      })
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}
