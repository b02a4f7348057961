import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { makeReport, misconfig, secret, vuln } from '../../policy/__fixtures__/report.js';
import type { ScanReport } from '../types.js';
import { GITLAB_SCHEMA_VERSION, renderGitlab } from './render.js';

const schema = JSON.parse(
  readFileSync(new URL('./schema/container-scanning-report-format.json', import.meta.url), 'utf8'),
) as { $schema: string; self: { version: string } };

// The committed schema is draft-07 (its `$schema`); Ajv's default class implements draft-07.
// `strict: false` because the schema carries GitLab's own `self` keyword.
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

function valid(doc: unknown): boolean {
  const ok = validate(doc);
  if (!ok) console.error(JSON.stringify(validate.errors, null, 2));
  return ok;
}

/** A real-shaped report: OS and library vulnerabilities (KEV, fixes, CVSS v3/v2/v4), a suppressed one, a secret, a misconfig. */
function sample(): ScanReport {
  return makeReport({
    createdAt: '2026-11-29T12:34:56.789Z',
    findings: [
      vuln('CVE-2023-5678', 'MEDIUM', {
        aliases: ['DSA-5532-1'],
        title: 'openssl: excessive time spent in DH check / generation with large Q parameter value',
        fixedVersion: '3.0.11-1~deb12u2',
        cvss: [
          {
            version: '3.1',
            vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L',
            baseScore: 5.3,
            severity: 'MEDIUM',
            source: 'nvd',
          },
          {
            version: '2.0',
            vector: 'AV:N/AC:L/Au:N/C:N/I:N/A:P',
            baseScore: 5,
            severity: 'MEDIUM',
            source: 'nvd',
          },
          {
            version: '4.0',
            vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:L/SC:N/SI:N/SA:N',
            baseScore: 6.9,
            severity: 'MEDIUM',
            source: 'ghsa',
          },
        ],
        references: ['https://www.openssl.org/news/secadv/20231106.txt', 'not a url'],
      }),
      vuln('CVE-2021-44228', 'CRITICAL', {
        aliases: ['GHSA-jfh8-c2jp-5v3q'],
        knownExploited: { dateAdded: '2021-12-10', dueDate: '2021-12-24' },
        fixedVersion: '2.15.0',
        pkg: {
          name: 'org.apache.logging.log4j:log4j-core',
          version: '2.14.1',
          ecosystem: 'maven',
          purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
          type: 'library',
        },
        layer: { index: 3, diffID: `sha256:${'3'.repeat(64)}`, createdBy: 'COPY app/ /app/ # buildkit' },
        paths: ['/app/lib/log4j-core-2.14.1.jar'],
      }),
      {
        ...vuln('CVE-2024-0001', 'HIGH'),
        suppressed: { kind: 'policy-exception', reason: 'not reachable', source: 'p.yaml: exceptions[0]' },
      },
      secret('deleted'),
      misconfig('IMG-ROOT', 'HIGH'),
    ],
    warnings: [{ code: 'os-eol', message: 'debian 10 is end-of-life' }],
    verdict: {
      status: 'fail',
      reasons: [
        {
          rule: 'vulnerabilities.known-exploited',
          message: '1 known-exploited (KEV): CVE-2021-44228',
          findings: [],
        },
      ],
      score: 41,
      grade: 'F',
    },
  });
}

describe('renderGitlab', () => {
  it('the committed schema is the 15.2.1 draft-07 container-scanning schema', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.self.version).toBe(GITLAB_SCHEMA_VERSION);
  });

  it('writes a report that validates against GitLab’s schema', () => {
    expect(valid(JSON.parse(renderGitlab(sample())))).toBe(true);
  });

  it('an empty report validates too', () => {
    expect(valid(JSON.parse(renderGitlab(makeReport())))).toBe(true);
  });

  it('the validator is not vacuous: it rejects a report without location or with a bad severity', () => {
    const doc = JSON.parse(renderGitlab(sample())) as { vulnerabilities: Record<string, unknown>[] };
    const noLocation = structuredClone(doc);
    delete noLocation.vulnerabilities[0]?.location;
    expect(validate(noLocation)).toBe(false);
    const badSeverity = structuredClone(doc);
    if (badSeverity.vulnerabilities[0]) badSeverity.vulnerabilities[0].severity = 'CRITICAL';
    expect(validate(badSeverity)).toBe(false);
  });

  it('maps the findings: unsuppressed vulnerabilities only, most severe first, with ids, CVSS, KEV and fixes', () => {
    const doc = JSON.parse(renderGitlab(sample())) as {
      version: string;
      scan: {
        start_time: string;
        messages: { level: string; value: string }[];
        primary_identifiers: { value: string }[];
      };
      vulnerabilities: {
        id: string;
        severity: string;
        solution: string;
        identifiers: { type: string; value: string; url?: string }[];
        cvss_vectors?: { vendor: string; vector: string }[];
        links: { url: string }[];
        location: {
          dependency: { package: { name: string }; version: string };
          operating_system: string;
          image: string;
        };
        details: Record<string, { value?: string }>;
      }[];
    };
    expect(doc.version).toBe('15.2.1');
    expect(doc.scan.start_time).toBe('2026-11-29T12:34:56');
    expect(doc.scan.messages).toEqual([
      {
        level: 'info',
        value:
          'vigia verdict: fail, score 41/100 (grade F); vulnerabilities.known-exploited: 1 known-exploited (KEV): CVE-2021-44228',
      },
      { level: 'warn', value: 'os-eol: debian 10 is end-of-life' },
    ]);
    expect(doc.scan.primary_identifiers.map((i) => i.value)).toEqual(['CVE-2021-44228', 'CVE-2023-5678']);
    const [log4j, openssl] = doc.vulnerabilities;
    expect(doc.vulnerabilities).toHaveLength(2);
    expect(log4j?.severity).toBe('Critical');
    expect(log4j?.identifiers).toEqual([
      {
        type: 'cve',
        name: 'CVE-2021-44228',
        value: 'CVE-2021-44228',
        url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
      },
      {
        type: 'ghsa',
        name: 'GHSA-jfh8-c2jp-5v3q',
        value: 'GHSA-jfh8-c2jp-5v3q',
        url: 'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q',
      },
    ]);
    expect(log4j?.solution).toBe('Upgrade org.apache.logging.log4j:log4j-core from 2.14.1 to 2.15.0.');
    expect(log4j?.location).toEqual({
      dependency: { package: { name: 'org.apache.logging.log4j:log4j-core' }, version: '2.14.1' },
      operating_system: 'Debian GNU/Linux 12 (bookworm)',
      image: 'registry.corp.example/apps/web:1.2.3',
    });
    expect(log4j?.details.known_exploited?.value).toBe('added 2021-12-10, due 2021-12-24');
    expect(log4j?.details.layer?.value).toBe(`#3 sha256:${'3'.repeat(64)} (COPY app/ /app/ # buildkit)`);
    expect(openssl?.identifiers.map((i) => i.type)).toEqual(['cve', 'dsa']);
    // v3.1 and v2 vectors kept; the schema has no grammar for v4
    expect(openssl?.cvss_vectors).toEqual([
      { vendor: 'nvd', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' },
      { vendor: 'nvd', vector: 'AV:N/AC:L/Au:N/C:N/I:N/A:P' },
    ]);
    expect(openssl?.links).toEqual([{ url: 'https://www.openssl.org/news/secadv/20231106.txt' }]);
    expect(openssl?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is deterministic: the same report renders the same bytes, ids follow fingerprints', () => {
    const report = sample();
    expect(renderGitlab(report)).toBe(renderGitlab(structuredClone(report)));
    const ids = (
      JSON.parse(renderGitlab(report)) as { vulnerabilities: { id: string }[] }
    ).vulnerabilities.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
