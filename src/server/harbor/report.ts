import {
  severityRank,
  type CvssScore,
  type ScanReport,
  type Severity,
  type VulnerabilityFinding,
} from '../../report/types.js';
import type {
  HarborArtifact,
  HarborCvss,
  HarborScanner,
  HarborSeverity,
  HarborVulnerability,
  HarborVulnerabilityReport,
} from './types.js';

const SEVERITY: Record<Severity, HarborSeverity> = {
  CRITICAL: 'Critical',
  HIGH: 'High',
  MEDIUM: 'Medium',
  LOW: 'Low',
  UNKNOWN: 'Unknown',
};

/** vigia's severity on Harbor's scale. */
export function harborSeverity(s: Severity): HarborSeverity {
  return SEVERITY[s];
}

/**
 * A `ScanReport` as Harbor's vulnerability report (`HarborVulnerabilityReport`): one item per
 * unsuppressed vulnerability finding, most severe first; `severity` is the highest one
 * (`Unknown` when there is none). CVSS goes both to `preferred_cvss` (the highest v3.x and v2
 * scores) and, per source, to `vendor_attributes.CVSS` in the shape Harbor's UI reads.
 */
export function toHarborReport(
  report: ScanReport,
  artifact: HarborArtifact,
  scanner: HarborScanner,
): HarborVulnerabilityReport {
  const findings = report.findings
    .filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability' && !f.suppressed)
    .sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        compare(a.id, b.id) ||
        compare(a.package.name, b.package.name) ||
        compare(a.installedVersion, b.installedVersion),
    );
  const digests = new Map(report.layers.map((l) => [l.index, l.digest]));
  const top = findings[0];
  return {
    generated_at: report.createdAt,
    artifact,
    scanner,
    severity: top ? harborSeverity(top.severity) : 'Unknown',
    vulnerabilities: findings.map((f) => toItem(f, digests.get(f.layer.index))),
  };
}

function toItem(f: VulnerabilityFinding, layerDigest: string | undefined): HarborVulnerability {
  const item: HarborVulnerability = {
    id: f.id,
    package: f.package.name,
    version: f.installedVersion,
    severity: harborSeverity(f.severity),
    description: f.description ?? f.title ?? '',
    links: f.references.filter(isHttpUrl),
  };
  if (f.fixedVersion) item.fix_version = f.fixedVersion;
  const preferred = preferredCvss(f.cvss);
  if (preferred) item.preferred_cvss = preferred;
  item.layer = { ...(layerDigest ? { digest: layerDigest } : {}), diff_id: f.layer.diffID };
  const vendor: Record<string, unknown> = {
    aliases: f.aliases,
    purl: f.package.purl,
    ecosystem: f.package.ecosystem,
    package_type: f.package.type,
    severity_source: f.severitySource,
    fingerprint: f.fingerprint,
    layer_index: f.layer.index,
    paths: f.paths,
  };
  if (f.title) vendor.title = f.title;
  if (f.cvss.length > 0) vendor.CVSS = cvssBySource(f.cvss);
  if (f.knownExploited) vendor.known_exploited = f.knownExploited;
  item.vendor_attributes = vendor;
  return item;
}

function preferredCvss(scores: readonly CvssScore[]): HarborCvss | undefined {
  const best = (versions: string[]) =>
    scores
      .filter((s) => versions.includes(s.version))
      .reduce<CvssScore | undefined>((m, s) => (!m || s.baseScore > m.baseScore ? s : m), undefined);
  const v3 = best(['3.0', '3.1']);
  const v2 = best(['2.0']);
  if (!v3 && !v2) return undefined;
  const out: HarborCvss = {};
  if (v3) {
    out.score_v3 = v3.baseScore;
    out.vector_v3 = v3.vector;
  }
  if (v2) {
    out.score_v2 = v2.baseScore;
    out.vector_v2 = v2.vector;
  }
  return out;
}

/** `{ <source>: { V3Vector, V3Score, V2Vector, V2Score, V40Vector, V40Score } }` (the Trivy adapter's shape). */
function cvssBySource(scores: readonly CvssScore[]): Record<string, Record<string, string | number>> {
  const out: Record<string, Record<string, string | number>> = {};
  for (const s of scores) {
    const entry = (out[s.source] ??= {});
    const key = s.version === '2.0' ? 'V2' : s.version === '4.0' ? 'V40' : 'V3';
    entry[`${key}Vector`] = s.vector;
    entry[`${key}Score`] = s.baseScore;
  }
  return out;
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
