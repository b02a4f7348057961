import type { Severity } from '../report/types.js';

/**
 * Vendor severity words — a feed's own assessment, as OSV records carry it in
 * `affected[].ecosystem_specific.severity`/`database_specific.severity` (and, for Debian,
 * `ecosystem_specific.urgency`), or record-wide in `database_specific.severity` (GitHub) or a
 * `severity` entry of type `Ubuntu` — mapped to vigia's levels. Matching ignores case, surrounding
 * space and the trailing `*`/`**` marks of the Debian security tracker.
 *
 * | words | level |
 * |---|---|
 * | critical | CRITICAL |
 * | high, important (Red Hat, SUSE) | HIGH |
 * | medium, moderate (GitHub, Red Hat, SUSE) | MEDIUM |
 * | low, negligible (Ubuntu), unimportant (Debian) | LOW |
 * | not yet assigned (Debian), untriaged (Ubuntu), unknown, end-of-life (Debian), empty | no rating |
 *
 * Any other word is `unrecognised`: it gives no rating, and the caller should say so.
 */
export type VendorRating =
  | { kind: 'rating'; severity: Exclude<Severity, 'UNKNOWN'> }
  | { kind: 'unassigned' }
  | { kind: 'unrecognised' };

const WORDS: Readonly<Record<string, VendorRating>> = {
  critical: { kind: 'rating', severity: 'CRITICAL' },
  high: { kind: 'rating', severity: 'HIGH' },
  important: { kind: 'rating', severity: 'HIGH' },
  medium: { kind: 'rating', severity: 'MEDIUM' },
  moderate: { kind: 'rating', severity: 'MEDIUM' },
  low: { kind: 'rating', severity: 'LOW' },
  negligible: { kind: 'rating', severity: 'LOW' },
  unimportant: { kind: 'rating', severity: 'LOW' },
  'not yet assigned': { kind: 'unassigned' },
  untriaged: { kind: 'unassigned' },
  unknown: { kind: 'unassigned' },
  'end-of-life': { kind: 'unassigned' },
  '': { kind: 'unassigned' },
};

/** Map one vendor severity word to a level (see the table above). */
export function vendorRating(word: string): VendorRating {
  const key = word.trim().replace(/\*+$/, '').trim().toLowerCase().replace(/\s+/g, ' ');
  return WORDS[key] ?? { kind: 'unrecognised' };
}
