/**
 * Advisories as the store keeps them and the matcher reads them: the OSV model
 * (https://ossf.github.io/osv-schema/), restricted to what vigia uses, validated on import.
 */

/** One event of an OSV range, in the order given. */
export type RangeEvent =
  { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface AdvisoryRange {
  /** `ECOSYSTEM` ranges use the ecosystem's own order; `SEMVER` ranges use SemVer 2.0. */
  type: 'ECOSYSTEM' | 'SEMVER';
  events: RangeEvent[];
}

/** The part of an advisory that concerns one package in one ecosystem. */
export interface AffectedPackage {
  /** OSV ecosystem exactly as OSV spells it: `Alpine:v3.10`, `Debian:12`, `npm`, `PyPI`, `Go`, … */
  ecosystem: string;
  /** Package name as the ecosystem spells it (Debian: the source package; Maven: `group:artifact`). */
  name: string;
  ranges: AdvisoryRange[];
  /** Explicitly listed affected versions. */
  versions: string[];
  /** `ecosystem_specific.severity` / `database_specific.severity` of this entry, if any. */
  severity?: string;
}

export type SeverityType = 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4';

export interface Advisory {
  id: string;
  /** Other ids of the same vulnerability (CVE ↔ GHSA ↔ PYSEC …). */
  aliases: string[];
  /**
   * OSV `upstream`: ids this advisory is derived from (e.g. `ALPINE-CVE-2020-1967` → `CVE-2020-1967`).
   * Not aliases in OSV's sense, but the same vulnerability for merging findings. Absent when empty.
   */
  upstream?: string[];
  summary?: string;
  details?: string;
  published?: string;
  modified: string;
  /** CVSS vectors as published. */
  severity: { type: SeverityType; score: string }[];
  /** `database_specific.severity` normalised to CRITICAL/HIGH/MEDIUM/LOW when present. */
  databaseSeverity?: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';
  references: { type: string; url: string }[];
  affected: AffectedPackage[];
  /** The feed it was imported from, e.g. `osv:npm`, `alpine-secdb`. */
  source: string;
}

/** A CISA KEV entry. */
export interface KnownExploited {
  cve: string;
  dateAdded: string;
  dueDate?: string;
  knownRansomwareCampaignUse?: string;
  vendorProject?: string;
  product?: string;
}
