import type { Warning } from '../core/warnings.js';
import type { DbMetadata } from './schema.js';

const DAY_MS = 86_400_000;

/**
 * When the store's data was last confirmed current: the oldest `fetchedAt` of its feeds (a feed
 * answered 304 counts as confirmed), or the build time for a store without feeds.
 */
export function dataTimestamp(meta: DbMetadata): Date {
  let oldest = Date.parse(meta.builtAt);
  if (meta.sources.length > 0) oldest = Math.min(...meta.sources.map((s) => Date.parse(s.fetchedAt)));
  return new Date(Number.isNaN(oldest) ? 0 : oldest);
}

/** Age of the store's data in days (fractional). */
export function dataAgeDays(meta: DbMetadata, now: Date): number {
  return (now.getTime() - dataTimestamp(meta).getTime()) / DAY_MS;
}

/**
 * A `db-stale` warning when the data is older than `maxAgeDays`, else undefined. Scans put it in
 * the report; `db status` prints it.
 */
export function ensureFreshEnough(meta: DbMetadata, maxAgeDays: number, now: Date): Warning | undefined {
  const age = dataAgeDays(meta, now);
  if (age <= maxAgeDays) return undefined;
  return {
    code: 'db-stale',
    message:
      `advisory database ${meta.path} was last updated ${dataTimestamp(meta).toISOString()} ` +
      `(${formatAge(age)} ago, limit ${maxAgeDays} days): run \`vigia db update\``,
  };
}

/** `3.2 days`, `5 hours`, `12 minutes`. */
export function formatAge(days: number): string {
  if (days >= 1) return `${days.toFixed(1)} days`;
  const hours = days * 24;
  if (hours >= 1) return `${Math.floor(hours)} hours`;
  return `${Math.max(0, Math.floor(hours * 60))} minutes`;
}
