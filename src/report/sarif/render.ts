import type { Warning } from '../../core/warnings.js';
import type { RenderContext } from '../format.js';
import { byCodeUnit } from '../spdx/uuid.js';
import { severityRank, type Finding, type ScanReport, type Suppression } from '../types.js';
import { sarifLevel } from './levels.js';
import { IMAGE_ROOT, locationOf, uriOfPath } from './locations.js';
import { buildRules, ruleKey } from './rules.js';

/** The schema URI of the OASIS SARIF 2.1.0 (errata 01) standard. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The `partialFingerprints` key that carries vigia's finding fingerprint. */
export const FINGERPRINT_KEY = 'vigiaFindingFingerprint/v1';

/**
 * The report as a SARIF 2.1.0 log for GitHub code scanning and other SARIF consumers: one run,
 * one rule per vulnerability id / secret rule / misconfig check, one result per finding
 * (suppressed findings carry `suppressions`), warnings as tool execution notifications, and the
 * verdict, score, grade and counts in the run's properties.
 */
export function renderSarif(report: ScanReport, _ctx: RenderContext): string {
  const findings = [...report.findings].sort(compareFindings);
  const { rules, idOf } = buildRules(findings);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = findings.map((f) => {
    const ruleId = idOf.get(f) as string;
    const result: Record<string, unknown> = {
      ruleId,
      ruleIndex: index.get(ruleId),
      level: sarifLevel(f.severity),
      message: { text: messageOf(f) },
      locations: [locationOf(report, f)],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      properties: resultProperties(f),
    };
    if (f.suppressed) result.suppressions = [suppressionOf(f.suppressed)];
    return result;
  });
  const v = report.verdict;
  const run = {
    tool: {
      driver: {
        name: report.tool.name,
        version: report.tool.version,
        semanticVersion: report.tool.version,
        rules,
      },
    },
    invocations: [
      {
        executionSuccessful: true,
        endTimeUtc: report.createdAt,
        toolExecutionNotifications: report.warnings.map((w) => notificationOf(w)),
      },
    ],
    originalUriBaseIds: {
      [IMAGE_ROOT]: {
        uri: 'file:///',
        description: { text: `The root of the file system of the image ${report.artifact.name}` },
      },
    },
    results,
    columnKind: 'unicodeCodePoints',
    properties: {
      image: report.artifact.name,
      configDigest: report.artifact.configDigest,
      ...(report.artifact.manifestDigest ? { manifestDigest: report.artifact.manifestDigest } : {}),
      ...(report.artifact.os ? { os: `${report.artifact.os.family} ${report.artifact.os.version}` } : {}),
      verdict: v.status,
      ...(v.score !== undefined ? { score: v.score } : {}),
      ...(v.grade ? { grade: v.grade } : {}),
      reasons: v.reasons.map((r) => `${r.rule}: ${r.message}`),
      ...(report.options.failOn ? { failOn: report.options.failOn } : {}),
      summary: report.summary,
    },
  };
  const log = { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function messageOf(f: Finding): string {
  if (f.kind === 'vulnerability') {
    const fix = f.fixedVersion ? `Fixed in ${f.fixedVersion}.` : 'No fixed version yet.';
    const kev = f.knownExploited ? ' Known to be exploited (CISA KEV).' : '';
    return `Package ${f.package.name} ${f.installedVersion} (${f.package.ecosystem}) is affected by ${f.id} (${f.severity}). ${fix}${kev} Installed by layer ${f.layer.index}${f.layer.createdBy ? ` (${oneLine(f.layer.createdBy)})` : ''}.`;
  }
  if (f.kind === 'secret') {
    const where = f.path.startsWith('/') ? `${f.path}:${f.line}` : f.path;
    const vis =
      f.visibility === 'deleted'
        ? ' The file is deleted by a later layer but still shipped in the image.'
        : f.visibility === 'config'
          ? ' It is in the image configuration.'
          : '';
    return `${f.title} (${f.severity}) in ${where}${f.layer ? `, layer ${f.layer.index}` : ''}: ${f.redacted}.${vis}`;
  }
  const where = f.file
    ? ` in ${f.file}${f.line ? `:${f.line}` : ''}`
    : f.evidence.field
      ? ` (${f.evidence.field})`
      : '';
  return `${f.title} (${f.severity})${where}. ${f.remediation}`;
}

function resultProperties(f: Finding): Record<string, unknown> {
  const base: Record<string, unknown> = { kind: f.kind, severity: f.severity };
  if (f.layer) base.layer = { index: f.layer.index, diffID: f.layer.diffID };
  if (f.kind === 'vulnerability') {
    base.package = f.package;
    if (f.fixedVersion) base.fixedVersion = f.fixedVersion;
    if (f.knownExploited) base.knownExploited = f.knownExploited;
    if (f.aliases.length) base.aliases = f.aliases;
  }
  if (f.kind === 'secret') base.visibility = f.visibility;
  return base;
}

/** Every suppression vigia knows lives outside the image (ignore file, VEX, policy). */
function suppressionOf(s: Suppression) {
  const parts = [s.reason, `${s.kind}: ${s.source}`];
  if (s.owner) parts.push(`owner ${s.owner}`);
  if (s.expires) parts.push(`expires ${s.expires}`);
  return { kind: 'external', status: 'accepted', justification: parts.join('; ') };
}

function notificationOf(w: Warning) {
  const n: Record<string, unknown> = {
    level: 'warning',
    message: { text: w.message },
    descriptor: { id: w.code },
  };
  if (w.path?.startsWith('/')) {
    n.locations = [
      { physicalLocation: { artifactLocation: { uri: uriOfPath(w.path), uriBaseId: IMAGE_ROOT } } },
    ];
  }
  if (w.layerDiffID) n.properties = { layerDiffID: w.layerDiffID };
  return n;
}

const KIND_ORDER: Finding['kind'][] = ['vulnerability', 'secret', 'misconfig'];

/** Kind, then severity (worst first), then rule id, then fingerprint. */
function compareFindings(a: Finding, b: Finding): number {
  return (
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    byCodeUnit(ruleKey(a), ruleKey(b)) ||
    byCodeUnit(a.fingerprint, b.fingerprint)
  );
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 120 ? `${t.slice(0, 117)}...` : t;
}
