import { createHash } from 'node:crypto';
import type { KnownExploited } from '../core/advisory.js';
import { ecosystem as ecosystemRow } from '../core/ecosystems.js';
import type { Warning } from '../core/warnings.js';
import type { CvssScore, LayerOrigin, VulnerabilityFinding } from '../report/types.js';
import { chooseSeverity, scoreAdvisoryWithWarnings } from '../severity/index.js';
import { getScheme } from '../versioning/registry.js';
import { primaryId, vulnerabilityKey } from './identity.js';
import type { AdvisoryLookup, AdvisoryMatch } from './types.js';

/**
 * Turn advisory matches into findings: one per (package, vulnerability). Matches of one package
 * whose advisories describe the same vulnerability (see `vulnerabilityKey`) merge: ids and
 * aliases are united, the fixed version is the one that fixes all of them (the highest of their
 * lowest fixes above the installed version), severity follows the documented rule.
 */
export function toFindings(
  matches: readonly AdvisoryMatch[],
  store: Pick<AdvisoryLookup, 'knownExploited'>,
  layerOf: (index: number) => LayerOrigin,
): { findings: VulnerabilityFinding[]; warnings: Warning[] } {
  const groups = new Map<string, AdvisoryMatch[]>();
  for (const m of matches) {
    const key = `${m.package.id}\0${vulnerabilityKey(m.advisory)}`;
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  const findings: VulnerabilityFinding[] = [];
  const warnings = new Map<string, Warning>();
  for (const [key, group] of groups) {
    findings.push(toFinding(key.split('\0')[1] as string, group, store, layerOf, warnings));
  }
  findings.sort(compareFindings);
  return { findings, warnings: [...warnings.values()] };
}

function toFinding(
  vulnKey: string,
  group: AdvisoryMatch[],
  store: Pick<AdvisoryLookup, 'knownExploited'>,
  layerOf: (index: number) => LayerOrigin,
  warnings: Map<string, Warning>,
): VulnerabilityFinding {
  const first = group[0] as AdvisoryMatch;
  const pkg = first.package;
  const advisories = [...group]
    .sort((a, b) => (a.advisory.id < b.advisory.id ? -1 : 1))
    .map((m) => m.advisory);
  const ids = new Set<string>();
  for (const a of advisories) {
    ids.add(a.id);
    for (const alias of a.aliases) ids.add(alias);
    for (const up of a.upstream ?? []) if (up === vulnKey) ids.add(up);
  }
  const id = primaryId(vulnKey, [...ids]);
  ids.delete(id);

  const cvss: CvssScore[] = [];
  for (const a of advisories) {
    const scored = scoreAdvisoryWithWarnings(a);
    cvss.push(...scored.scores);
    for (const w of scored.warnings) warnings.set(`${w.code}\0${w.message}`, w);
  }
  const severity = chooseSeverity(advisories, cvss, ecosystemRow(pkg.ecosystem).kind);
  const kev = knownExploitedOf([id, ...ids], store);

  const finding: VulnerabilityFinding = {
    kind: 'vulnerability',
    id,
    aliases: [...ids].sort(),
    fingerprint: fingerprint(pkg.purl, pkg.paths[0] ?? '', vulnKey),
    severity: severity.severity,
    severitySource: severity.source,
    cvss,
    package: {
      id: pkg.id,
      name: pkg.name,
      version: pkg.version,
      ecosystem: pkg.ecosystem,
      purl: pkg.purl,
      type: pkg.type,
    },
    installedVersion: pkg.version,
    layer: layerOf(pkg.layer.index),
    paths: [...pkg.paths],
    references: unique(advisories.flatMap((a) => a.references.map((r) => r.url))),
    advisories: advisories.map((a) => ({ id: a.id, source: a.source })),
  };
  const fixed = highestFix(group, pkg.ecosystem);
  if (fixed) finding.fixedVersion = fixed;
  const title = advisories.find((a) => a.summary)?.summary;
  if (title) finding.title = title;
  const description = advisories.find((a) => a.details)?.details;
  if (description) finding.description = description;
  const published = advisories
    .map((a) => a.published)
    .filter(Boolean)
    .sort()[0];
  if (published) finding.published = published;
  const modified = advisories
    .map((a) => a.modified)
    .filter(Boolean)
    .sort()
    .at(-1);
  if (modified) finding.modified = modified;
  if (kev) {
    finding.knownExploited = { dateAdded: kev.dateAdded };
    if (kev.dueDate) finding.knownExploited.dueDate = kev.dueDate;
    if (kev.knownRansomwareCampaignUse) {
      finding.knownExploited.ransomware = kev.knownRansomwareCampaignUse.toLowerCase() === 'known';
    }
  }
  return finding;
}

function highestFix(group: AdvisoryMatch[], eco: AdvisoryMatch['package']['ecosystem']): string | undefined {
  const scheme = getScheme(ecosystemRow(eco).scheme);
  let best: string | undefined;
  for (const m of group) {
    if (!m.fixedVersion) continue;
    if (!best || scheme.compare(m.fixedVersion, best) > 0) best = m.fixedVersion;
  }
  return best;
}

function knownExploitedOf(
  ids: string[],
  store: Pick<AdvisoryLookup, 'knownExploited'>,
): KnownExploited | undefined {
  for (const id of ids.filter((i) => i.startsWith('CVE-')).sort()) {
    const kev = store.knownExploited(id);
    if (kev) return kev;
  }
  return undefined;
}

/** Stable across runs and DB updates: package identity + location + vulnerability. */
export function fingerprint(purl: string, path: string, vulnKey: string): string {
  return createHash('sha256').update(`vuln\0${purl}\0${path}\0${vulnKey}`).digest('hex').slice(0, 32);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

const RANK = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1, UNKNOWN: 0 } as const;

function compareFindings(a: VulnerabilityFinding, b: VulnerabilityFinding): number {
  return (
    a.layer.index - b.layer.index ||
    RANK[b.severity] - RANK[a.severity] ||
    (a.package.name < b.package.name ? -1 : a.package.name > b.package.name ? 1 : 0) ||
    (a.package.version < b.package.version ? -1 : a.package.version > b.package.version ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
