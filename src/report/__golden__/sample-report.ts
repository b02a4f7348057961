import type { Package } from '../../core/package.js';
import type {
  MisconfigFinding,
  ScanReport,
  SecretFinding,
  Severity,
  VulnerabilityFinding,
} from '../types.js';

/**
 * Test support: a small hand-built report (typed by the real `ScanReport`) holding every kind of
 * finding, suppressions of each kind, warnings and a failing verdict with score and grade — the
 * cases real fixture scans do not all reach (misconfigurations, suppressions, hostile text).
 */
const DIFF = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const counts = (): Record<Severity, number> => ({ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 });

export const SSL: Package = {
  ecosystem: 'apk',
  name: 'libssl1.1',
  version: '1.1.1d-r2',
  source: { name: 'openssl', version: '1.1.1d-r2' },
  arch: 'x86_64',
  licenses: ['OpenSSL'],
  id: '1111111111111111',
  purl: 'pkg:apk/alpine/libssl1.1@1.1.1d-r2?arch=x86_64&distro=alpine-3.10.4',
  type: 'os',
  layer: { index: 0, diffID: DIFF(1) },
  paths: ['/lib/apk/db/installed'],
  analyzer: 'apk',
};

export const LODASH: Package = {
  ecosystem: 'npm',
  name: 'lodash',
  version: '4.17.15',
  licenses: ['MIT OR Apache-2.0'],
  id: '2222222222222222',
  purl: 'pkg:npm/lodash@4.17.15',
  type: 'library',
  layer: { index: 1, diffID: DIFF(2) },
  paths: ['/app/node_modules/lodash/package.json'],
  analyzer: 'npm-installed',
};

export const JACKSON: Package = {
  ecosystem: 'maven',
  name: 'com.fasterxml.jackson.core:jackson-databind',
  version: '2.14.0',
  licenses: ['The Apache Software License, Version 2.0', 'GPLv2+ | "weird" <x>'],
  id: '3333333333333333',
  purl: 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.14.0',
  type: 'library',
  layer: { index: 1, diffID: DIFF(2) },
  paths: ['/usr/share/java/jackson-databind.jar'],
  analyzer: 'java-archive',
  ownedBy: { ecosystem: 'apk', name: 'libssl1.1', version: '1.1.1d-r2' },
};

const vuln = (
  over: Partial<VulnerabilityFinding> & Pick<VulnerabilityFinding, 'id' | 'fingerprint' | 'severity'>,
  p: Package,
): VulnerabilityFinding => ({
  kind: 'vulnerability',
  aliases: [],
  severitySource: 'none',
  cvss: [],
  package: { id: p.id, name: p.name, version: p.version, ecosystem: p.ecosystem, purl: p.purl, type: p.type },
  installedVersion: p.version,
  layer: { index: p.layer.index, diffID: p.layer.diffID, createdBy: 'RUN apk add --no-cache openssl' },
  paths: [...p.paths],
  references: [],
  advisories: [{ id: over.id, source: 'osv:test' }],
  ...over,
});

export const CRITICAL_SSL = vuln(
  {
    id: 'CVE-2020-1967',
    fingerprint: 'fp-ssl-1967',
    severity: 'HIGH',
    severitySource: 'cvss-v3',
    cvss: [
      {
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
        baseScore: 7.5,
        severity: 'HIGH',
        source: 'GHSA-jq65-29v4-4x35',
      },
      {
        version: '2.0',
        vector: 'AV:N/AC:M/Au:N/C:N/I:N/A:P',
        baseScore: 4.3,
        severity: 'MEDIUM',
        source: 'NVD',
      },
    ],
    title: 'Segmentation fault in SSL_check_chain | pipes <b>',
    description: 'Server or client applications that call SSL_check_chain() may crash.\nSecond line.',
    fixedVersion: '1.1.1g-r0',
    aliases: ['GHSA-jq65-29v4-4x35'],
    references: ['https://www.openssl.org/news/secadv/20200421.txt', 'not a url'],
    knownExploited: { dateAdded: '2024-01-02', dueDate: '2024-01-23', ransomware: false },
    published: '2020-04-21T14:15:00Z',
  },
  SSL,
);

export const LODASH_SUPPRESSED = vuln(
  {
    id: 'CVE-2020-8203',
    fingerprint: 'fp-lodash-8203',
    severity: 'CRITICAL',
    suppressed: {
      kind: 'vex',
      reason: 'vulnerable_code_not_in_execute_path',
      source: 'vex.json',
      owner: 'team-a',
    },
  },
  LODASH,
);

export const LODASH_IGNORED = vuln(
  {
    id: 'CVE-2021-23337',
    fingerprint: 'fp-lodash-23337',
    severity: 'HIGH',
    suppressed: {
      kind: 'ignore-file',
      reason: 'accepted until the rewrite',
      source: '.vigiaignore',
      expires: '2030-01-01',
    },
  },
  LODASH,
);

export const JACKSON_UNKNOWN = vuln(
  { id: 'GHSA-abcd-efgh-ijkl', fingerprint: 'fp-jackson', severity: 'UNKNOWN' },
  JACKSON,
);

export const SECRET_FILE: SecretFinding = {
  kind: 'secret',
  id: 'secret-1',
  ruleId: 'aws-access-key-id',
  category: 'AWS',
  title: 'AWS access key ID',
  severity: 'CRITICAL',
  fingerprint: 'fp-secret-file',
  path: '/app/.env',
  line: 2,
  redacted: 'AKI****Q4Z',
  visibility: 'deleted',
  layer: { index: 1, diffID: DIFF(2) },
};

export const SECRET_CONFIG: SecretFinding = {
  kind: 'secret',
  id: 'secret-2',
  ruleId: 'generic-password',
  category: 'Generic',
  title: 'Password in clear text',
  severity: 'MEDIUM',
  fingerprint: 'fp-secret-config',
  path: 'config:Env[1]',
  line: 1,
  redacted: 'DB_PASSWORD=h****2 & <x> \u0007',
  visibility: 'config',
};

export const MISCONFIG_IMAGE: MisconfigFinding = {
  kind: 'misconfig',
  id: 'mc-1',
  checkId: 'VIG-IMG-001',
  severity: 'HIGH',
  title: 'Image runs as root',
  remediation: 'Add a USER instruction with a non-root user.',
  fingerprint: 'fp-mc-root',
  source: 'image',
  evidence: { field: 'config.User' },
};

export const MISCONFIG_DOCKERFILE: MisconfigFinding = {
  kind: 'misconfig',
  id: 'mc-2',
  checkId: 'VIG-DF-003',
  severity: 'LOW',
  title: 'ADD used instead of COPY',
  remediation: 'Use COPY for local files.',
  fingerprint: 'fp-mc-add',
  source: 'dockerfile',
  evidence: { line: 7 },
  file: 'docker/Dockerfile',
  line: 7,
};

/** The sample report: fails on HIGH (the two unsuppressed HIGH+ findings and the root misconfig). */
export function sampleReport(): ScanReport {
  const findings = [
    CRITICAL_SSL,
    LODASH_SUPPRESSED,
    LODASH_IGNORED,
    JACKSON_UNKNOWN,
    SECRET_FILE,
    SECRET_CONFIG,
    MISCONFIG_IMAGE,
    MISCONFIG_DOCKERFILE,
  ];
  const vulnerabilities = counts();
  vulnerabilities.HIGH = 1;
  vulnerabilities.UNKNOWN = 1;
  const secrets = counts();
  secrets.CRITICAL = 1;
  secrets.MEDIUM = 1;
  const misconfigs = counts();
  misconfigs.HIGH = 1;
  misconfigs.LOW = 1;
  return {
    schemaVersion: 1,
    tool: { name: 'vigia', version: '0.1.0' },
    createdAt: '2026-01-01T00:00:00.000Z',
    artifact: {
      name: 'registry.example/team/app:1.2',
      source: 'registry',
      repoTags: ['registry.example/team/app:1.2'],
      manifestDigest: `sha256:${'a'.repeat(64)}`,
      configDigest: `sha256:${'c'.repeat(64)}`,
      platform: { os: 'linux', architecture: 'amd64' },
      os: { family: 'alpine', version: '3.10.4', name: 'Alpine Linux v3.10', eol: true },
      config: { env: ['DB_PASSWORD=hunter2'] },
    },
    layers: [0, 1].map((index) => ({
      index,
      digest: `sha256:${String(index + 5).repeat(64)}`,
      diffID: DIFF(index + 1),
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      uncompressedSize: 1000,
      files: 10,
      introduced: { packages: index === 0 ? 1 : 2, findings: counts(), secrets: index, misconfigs: 0 },
    })),
    packages: [SSL, LODASH, JACKSON],
    findings,
    summary: {
      packages: { total: 3, os: 1, library: 2 },
      vulnerabilities,
      secrets,
      misconfigs,
      suppressed: 2,
      fixable: 1,
      knownExploited: 1,
    },
    warnings: [
      {
        code: 'version-unparsable',
        message: 'cannot parse version "1.x" of foo in /app/package-lock.json',
        path: '/app/package-lock.json',
        layerDiffID: DIFF(2),
      },
      { code: 'db-stale', message: 'the advisory database is 9 days old' },
    ],
    options: {
      scanners: ['vulnerability', 'secret', 'misconfig'],
      severities: ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'],
      ignoreUnfixed: false,
      pkgTypes: ['os', 'library'],
      failOn: 'HIGH',
    },
    verdict: {
      status: 'fail',
      reasons: [
        {
          rule: 'fail-on',
          message: '3 finding(s) at or above HIGH',
          findings: ['fp-ssl-1967', 'fp-secret-file', 'fp-mc-root'],
        },
        {
          rule: 'licences',
          message: 'GPL licence not allowed',
          findings: [],
          packages: ['3333333333333333'],
        },
      ],
      score: 42,
      grade: 'E',
      breakdown: [{ family: 'critical', points: 20, max: 30, why: '1 CRITICAL' }],
    },
  };
}
