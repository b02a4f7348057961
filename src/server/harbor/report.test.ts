import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_VERSION, type ScanReport, type VulnerabilityFinding } from '../../report/types.js';
import { toHarborReport } from './report.js';

function finding(
  id: string,
  severity: VulnerabilityFinding['severity'],
  extra: Partial<VulnerabilityFinding> = {},
): VulnerabilityFinding {
  return {
    kind: 'vulnerability',
    id,
    aliases: [],
    fingerprint: `fp-${id}`,
    severity,
    severitySource: 'cvss-v3',
    cvss: [],
    package: {
      id: 'p',
      name: 'openssl',
      version: '1.1.1d-r2',
      ecosystem: 'alpine',
      purl: 'pkg:apk/alpine/openssl@1.1.1d-r2',
      type: 'os',
    },
    installedVersion: '1.1.1d-r2',
    layer: { index: 1, diffID: 'sha256:diff1' },
    paths: ['/lib/apk/db/installed'],
    references: [],
    advisories: [],
    ...extra,
  };
}

function report(findings: VulnerabilityFinding[]): ScanReport {
  const zero = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'vigia', version: '1' },
    createdAt: '2026-02-03T04:05:06Z',
    artifact: {
      name: 'x',
      source: 'registry',
      repoTags: [],
      configDigest: 'sha256:c',
      platform: { os: 'linux', architecture: 'amd64' },
      config: {},
    },
    layers: [0, 1].map((index) => ({
      index,
      digest: `sha256:blob${index}`,
      diffID: `sha256:diff${index}`,
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      uncompressedSize: 1,
      files: 1,
      introduced: { packages: 0, findings: zero, secrets: 0, misconfigs: 0 },
    })),
    packages: [],
    findings,
    summary: {
      packages: { total: 0, os: 0, library: 0 },
      vulnerabilities: zero,
      secrets: zero,
      misconfigs: zero,
      suppressed: 0,
      fixable: 0,
      knownExploited: 0,
    },
    warnings: [],
    options: {
      scanners: ['vulnerability'],
      severities: ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'],
      ignoreUnfixed: false,
      pkgTypes: ['os'],
    },
    verdict: { status: 'pass', reasons: [] },
  };
}

const artifact = { repository: 'library/alpine', digest: 'sha256:m' };
const scanner = { name: 'vigia', vendor: 'vigia', version: '1' };

describe('toHarborReport', () => {
  it('maps a finding to a VulnerabilityItem', () => {
    const f = finding('CVE-2020-1967', 'HIGH', {
      fixedVersion: '1.1.1g-r0',
      description: 'Server or client applications that call SSL_check_chain()…',
      references: ['https://www.openssl.org/news/secadv/20200421.txt', 'javascript:alert(1)', 'not a url'],
      aliases: ['ALPINE-1'],
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
          baseScore: 7.5,
          severity: 'HIGH',
          source: 'nvd',
        },
        {
          version: '3.0',
          vector: 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H',
          baseScore: 5.9,
          severity: 'MEDIUM',
          source: 'ghsa',
        },
        {
          version: '2.0',
          vector: 'AV:N/AC:M/Au:N/C:N/I:N/A:P',
          baseScore: 4.3,
          severity: 'MEDIUM',
          source: 'nvd',
        },
      ],
    });
    const out = toHarborReport(report([f]), artifact, scanner);
    expect(out).toMatchObject({ generated_at: '2026-02-03T04:05:06Z', artifact, scanner, severity: 'High' });
    expect(out.vulnerabilities).toEqual([
      {
        id: 'CVE-2020-1967',
        package: 'openssl',
        version: '1.1.1d-r2',
        fix_version: '1.1.1g-r0',
        severity: 'High',
        description: 'Server or client applications that call SSL_check_chain()…',
        links: ['https://www.openssl.org/news/secadv/20200421.txt'],
        preferred_cvss: {
          score_v3: 7.5,
          vector_v3: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
          score_v2: 4.3,
          vector_v2: 'AV:N/AC:M/Au:N/C:N/I:N/A:P',
        },
        layer: { digest: 'sha256:blob1', diff_id: 'sha256:diff1' },
        vendor_attributes: {
          aliases: ['ALPINE-1'],
          purl: 'pkg:apk/alpine/openssl@1.1.1d-r2',
          ecosystem: 'alpine',
          package_type: 'os',
          severity_source: 'cvss-v3',
          fingerprint: 'fp-CVE-2020-1967',
          layer_index: 1,
          paths: ['/lib/apk/db/installed'],
          CVSS: {
            nvd: {
              V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
              V3Score: 7.5,
              V2Vector: 'AV:N/AC:M/Au:N/C:N/I:N/A:P',
              V2Score: 4.3,
            },
            ghsa: { V3Vector: 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H', V3Score: 5.9 },
          },
        },
      },
    ]);
  });

  it('orders by severity, leaves out suppressed findings, and says Unknown when nothing is left', () => {
    const out = toHarborReport(
      report([
        finding('CVE-3', 'LOW'),
        finding('CVE-1', 'CRITICAL', {
          suppressed: { kind: 'vex', reason: 'not affected', source: 'v.json' },
        }),
        finding('CVE-2', 'MEDIUM', { title: 'only a title' }),
        finding('CVE-4', 'UNKNOWN'),
      ]),
      artifact,
      scanner,
    );
    expect(out.vulnerabilities.map((v) => [v.id, v.severity, v.description])).toEqual([
      ['CVE-2', 'Medium', 'only a title'],
      ['CVE-3', 'Low', ''],
      ['CVE-4', 'Unknown', ''],
    ]);
    expect(out.severity).toBe('Medium');
    expect(toHarborReport(report([]), artifact, scanner).severity).toBe('Unknown');
  });
});
