import { z } from 'zod';
import type {
  AdvisoryRange,
  AffectedPackage,
  Advisory,
  RangeEvent,
  SeverityType,
} from '../../core/advisory.js';
import type { FeedReport } from '../report.js';

/**
 * One OSV record (https://ossf.github.io/osv-schema/) → the stored {@link Advisory}, validated.
 * Unknown fields are ignored; fields vigia uses are checked. The outcome says what happened so the
 * importer can count it.
 */
const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

const eventSchema = z
  .record(z.string(), z.unknown())
  .refine((e) => EVENT_KEYS.filter((k) => typeof e[k] === 'string').length === 1, {
    message: 'an event needs exactly one of introduced, fixed, last_affected, limit (a string)',
  });

const rangeSchema = z.object({ type: z.string().min(1), events: z.array(eventSchema).min(1) });

const affectedSchema = z.object({
  package: z.object({ ecosystem: z.string().min(1), name: z.string().min(1) }).optional(),
  ranges: z.array(rangeSchema).nullish(),
  versions: z.array(z.string()).nullish(),
  ecosystem_specific: z.unknown().optional(),
  database_specific: z.unknown().optional(),
});

const timestamp = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'not an RFC 3339 timestamp' });

const recordSchema = z.object({
  id: z.string().min(1),
  modified: timestamp,
  published: timestamp.nullish(),
  withdrawn: z.string().nullish(),
  aliases: z.array(z.string()).nullish(),
  upstream: z.array(z.string()).nullish(),
  summary: z.string().nullish(),
  details: z.string().nullish(),
  severity: z.array(z.object({ type: z.string(), score: z.string() })).nullish(),
  affected: z.array(affectedSchema).nullish(),
  references: z.array(z.object({ type: z.string(), url: z.string() })).nullish(),
  database_specific: z.unknown().optional(),
});

type OsvAffected = z.infer<typeof affectedSchema>;

/** What became of one record: stored, withdrawn (dropped), invalid, or nothing left to match on. */
export type OsvOutcome =
  | { kind: 'advisory'; advisory: Advisory }
  | { kind: 'withdrawn'; id: string }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unusable'; id: string; reason: string };

const CVSS_TYPES: ReadonlySet<string> = new Set<SeverityType>(['CVSS_V2', 'CVSS_V3', 'CVSS_V4']);
const EVALUATED_RANGES: ReadonlySet<string> = new Set<AdvisoryRange['type']>(['ECOSYSTEM', 'SEMVER']);

/**
 * Validate and convert one parsed OSV record. Ranges of other types are skipped and counted in
 * `report.skippedRanges`; affected entries left with nothing usable are named in `report.unusable`.
 */
export function convertOsvRecord(raw: unknown, source: string, report: FeedReport): OsvOutcome {
  const parsed = recordSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', reason: describeIssue(parsed.error) };
  const rec = parsed.data;
  if (rec.withdrawn) return { kind: 'withdrawn', id: rec.id };

  const affected: AffectedPackage[] = [];
  for (const [i, entry] of (rec.affected ?? []).entries()) {
    const converted = convertAffected(entry, report);
    if (typeof converted === 'string') {
      const what = entry.package ? `${entry.package.ecosystem}/${entry.package.name}` : `affected[${i}]`;
      report.unusable.push({ name: `${rec.id} ${what}`, reason: converted });
      continue;
    }
    affected.push(converted);
  }
  if (affected.length === 0)
    return { kind: 'unusable', id: rec.id, reason: 'no affected package vigia can match' };

  const aliases = [...new Set((rec.aliases ?? []).filter((a) => a !== rec.id))];
  const upstream = [...new Set((rec.upstream ?? []).filter((a) => a !== rec.id))];
  const databaseSeverity =
    normaliseSeverity(severityField(rec.database_specific)) ??
    normaliseSeverity(rec.severity?.find((s) => s.type === 'Ubuntu')?.score);
  const advisory: Advisory = {
    id: rec.id,
    aliases,
    ...(upstream.length ? { upstream } : {}),
    ...(rec.summary ? { summary: rec.summary } : {}),
    ...(rec.details ? { details: rec.details } : {}),
    ...(rec.published ? { published: rec.published } : {}),
    modified: rec.modified,
    severity: (rec.severity ?? [])
      .filter((s) => CVSS_TYPES.has(s.type))
      .map((s) => ({ type: s.type as SeverityType, score: s.score })),
    ...(databaseSeverity ? { databaseSeverity } : {}),
    references: (rec.references ?? []).map((r) => ({ type: r.type, url: r.url })),
    affected,
    source,
  };
  return { kind: 'advisory', advisory };
}

/** The entry in the model, or the reason it cannot be used. */
function convertAffected(entry: OsvAffected, report: FeedReport): AffectedPackage | string {
  const ranges: AdvisoryRange[] = [];
  let skipped = 0;
  for (const range of entry.ranges ?? []) {
    if (!EVALUATED_RANGES.has(range.type)) {
      report.skippedRanges[range.type] = (report.skippedRanges[range.type] ?? 0) + 1;
      skipped++;
      continue;
    }
    ranges.push({ type: range.type as AdvisoryRange['type'], events: range.events.map(toEvent) });
  }
  if (!entry.package) return skipped ? 'no package, only ranges of unsupported types' : 'no package';
  const versions = entry.versions ?? [];
  if (ranges.length === 0 && versions.length === 0) {
    return skipped ? 'only ranges of unsupported types and no versions' : 'no ranges and no versions';
  }
  // Debian's tracker publishes its assessment as `ecosystem_specific.urgency`.
  const severity =
    severityField(entry.ecosystem_specific) ??
    severityField(entry.database_specific) ??
    severityField(entry.ecosystem_specific, 'urgency');
  return {
    ecosystem: entry.package.ecosystem,
    name: entry.package.name,
    ranges,
    versions,
    ...(severity ? { severity } : {}),
  };
}

function toEvent(e: Record<string, unknown>): RangeEvent {
  for (const key of EVENT_KEYS) {
    const v = e[key];
    if (typeof v === 'string') return { [key]: v } as RangeEvent;
  }
  throw new Error('unreachable: event validated by the schema');
}

function severityField(obj: unknown, key = 'severity'): string | undefined {
  if (!obj || typeof obj !== 'object') return undefined;
  const v = (obj as Record<string, unknown>)[key];
  return typeof v === 'string' && v ? v : undefined;
}

/** GHSA `MODERATE` → `MEDIUM`; Ubuntu `negligible` → `LOW`; unknown words → undefined. */
export function normaliseSeverity(value: string | undefined): Advisory['databaseSeverity'] {
  switch (value?.trim().toUpperCase()) {
    case 'CRITICAL':
      return 'CRITICAL';
    case 'HIGH':
    case 'IMPORTANT':
      return 'HIGH';
    case 'MODERATE':
    case 'MEDIUM':
      return 'MEDIUM';
    case 'LOW':
    case 'NEGLIGIBLE':
      return 'LOW';
    default:
      return undefined;
  }
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid OSV record';
  const path = issue.path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`))
    .join('');
  return `not a valid OSV record: ${path ? `${path}: ` : ''}${issue.message}`;
}
