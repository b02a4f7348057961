import type { RenderContext } from '../format.js';
import { byCodeUnit, uuidV5 } from '../spdx/uuid.js';
import type { Finding, ScanReport, VulnerabilityFinding } from '../types.js';
import {
  imageComponent,
  imageRef,
  osComponent,
  osRef,
  packageComponent,
  sortedPackages,
} from './components.js';
import type { CdxComponent, CdxProperty } from './types.js';
import { cdxVulnerability } from './vulnerabilities.js';

/** The CycloneDX spec version this renderer writes. */
export const CYCLONEDX_SPEC_VERSION = '1.6';

/**
 * The report as a CycloneDX 1.6 JSON BOM: the image (`container`) in metadata, the OS and every
 * package as components, and — when the report holds vulnerability findings — one
 * `vulnerabilities[]` entry per finding. Secrets, misconfigurations and warnings become
 * annotations on the image; verdict, score and counts are metadata properties.
 */
export function renderCycloneDx(report: ScanReport, _ctx: RenderContext): string {
  const tool = { type: 'application' as const, name: report.tool.name, version: report.tool.version };
  const image = imageComponent(report);
  const os = osComponent(report);
  const packages = sortedPackages(report.packages);
  const components: CdxComponent[] = [...(os ? [os] : []), ...packages.map(packageComponent)];
  const bom: Record<string, unknown> = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: CYCLONEDX_SPEC_VERSION,
    serialNumber: `urn:uuid:${uuidV5(`vigia:cyclonedx:${image.version}:${report.createdAt}:${report.options.scanners.join(',')}`)}`,
    version: 1,
    metadata: {
      timestamp: report.createdAt,
      tools: { components: [tool] },
      component: image,
      properties: metadataProperties(report),
    },
    components,
    dependencies: dependencies(report, packages),
  };
  const vulns = report.findings
    .filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability')
    .sort(compareVulns);
  if (report.options.scanners.includes('vulnerability')) bom.vulnerabilities = vulns.map(cdxVulnerability);
  const annotations = annotationsOf(report, tool);
  if (annotations.length) bom.annotations = annotations;
  return `${JSON.stringify(bom, null, 2)}\n`;
}

/** The image depends on the OS and the language packages; the OS on its packages. */
function dependencies(report: ScanReport, packages: ReturnType<typeof sortedPackages>) {
  const os = osRef(report);
  const osPkgs = packages.filter((p) => p.type === 'os').map((p) => p.id);
  const libs = packages.filter((p) => p.type === 'library').map((p) => p.id);
  const out = [{ ref: imageRef(report), dependsOn: [...(os ? [os] : osPkgs), ...libs] }];
  if (os) out.push({ ref: os, dependsOn: osPkgs });
  return out;
}

function metadataProperties(report: ScanReport): CdxProperty[] {
  const v = report.verdict;
  const props: CdxProperty[] = [
    { name: 'vigia:report:schemaVersion', value: String(report.schemaVersion) },
    { name: 'vigia:scanners', value: report.options.scanners.join(',') || 'none' },
  ];
  if (!report.options.scanners.length) return [...props, ...warningCount(report)];
  props.push({ name: 'vigia:verdict', value: v.status });
  if (v.score !== undefined) props.push({ name: 'vigia:score', value: String(v.score) });
  if (v.grade) props.push({ name: 'vigia:grade', value: v.grade });
  if (report.options.failOn) props.push({ name: 'vigia:failOn', value: report.options.failOn });
  for (const r of v.reasons) props.push({ name: 'vigia:verdict:reason', value: `${r.rule}: ${r.message}` });
  const s = report.summary;
  for (const [kind, counts] of [
    ['vulnerabilities', s.vulnerabilities],
    ['secrets', s.secrets],
    ['misconfigs', s.misconfigs],
  ] as const) {
    for (const [sev, n] of Object.entries(counts))
      props.push({ name: `vigia:summary:${kind}:${sev}`, value: String(n) });
  }
  props.push({ name: 'vigia:summary:suppressed', value: String(s.suppressed) });
  props.push({ name: 'vigia:summary:fixable', value: String(s.fixable) });
  props.push({ name: 'vigia:summary:knownExploited', value: String(s.knownExploited) });
  if (report.database) {
    props.push({ name: 'vigia:database:builtAt', value: report.database.builtAt });
    props.push({ name: 'vigia:database:ageHours', value: String(report.database.ageHours) });
  }
  return [...props, ...warningCount(report)];
}

function warningCount(report: ScanReport): CdxProperty[] {
  return [{ name: 'vigia:warnings', value: String(report.warnings.length) }];
}

function annotationsOf(report: ScanReport, tool: { type: 'application'; name: string; version: string }) {
  const subjects = [imageRef(report)];
  const annotator = { component: tool };
  const texts: string[] = [];
  const others = report.findings.filter((f) => f.kind !== 'vulnerability').sort(compareOthers);
  for (const f of others) texts.push(findingText(f));
  for (const w of report.warnings)
    texts.push(`warning ${w.code}: ${w.message}${w.path ? ` (${w.path})` : ''}`);
  return texts.map((text) => ({ subjects, annotator, timestamp: report.createdAt, text }));
}

function findingText(f: Exclude<Finding, VulnerabilityFinding>): string {
  const sup = f.suppressed ? ` [suppressed: ${f.suppressed.reason}]` : '';
  const layer = f.layer ? `, layer ${f.layer.index}` : '';
  if (f.kind === 'secret') {
    return `secret ${f.ruleId} (${f.severity}): ${f.title} at ${f.path}:${f.line}${layer}, ${f.visibility}, match ${f.redacted}; fingerprint ${f.fingerprint}${sup}`;
  }
  const where = f.file
    ? ` at ${f.file}${f.line ? `:${f.line}` : ''}`
    : f.evidence.path
      ? ` at ${f.evidence.path}`
      : '';
  return `misconfiguration ${f.checkId} (${f.severity}): ${f.title}${where}${layer}; remediation: ${f.remediation}; fingerprint ${f.fingerprint}${sup}`;
}

function compareVulns(a: VulnerabilityFinding, b: VulnerabilityFinding): number {
  return (
    byCodeUnit(a.id, b.id) ||
    byCodeUnit(a.package.purl, b.package.purl) ||
    byCodeUnit(a.fingerprint, b.fingerprint)
  );
}

function compareOthers(a: Finding, b: Finding): number {
  return byCodeUnit(a.kind, b.kind) || byCodeUnit(a.fingerprint, b.fingerprint);
}
