import type { OsInfo } from '../core/os.js';
import type { Package } from '../core/package.js';
import type { OpenedImage } from '../image/types.js';
import type { IndexedLayerFacts } from '../inventory/squash.js';
import {
  Severities,
  severityRank,
  type Finding,
  type LayerOrigin,
  type ReportArtifact,
  type ReportLayer,
  type Severity,
  type Summary,
  type Verdict,
} from '../report/types.js';

/** A zeroed count per severity. */
export function severityCounts(): Record<Severity, number> {
  return Object.fromEntries(Severities.map((s) => [s, 0])) as Record<Severity, number>;
}

/** The report's description of the image. */
export function artifactOf(image: OpenedImage, os: OsInfo | undefined): ReportArtifact {
  const c = image.config.config;
  const config: ReportArtifact['config'] = {};
  if (c.User !== undefined && c.User !== '') config.user = c.User;
  if (c.Env?.length) config.env = [...c.Env];
  if (c.Entrypoint?.length) config.entrypoint = [...c.Entrypoint];
  if (c.Cmd?.length) config.cmd = [...c.Cmd];
  if (c.WorkingDir) config.workingDir = c.WorkingDir;
  if (c.ExposedPorts) config.exposedPorts = Object.keys(c.ExposedPorts).sort();
  if (c.Labels && Object.keys(c.Labels).length) config.labels = sortedRecord(c.Labels);
  if (c.Healthcheck?.Test?.length) config.healthcheck = [...c.Healthcheck.Test];
  const artifact: ReportArtifact = {
    name: image.name,
    source: image.source,
    repoTags: [...image.repoTags],
    configDigest: image.configDigest,
    platform: image.platform,
    config,
  };
  if (image.manifestDigest) artifact.manifestDigest = image.manifestDigest;
  if (image.indexDigest) artifact.indexDigest = image.indexDigest;
  if (os) artifact.os = os;
  if (image.config.created) artifact.created = image.config.created;
  return artifact;
}

/** Where a layer came from, for findings. */
export function layerOrigin(image: OpenedImage, index: number): LayerOrigin {
  const layer = image.layers[index];
  const origin: LayerOrigin = { index, diffID: layer?.diffID ?? '' };
  const createdBy = layer?.history?.createdBy;
  if (createdBy) origin.createdBy = createdBy;
  return origin;
}

/** The layers with their sizes and what each introduced. */
export function reportLayers(
  image: OpenedImage,
  facts: readonly IndexedLayerFacts[],
  packages: readonly Package[],
  findings: readonly Finding[],
  baseLayers = 0,
): ReportLayer[] {
  return image.layers.map((layer) => {
    const stats = facts[layer.index]?.facts.stats;
    const introduced = introducedBy(layer.index, packages, findings);
    const out: ReportLayer = {
      index: layer.index,
      digest: layer.digest,
      diffID: layer.diffID,
      mediaType: layer.mediaType,
      uncompressedSize: stats?.uncompressedBytes ?? 0,
      files: stats?.files ?? 0,
      introduced,
    };
    const size = layer.size ?? stats?.compressedBytes;
    if (size !== undefined) out.size = size;
    if (layer.history?.createdBy) out.createdBy = layer.history.createdBy;
    if (layer.history?.created) out.created = layer.history.created;
    if (layer.history?.comment) out.comment = layer.history.comment;
    if (baseLayers > 0) out.base = layer.index < baseLayers;
    return out;
  });
}

/** What layer `index` introduced: its packages and its unsuppressed findings by kind/severity. */
export function introducedBy(
  index: number,
  packages: readonly Package[],
  findings: readonly Finding[],
): ReportLayer['introduced'] {
  const introduced: ReportLayer['introduced'] = {
    packages: packages.filter((p) => p.layer.index === index).length,
    findings: severityCounts(),
    secrets: 0,
    misconfigs: 0,
  };
  for (const f of findings) {
    if (f.suppressed || f.layer?.index !== index) continue;
    if (f.kind === 'vulnerability') introduced.findings[f.severity]++;
    else if (f.kind === 'secret') introduced.secrets++;
    else introduced.misconfigs++;
  }
  return introduced;
}

/** Counts for the summary line of every format. */
export function summarize(packages: readonly Package[], findings: readonly Finding[]): Summary {
  const summary: Summary = {
    packages: {
      total: packages.length,
      os: packages.filter((p) => p.type === 'os').length,
      library: packages.filter((p) => p.type === 'library').length,
    },
    vulnerabilities: severityCounts(),
    secrets: severityCounts(),
    misconfigs: severityCounts(),
    suppressed: 0,
    fixable: 0,
    knownExploited: 0,
  };
  for (const f of findings) {
    if (f.suppressed) {
      summary.suppressed++;
      continue;
    }
    if (f.kind === 'vulnerability') {
      summary.vulnerabilities[f.severity]++;
      if (f.fixedVersion) summary.fixable++;
      if (f.knownExploited) summary.knownExploited++;
    } else if (f.kind === 'secret') {
      summary.secrets[f.severity]++;
    } else {
      summary.misconfigs[f.severity]++;
    }
  }
  return summary;
}

/** The `--fail-on` verdict: fail when an unsuppressed finding is at or above the threshold. */
export function failOnVerdict(findings: readonly Finding[], failOn: Severity | undefined): Verdict {
  if (!failOn) return { status: 'pass', reasons: [] };
  const over = findings.filter((f) => !f.suppressed && severityRank(f.severity) >= severityRank(failOn));
  if (over.length === 0) return { status: 'pass', reasons: [] };
  return {
    status: 'fail',
    reasons: [
      {
        rule: 'fail-on',
        message: `${over.length} finding(s) at or above ${failOn}`,
        findings: over.map((f) => f.fingerprint),
      },
    ],
  };
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
