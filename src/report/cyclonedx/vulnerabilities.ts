import type { CvssScore, Severity, Suppression, VulnerabilityFinding } from '../types.js';
import { isHttpUrl } from '../links.js';
import { byCodeUnit } from '../spdx/uuid.js';
import type { CdxRating, CdxVulnerability } from './types.js';

const METHOD: Record<CvssScore['version'], NonNullable<CdxRating['method']>> = {
  '2.0': 'CVSSv2',
  '3.0': 'CVSSv3',
  '3.1': 'CVSSv31',
  '4.0': 'CVSSv4',
};

/** vigia's severity as a CycloneDX rating severity. */
export function cdxSeverity(s: Severity): CdxRating['severity'] {
  return s === 'UNKNOWN' ? 'unknown' : (s.toLowerCase() as CdxRating['severity']);
}

/** Where an id is published: NVD for CVEs, GitHub for GHSAs, else the feed that carried it. */
export function idSource(id: string, feed?: string): { name: string; url?: string } {
  if (/^CVE-\d{4}-\d+$/.test(id)) return { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` };
  if (/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/.test(id)) {
    return { name: 'GitHub', url: `https://github.com/advisories/${id}` };
  }
  return { name: feed ?? 'unknown' };
}

/**
 * One CycloneDX vulnerability per finding (a vulnerability id can affect several packages with
 * different fixes and suppressions, which one entry could not tell apart). The bom-ref is the
 * finding's fingerprint; `affects[].ref` is the package's bom-ref (its id).
 */
export function cdxVulnerability(f: VulnerabilityFinding): CdxVulnerability {
  const ratings: CdxRating[] = [
    {
      source: { name: 'vigia' },
      severity: cdxSeverity(f.severity),
      method: 'other',
      justification: `severity chosen by vigia from ${f.severitySource} (docs/severity.md)`,
    },
  ];
  for (const c of f.cvss) {
    ratings.push({
      source: idSource(c.source),
      score: c.baseScore,
      severity: cdxSeverity(c.severity),
      method: METHOD[c.version],
      vector: c.vector,
    });
  }
  const versions: NonNullable<CdxVulnerability['affects'][number]['versions']> = [
    { version: f.installedVersion, status: 'affected' },
  ];
  if (f.fixedVersion) versions.push({ version: f.fixedVersion, status: 'unaffected' });
  const out: CdxVulnerability = {
    'bom-ref': `finding:${f.fingerprint}`,
    id: f.id,
    source: idSource(f.id, f.advisories[0]?.source),
    ratings,
    affects: [{ ref: f.package.id, versions }],
  };
  if (f.aliases.length) {
    out.references = [...f.aliases]
      .sort(byCodeUnit)
      .map((id) => ({ id, source: idSource(id, f.advisories.find((a) => a.id === id)?.source) }));
  }
  if (f.title) out.description = f.title;
  if (f.description) out.detail = f.description;
  if (f.fixedVersion) out.recommendation = `Upgrade ${f.package.name} to ${f.fixedVersion} or later.`;
  const urls = f.references.filter(isHttpUrl);
  if (urls.length) out.advisories = urls.map((url) => ({ url }));
  if (f.published && isDateTime(f.published)) out.published = f.published;
  if (f.modified && isDateTime(f.modified)) out.updated = f.modified;
  if (f.suppressed) out.analysis = analysisOf(f.suppressed);
  const props = [
    { name: 'vigia:finding:fingerprint', value: f.fingerprint },
    { name: 'vigia:layer:index', value: String(f.layer.index) },
    { name: 'vigia:layer:diffID', value: f.layer.diffID },
  ];
  for (const a of f.advisories) props.push({ name: 'vigia:advisory', value: `${a.id} (${a.source})` });
  if (f.knownExploited) {
    props.push({ name: 'vigia:knownExploited:dateAdded', value: f.knownExploited.dateAdded });
    if (f.knownExploited.dueDate)
      props.push({ name: 'vigia:knownExploited:dueDate', value: f.knownExploited.dueDate });
    if (f.knownExploited.ransomware !== undefined) {
      props.push({ name: 'vigia:knownExploited:ransomware', value: String(f.knownExploited.ransomware) });
    }
  }
  out.properties = props;
  return out;
}

/**
 * VEX-style analysis of a suppressed finding: a VEX statement says the image is not affected; an
 * ignore-file entry or a policy exception accepts the risk (`exploitable` + `will_not_fix`).
 */
function analysisOf(s: Suppression): NonNullable<CdxVulnerability['analysis']> {
  const who = [
    `${s.kind} ${s.source}`,
    s.owner ? `owner ${s.owner}` : '',
    s.expires ? `expires ${s.expires}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const detail = `${s.reason} (${who})`;
  if (s.kind === 'vex') return { state: 'not_affected', detail };
  return { state: 'exploitable', response: ['will_not_fix'], detail };
}

/** JSON Schema `date-time`: RFC 3339 with a time zone. */
function isDateTime(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s);
}
