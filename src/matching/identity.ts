import type { Advisory } from '../core/advisory.js';

const CVE = /^CVE-\d{4}-\d{4,}$/;
const DEBIAN_REVISED = /^((?:DSA|DLA|DTSA)-\d+)-\d+$/;

/**
 * The vulnerability an advisory describes, as a merge key: advisories of one package with the
 * same key are one finding.
 * - a CVE record is its CVE;
 * - a Debian DSA/DLA is its advisory family without the revision (`DLA-3000-1` and the
 *   re-issued `DLA-3000-2` are one);
 * - any other record with exactly one CVE among its aliases (or, without CVE aliases, among its
 *   OSV `upstream` ids) is that CVE (GHSA ↔ CVE ↔ PYSEC ↔ ALPINE-CVE merge);
 * - else the record's own id (a record naming several CVEs stays one finding listing them all).
 */
export function vulnerabilityKey(advisory: Pick<Advisory, 'id' | 'aliases' | 'upstream'>): string {
  if (CVE.test(advisory.id)) return advisory.id;
  const family = DEBIAN_REVISED.exec(advisory.id);
  if (family) return family[1] as string;
  const cves = advisory.aliases.filter((a) => CVE.test(a));
  if (cves.length === 1) return cves[0] as string;
  const upstream = (advisory.upstream ?? []).filter((a) => CVE.test(a));
  if (cves.length === 0 && upstream.length === 1) return upstream[0] as string;
  return advisory.id;
}

/**
 * The id a finding is shown under: the CVE when the key is one; for a Debian advisory family
 * its latest revision; else the alphabetically first record id (stable).
 */
export function primaryId(key: string, ids: readonly string[]): string {
  if (CVE.test(key)) return key;
  const family = ids.filter((id) => id === key || id.startsWith(`${key}-`));
  if (family.length > 0) return family.sort(compareRevision).at(-1) as string;
  return [...ids].sort()[0] ?? key;
}

function compareRevision(a: string, b: string): number {
  const ra = Number(/-(\d+)$/.exec(a)?.[1] ?? 0);
  const rb = Number(/-(\d+)$/.exec(b)?.[1] ?? 0);
  return ra - rb;
}
