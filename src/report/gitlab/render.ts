import { createHash } from 'node:crypto';
import type { ScanReport, Severity, VulnerabilityFinding } from '../types.js';

/** The GitLab security report schema version this renderer writes (schema/ in this folder). */
export const GITLAB_SCHEMA_VERSION = '15.2.1';
export const GITLAB_SCHEMA_URL = `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${GITLAB_SCHEMA_VERSION}/dist/container-scanning-report-format.json`;

const SEVERITY: Record<Severity, string> = {
  CRITICAL: 'Critical',
  HIGH: 'High',
  MEDIUM: 'Medium',
  LOW: 'Low',
  UNKNOWN: 'Unknown',
};

// The two CVSS vector grammars the schema accepts (v2 without prefix, v3.0/v3.1); v4 has none yet.
const CVSS2 =
  /^((AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))\/)*(AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))$/;
const CVSS3 =
  /^CVSS:3[.][01]\/((AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])\/)*(AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])$/;
const URL_RE = /^(https?|ftp):\/\/.+/;

interface Identifier {
  type: string;
  name: string;
  value: string;
  url?: string;
}

/** `CVE-2021-44228` → cve, `GHSA-…` → ghsa, `DSA-5532-1` → dsa, `ALPINE-…` → alpine. */
function identifier(id: string): Identifier {
  const type = (id.split('-')[0] ?? id).toLowerCase() || 'vigia';
  const out: Identifier = { type, name: id, value: id };
  if (type === 'cve') out.url = `https://nvd.nist.gov/vuln/detail/${id}`;
  else if (type === 'ghsa') out.url = `https://github.com/advisories/${id}`;
  return out;
}

/** A stable UUID-shaped id derived from the finding's fingerprint (same finding, same id). */
function uuidOf(fingerprint: string): string {
  const h = createHash('sha256').update(`vigia-gitlab:${fingerprint}`).digest('hex');
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `2026-11-29T12:00:00.123Z` → `2026-11-29T12:00:00` (the schema's UTC format). */
function gitlabTime(rfc3339: string): string {
  const d = new Date(rfc3339);
  return (Number.isNaN(d.getTime()) ? new Date(0) : d).toISOString().slice(0, 19);
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function vulnerability(f: VulnerabilityFinding, image: string, os: string): object {
  const ids = [f.id, ...f.aliases.filter((a) => a !== f.id)].map(identifier);
  const cvss = f.cvss
    .map((c) => ({ vendor: c.source || 'unknown', vector: c.vector.replace(/^CVSS:2\.0\//, '') }))
    .filter((c) => CVSS2.test(c.vector) || CVSS3.test(c.vector))
    .slice(0, 10);
  const details: Record<string, object> = {
    package_url: { name: 'Package URL', type: 'text', value: f.package.purl },
    layer: {
      name: 'Layer',
      type: 'text',
      value: `#${f.layer.index} ${f.layer.diffID}${f.layer.createdBy ? ` (${f.layer.createdBy})` : ''}`,
    },
  };
  if (f.paths.length) {
    details.paths = {
      name: 'Found in',
      type: 'list',
      items: f.paths.map((p) => ({ type: 'text', value: p })),
    };
  }
  if (f.knownExploited) {
    details.known_exploited = {
      name: 'Known exploited (CISA KEV)',
      type: 'text',
      value: `added ${f.knownExploited.dateAdded}${f.knownExploited.dueDate ? `, due ${f.knownExploited.dueDate}` : ''}`,
    };
  }
  const out: Record<string, unknown> = {
    id: uuidOf(f.fingerprint),
    name: clip(f.title ?? f.id, 255),
    description: clip(f.description ?? f.title ?? `${f.id} in ${f.package.name}`, 1048576),
    severity: SEVERITY[f.severity],
    solution: clip(
      f.fixedVersion
        ? `Upgrade ${f.package.name} from ${f.installedVersion} to ${f.fixedVersion}.`
        : `No fixed version of ${f.package.name} is known yet.`,
      7000,
    ),
    identifiers: ids,
    links: f.references.filter((u) => URL_RE.test(u)).map((url) => ({ url })),
    details,
    location: {
      dependency: { package: { name: f.package.name }, version: f.installedVersion },
      operating_system: os,
      image,
    },
  };
  if (cvss.length) out.cvss_vectors = cvss;
  return out;
}

const RANK: Record<Severity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3, UNKNOWN: 4 };

/**
 * The report in GitLab's container-scanning report format (schema 15.2.1, committed in
 * `schema/`): unsuppressed vulnerabilities only (GitLab's container scanning has no place for
 * secrets or misconfigurations), sorted; warnings and the verdict, score and grade as scan
 * messages. Deterministic: ids derive from fingerprints, times from `createdAt`.
 */
export function renderGitlab(report: ScanReport): string {
  const image = report.artifact.repoTags[0] ?? report.artifact.name;
  const os = report.artifact.os;
  const osName = os ? (os.name ?? `${os.family} ${os.version}`) : 'unknown';
  const vulns = report.findings
    .filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability' && !f.suppressed)
    .sort(
      (a, b) =>
        RANK[a.severity] - RANK[b.severity] ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
        (a.package.purl < b.package.purl ? -1 : a.package.purl > b.package.purl ? 1 : 0),
    );
  const tool = {
    id: 'vigia',
    name: 'vigia',
    version: report.tool.version,
    vendor: { name: 'vigia' },
  };
  const v = report.verdict;
  const verdictLine =
    `vigia verdict: ${v.status}` +
    (v.score !== undefined ? `, score ${v.score}/100${v.grade ? ` (grade ${v.grade})` : ''}` : '') +
    (v.reasons.length ? `; ${v.reasons.map((r) => `${r.rule}: ${r.message}`).join('; ')}` : '');
  const messages = [
    { level: 'info', value: verdictLine },
    ...report.warnings.map((w) => ({ level: 'warn', value: `${w.code}: ${w.message}` })),
  ];
  const primary = new Map<string, Identifier>();
  for (const f of vulns) primary.set(f.id, identifier(f.id));
  const doc = {
    version: GITLAB_SCHEMA_VERSION,
    schema: GITLAB_SCHEMA_URL,
    scan: {
      analyzer: tool,
      scanner: tool,
      type: 'container_scanning',
      start_time: gitlabTime(report.createdAt),
      end_time: gitlabTime(report.createdAt),
      status: 'success',
      messages,
      primary_identifiers: [...primary.values()].sort((a, b) =>
        a.value < b.value ? -1 : a.value > b.value ? 1 : 0,
      ),
    },
    vulnerabilities: vulns.map((f) => vulnerability(f, image, osName)),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
