import { z } from 'zod';
import type { KnownExploited } from '../../core/advisory.js';
import { VigiaError } from '../../core/errors.js';
import type { FeedReport } from '../report.js';

/**
 * CISA Known Exploited Vulnerabilities catalogue
 * (https://www.cisa.gov/known-exploited-vulnerabilities-catalog, JSON feed and its schema):
 * `{ catalogVersion, dateReleased, count, vulnerabilities: [{ cveID, dateAdded, dueDate, … }] }`.
 * An entry that fails validation is named in the report; the others import.
 */
export const KEV_FEED = 'cisa-kev';

const entrySchema = z.object({
  cveID: z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'expected a CVE id'),
  dateAdded: z.iso.date(),
  dueDate: z.iso.date().nullish(),
  knownRansomwareCampaignUse: z.string().nullish(),
  vendorProject: z.string().nullish(),
  product: z.string().nullish(),
});

const catalogueSchema = z.object({
  catalogVersion: z.string().optional(),
  dateReleased: z.string().optional(),
  vulnerabilities: z.array(z.unknown()),
});

/** True when a parsed JSON value looks like the KEV catalogue (used by `db import` detection). */
export function looksLikeKev(raw: unknown): boolean {
  return (
    !!raw &&
    typeof raw === 'object' &&
    'vulnerabilities' in raw &&
    ('catalogVersion' in raw || 'dateReleased' in raw)
  );
}

/** The catalogue's entries; FEED_INVALID naming `label` when the document is not a catalogue. */
export function convertKev(
  raw: unknown,
  label: string,
  report: FeedReport,
): { entries: KnownExploited[]; released?: string } {
  const doc = catalogueSchema.safeParse(raw);
  if (!doc.success) {
    throw new VigiaError(
      'FEED_INVALID',
      `${label}: not a CISA KEV catalogue: ${doc.error.issues[0]?.message ?? ''}`,
    );
  }
  const entries: KnownExploited[] = [];
  for (const [i, item] of doc.data.vulnerabilities.entries()) {
    const parsed = entrySchema.safeParse(item);
    if (!parsed.success) {
      const id = (item as { cveID?: unknown } | null)?.cveID;
      const issue = parsed.error.issues[0];
      report.invalid.push({
        name: typeof id === 'string' ? id : `vulnerabilities[${i}]`,
        reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      });
      continue;
    }
    const e = parsed.data;
    entries.push({
      cve: e.cveID,
      dateAdded: e.dateAdded,
      ...(e.dueDate ? { dueDate: e.dueDate } : {}),
      ...(e.knownRansomwareCampaignUse ? { knownRansomwareCampaignUse: e.knownRansomwareCampaignUse } : {}),
      ...(e.vendorProject ? { vendorProject: e.vendorProject } : {}),
      ...(e.product ? { product: e.product } : {}),
    });
  }
  return { entries, ...(doc.data.dateReleased ? { released: doc.data.dateReleased } : {}) };
}
