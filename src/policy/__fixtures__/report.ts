import type { Package } from '../../core/package.js';
import type {
  MisconfigFinding,
  ReportBase,
  ScanReport,
  SecretFinding,
  Severity,
  VulnerabilityFinding,
} from '../../report/types.js';

/** Small ScanReports for policy tests, built from the real report types. */

const ZERO: Record<Severity, number> = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };

let seq = 0;
const fp = (kind: string): string => `${kind}-${(++seq).toString(16).padStart(8, '0')}`;

/** A report of a debian image with the given findings and packages. */
export function makeReport(parts: Partial<ScanReport> = {}): ScanReport {
  return {
    schemaVersion: 1,
    tool: { name: 'vigia', version: '0.1.0' },
    createdAt: '2026-11-29T12:00:00Z',
    artifact: {
      name: 'registry.corp.example/apps/web:1.2.3',
      source: 'registry',
      repoTags: ['registry.corp.example/apps/web:1.2.3'],
      configDigest: `sha256:${'c'.repeat(64)}`,
      platform: { os: 'linux', architecture: 'amd64' },
      os: { family: 'debian', version: '12.8', name: 'Debian GNU/Linux 12 (bookworm)', codename: 'bookworm' },
      created: '2026-11-01T00:00:00Z',
      config: { user: 'app' },
    },
    layers: [],
    packages: [],
    findings: [],
    summary: {
      packages: { total: 0, os: 0, library: 0 },
      vulnerabilities: { ...ZERO },
      secrets: { ...ZERO },
      misconfigs: { ...ZERO },
      suppressed: 0,
      fixable: 0,
      knownExploited: 0,
    },
    warnings: [],
    options: {
      scanners: ['vulnerability', 'secret', 'misconfig'],
      severities: ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'],
      ignoreUnfixed: false,
      pkgTypes: ['os', 'library'],
    },
    verdict: { status: 'pass', reasons: [] },
    ...parts,
  };
}

/** A vulnerability in `pkg` (default openssl 3.0.11 from debian). */
export function vuln(
  id: string,
  severity: Severity,
  extra: Partial<VulnerabilityFinding> & { pkg?: Partial<VulnerabilityFinding['package']> } = {},
): VulnerabilityFinding {
  const { pkg, ...rest } = extra;
  const name = pkg?.name ?? 'openssl';
  const version = pkg?.version ?? '3.0.11-1~deb12u2';
  return {
    kind: 'vulnerability',
    id,
    aliases: [],
    fingerprint: fp('vuln'),
    severity,
    severitySource: 'vendor',
    cvss: [],
    package: {
      id: `deb:${name}@${version}`,
      name,
      version,
      ecosystem: 'deb',
      purl: pkg?.purl ?? `pkg:deb/debian/${name}@${version}?distro=debian-12`,
      type: 'os',
      ...pkg,
    },
    installedVersion: version,
    layer: { index: 0, diffID: `sha256:${'1'.repeat(64)}` },
    paths: ['/var/lib/dpkg/status'],
    references: [`https://nvd.nist.gov/vuln/detail/${id}`],
    advisories: [{ id, source: 'osv' }],
    ...rest,
  };
}

/** A secret found at `path`. */
export function secret(visibility: SecretFinding['visibility'] = 'visible', severity: Severity = 'HIGH'): SecretFinding {
  return {
    kind: 'secret',
    id: 'aws-access-key-id',
    ruleId: 'aws-access-key-id',
    category: 'AWS',
    title: 'AWS access key ID',
    severity,
    fingerprint: fp('secret'),
    path: '/app/.env',
    line: 3,
    redacted: 'AKIA…MPLE',
    visibility,
  };
}

/** A failed image-config check. */
export function misconfig(checkId: string, severity: Severity = 'MEDIUM'): MisconfigFinding {
  return {
    kind: 'misconfig',
    id: checkId,
    checkId,
    severity,
    title: `check ${checkId}`,
    remediation: 'fix it',
    fingerprint: fp('misconfig'),
    source: 'image',
    evidence: { field: 'User' },
  };
}

/** An installed package. */
export function pkg(name: string, version: string, extra: Partial<Package> = {}): Package {
  return {
    ecosystem: 'npm',
    name,
    version,
    id: `npm:${name}@${version}`,
    purl: `pkg:npm/${name}@${version}`,
    type: 'library',
    layer: { index: 1, diffID: `sha256:${'2'.repeat(64)}` },
    paths: [`/app/node_modules/${name}/package.json`],
    analyzer: 'npm-installed',
    ...extra,
  };
}

/** A known base, approved. */
export const APPROVED_BASE: ReportBase = {
  method: 'catalogue',
  name: 'registry.corp.example/base/debian:12',
  layers: 1,
  approved: true,
  current: true,
  created: '2026-11-20T00:00:00Z',
};

/** No detected base. */
export const UNKNOWN_BASE: ReportBase = { method: 'unknown', layers: 0, approved: 'unknown' };
