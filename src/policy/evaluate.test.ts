import { describe, expect, it } from 'vitest';
import type { Finding, ReportBase, ScanReport } from '../report/types.js';
import {
  APPROVED_BASE,
  UNKNOWN_BASE,
  makeReport,
  misconfig,
  pkg,
  secret,
  vuln,
} from './__fixtures__/report.js';
import { evaluatePolicy } from './evaluate.js';
import { PolicySchema } from './schema.js';

const NOW = new Date('2026-11-29T12:00:00Z');

interface Case {
  name: string;
  policy: unknown;
  report?: Partial<ScanReport>;
  findings?: Finding[];
  base?: ReportBase;
  /** Rule ids expected in the verdict, in order. */
  fails: string[];
  /** A regex the first reason's message must match. */
  message?: RegExp;
}

const artifact = (over: Partial<ScanReport['artifact']>): ScanReport['artifact'] => ({
  ...makeReport().artifact,
  ...over,
});
const withUser = (user: string | undefined): Partial<ScanReport> => ({
  artifact: artifact({ config: user === undefined ? {} : { user } }),
});
const licensed = (...licenses: string[]) => ({ packages: [pkg('thing', '1.0.0', { licenses })] });

const cases: Case[] = [
  // severity threshold
  {
    name: 'severity: a HIGH fails failOnSeverity HIGH',
    policy: { vulnerabilities: { failOnSeverity: 'HIGH' } },
    findings: [vuln('CVE-1', 'HIGH')],
    fails: ['vulnerabilities.severity'],
    message: /^1 vulnerability at or above HIGH$/,
  },
  {
    name: 'severity: a MEDIUM passes failOnSeverity HIGH',
    policy: { vulnerabilities: { failOnSeverity: 'high' } },
    findings: [vuln('CVE-1', 'MEDIUM')],
    fails: [],
  },
  {
    name: 'severity: a CRITICAL fails failOnSeverity high (any case)',
    policy: { vulnerabilities: { failOnSeverity: 'high' } },
    findings: [vuln('CVE-1', 'CRITICAL'), vuln('CVE-2', 'HIGH')],
    fails: ['vulnerabilities.severity'],
    message: /^2 vulnerabilities at or above HIGH$/,
  },
  {
    name: 'onlyFixable: an unfixed HIGH passes',
    policy: { vulnerabilities: { failOnSeverity: 'HIGH', onlyFixable: true } },
    findings: [vuln('CVE-1', 'HIGH')],
    fails: [],
  },
  {
    name: 'onlyFixable: a fixable HIGH fails',
    policy: { vulnerabilities: { failOnSeverity: 'HIGH', onlyFixable: true } },
    findings: [vuln('CVE-1', 'HIGH', { fixedVersion: '3.0.15-1~deb12u1' })],
    fails: ['vulnerabilities.severity'],
    message: /with a fix$/,
  },
  // KEV
  {
    name: 'KEV: a known-exploited LOW without fix fails',
    policy: { vulnerabilities: { knownExploited: true } },
    findings: [vuln('CVE-2021-44228', 'LOW', { knownExploited: { dateAdded: '2021-12-10' } })],
    fails: ['vulnerabilities.known-exploited'],
    message: /CVE-2021-44228/,
  },
  {
    name: 'KEV: no known-exploited passes',
    policy: { vulnerabilities: { knownExploited: true } },
    findings: [vuln('CVE-1', 'CRITICAL')],
    fails: [],
  },
  // max counts
  {
    name: 'maxCount: 2 HIGH over a limit of 1 fails',
    policy: { vulnerabilities: { maxCount: { HIGH: 1 } } },
    findings: [vuln('CVE-1', 'HIGH'), vuln('CVE-2', 'HIGH'), vuln('CVE-3', 'CRITICAL')],
    fails: ['vulnerabilities.max-count'],
    message: /^too many vulnerabilities: 2 HIGH \(at most 1\)$/,
  },
  {
    name: 'maxCount: 1 HIGH within a limit of 1 passes',
    policy: { vulnerabilities: { maxCount: { HIGH: 1 } } },
    findings: [vuln('CVE-1', 'HIGH'), vuln('CVE-3', 'CRITICAL')],
    fails: [],
  },
  {
    name: 'maxCount: CRITICAL 0 with one CRITICAL fails',
    policy: { vulnerabilities: { maxCount: { CRITICAL: 0, LOW: 5 } } },
    findings: [vuln('CVE-3', 'CRITICAL')],
    fails: ['vulnerabilities.max-count'],
    message: /1 CRITICAL \(at most 0\)/,
  },
  // CVSS
  {
    name: 'maxCvss: 7.5 over 7 fails',
    policy: { vulnerabilities: { maxCvss: 7 } },
    findings: [
      vuln('CVE-1', 'HIGH', {
        cvss: [
          {
            version: '3.1',
            vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
            baseScore: 7.5,
            severity: 'HIGH',
            source: 'nvd',
          },
        ],
      }),
    ],
    fails: ['vulnerabilities.max-cvss'],
    message: /highest 7\.5/,
  },
  {
    name: 'maxCvss: exactly 7 passes 7',
    policy: { vulnerabilities: { maxCvss: 7 } },
    findings: [
      vuln('CVE-1', 'HIGH', {
        cvss: [
          {
            version: '3.1',
            vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:N',
            baseScore: 7,
            severity: 'HIGH',
            source: 'nvd',
          },
        ],
      }),
    ],
    fails: [],
  },
  // secrets
  {
    name: 'secrets: a deleted-but-shipped secret fails',
    policy: { secrets: { forbid: true } },
    findings: [secret('deleted')],
    fails: ['secrets'],
    message: /1 secret found \(1 deleted by a later layer but still in the image\)/,
  },
  {
    name: 'secrets: none passes',
    policy: { secrets: { forbid: true } },
    findings: [vuln('CVE-1', 'LOW')],
    fails: [],
  },
  {
    name: 'secrets: forbid false never fails',
    policy: { secrets: { forbid: false } },
    findings: [secret()],
    fails: [],
  },
  // root
  {
    name: 'root: no USER fails',
    policy: { user: { forbidRoot: true } },
    report: withUser(undefined),
    fails: ['user.root'],
    message: /no USER set/,
  },
  {
    name: 'root: USER root fails',
    policy: { user: { forbidRoot: true } },
    report: withUser('root'),
    fails: ['user.root'],
  },
  {
    name: 'root: USER 0:1000 fails',
    policy: { user: { forbidRoot: true } },
    report: withUser('0:1000'),
    fails: ['user.root'],
  },
  {
    name: 'root: USER 1000:0 passes',
    policy: { user: { forbidRoot: true } },
    report: withUser('1000:0'),
    fails: [],
  },
  {
    name: 'root: USER node passes',
    policy: { user: { forbidRoot: true } },
    report: withUser('node'),
    fails: [],
  },
  // misconfigurations
  {
    name: 'misconfig: an enforced id fails',
    policy: { misconfigurations: { enforce: ['IMG-001', 'DF*'] } },
    findings: [misconfig('IMG-001'), misconfig('DF003'), misconfig('IMG-002')],
    fails: ['misconfigurations'],
    message: /^enforced checks failed: DF003, IMG-001$/,
  },
  {
    name: 'misconfig: other ids pass',
    policy: { misconfigurations: { enforce: ['IMG-001'] } },
    findings: [misconfig('IMG-002', 'HIGH')],
    fails: [],
  },
  // packages
  {
    name: 'packages: banned by name',
    policy: { packages: { banned: ['event-stream'] } },
    report: { packages: [pkg('event-stream', '3.3.6'), pkg('express', '4.18.2')] },
    fails: ['packages.banned'],
    message: /^banned packages: event-stream@3\.3\.6$/,
  },
  {
    name: 'packages: banned by purl glob',
    policy: { packages: { banned: ['pkg:npm/lodash@4.17.1*'] } },
    report: { packages: [pkg('lodash', '4.17.15')] },
    fails: ['packages.banned'],
  },
  {
    name: 'packages: purl glob does not match a later version',
    policy: { packages: { banned: ['pkg:npm/lodash@4.17.1*'] } },
    report: { packages: [pkg('lodash', '4.17.21')] },
    fails: [],
  },
  // licences
  {
    name: 'licences: GPL-3.0-only alone is banned',
    policy: { licenses: { banned: ['GPL-3.0-only'] } },
    report: licensed('GPL-3.0-only'),
    fails: ['licenses.banned'],
    message: /thing@1\.0\.0 \(GPL-3\.0-only\)/,
  },
  {
    name: 'licences: MIT OR GPL-3.0-only passes (MIT can be chosen)',
    policy: { licenses: { banned: ['GPL-3.0-only'] } },
    report: licensed('MIT OR GPL-3.0-only'),
    fails: [],
  },
  {
    name: 'licences: MIT AND GPL-3.0-only is banned',
    policy: { licenses: { banned: ['GPL-3.0-only'] } },
    report: licensed('MIT AND GPL-3.0-only'),
    fails: ['licenses.banned'],
  },
  {
    name: 'licences: two declared licences both apply',
    policy: { licenses: { banned: ['GPL-3.0-only'] } },
    report: licensed('Apache-2.0', 'GPL-3.0-only'),
    fails: ['licenses.banned'],
  },
  {
    name: 'licences: a glob bans AGPL-3.0-or-later',
    policy: { licenses: { banned: ['agpl-*'] } },
    report: licensed('(MIT OR Apache-2.0) AND AGPL-3.0-or-later'),
    fails: ['licenses.banned'],
  },
  {
    name: 'licences: no declared licence passes',
    policy: { licenses: { banned: ['GPL-3.0-only'] } },
    report: { packages: [pkg('thing', '1.0.0')] },
    fails: [],
  },
  // ages
  {
    name: 'image age: 332 days over 180 fails',
    policy: { image: { maxAgeDays: 180 } },
    report: { artifact: artifact({ created: '2026-01-01T00:00:00Z' }) },
    fails: ['image.max-age'],
    message: /^the image is 332 days old/,
  },
  { name: 'image age: 28 days passes 180', policy: { image: { maxAgeDays: 180 } }, fails: [] },
  {
    name: 'base age: 9 days over 7 fails',
    policy: { bases: { maxAgeDays: 7 } },
    base: APPROVED_BASE,
    fails: ['base.max-age'],
    message: /^the base is 9 days old/,
  },
  {
    name: 'base age: unknown base is not judged by age',
    policy: { bases: { maxAgeDays: 7 } },
    base: UNKNOWN_BASE,
    fails: [],
  },
  // sources
  {
    name: 'sources: an approved registry passes',
    policy: { approvedSources: ['registry.corp.example/apps/**', 'registry.corp.example/base/*'] },
    base: APPROVED_BASE,
    fails: [],
  },
  {
    name: 'sources: Docker Hub is denied unless listed',
    policy: { approvedSources: ['registry.corp.example/apps/**'] },
    report: {
      artifact: artifact({ source: 'docker-archive', name: '/tmp/a.tar', repoTags: ['alpine:3.10'] }),
    },
    base: UNKNOWN_BASE,
    fails: ['sources.image'],
    message: /docker\.io\/library\/alpine:3\.10 \(public registry docker\.io\)/,
  },
  {
    name: 'sources: a listed Docker Hub repository passes',
    policy: { approvedSources: ['docker.io/library/alpine'] },
    report: {
      artifact: artifact({ source: 'docker-archive', name: '/tmp/a.tar', repoTags: ['alpine:3.10'] }),
    },
    base: UNKNOWN_BASE,
    fails: [],
  },
  {
    name: 'sources: the base from ghcr.io is denied',
    policy: { approvedSources: ['registry.corp.example/**'] },
    base: { ...APPROVED_BASE, method: 'label', name: 'ghcr.io/acme/base:1' },
    fails: ['sources.base'],
    message: /public registry ghcr\.io/,
  },
  {
    name: 'sources: an unnamed archive is judged by its base only',
    policy: { approvedSources: ['registry.corp.example/**'] },
    report: { artifact: artifact({ source: 'oci-archive', name: '/tmp/a.tar', repoTags: ['node-app'] }) },
    fails: [],
  },
  {
    name: 'sources: an unnamed archive fails with allowUnnamedImages false',
    policy: { approvedSources: ['registry.corp.example/**'], allowUnnamedImages: false },
    report: { artifact: artifact({ source: 'oci-archive', name: '/tmp/a.tar', repoTags: ['node-app'] }) },
    fails: ['sources.image'],
  },
  // bases
  {
    name: 'base: unknown fails allowUnknown false',
    policy: { bases: { allowUnknown: false } },
    base: UNKNOWN_BASE,
    fails: ['base.unknown'],
  },
  {
    name: 'base: known passes allowUnknown false',
    policy: { bases: { allowUnknown: false } },
    base: APPROVED_BASE,
    fails: [],
  },
  {
    name: 'base: unapproved fails requireApproved',
    policy: { bases: { requireApproved: true } },
    base: { ...APPROVED_BASE, method: 'label', approved: false },
    fails: ['base.unapproved'],
  },
  {
    name: 'base: unknown does not fail requireApproved',
    policy: { bases: { requireApproved: true } },
    base: UNKNOWN_BASE,
    fails: [],
  },
  {
    name: 'base: superseded fails requireCurrent',
    policy: { bases: { requireCurrent: true } },
    base: { ...APPROVED_BASE, current: false },
    fails: ['base.outdated'],
  },
  // fail-on (from the command line, in report.options)
  {
    name: 'fail-on: a HIGH secret fails --fail-on HIGH',
    policy: {},
    report: { options: { ...makeReport().options, failOn: 'HIGH' } },
    findings: [secret('visible', 'HIGH')],
    fails: ['fail-on'],
  },
  // several rules at once, in RULES order
  {
    name: 'several rules, in order',
    policy: {
      user: { forbidRoot: true },
      secrets: { forbid: true },
      vulnerabilities: { failOnSeverity: 'CRITICAL' },
    },
    report: withUser(undefined),
    findings: [secret(), vuln('CVE-9', 'CRITICAL')],
    fails: ['vulnerabilities.severity', 'secrets', 'user.root'],
  },
];

describe('evaluatePolicy: each rule fires and does not fire', () => {
  it.each(cases)('$name', (c) => {
    const policy = PolicySchema.parse(c.policy);
    const report = makeReport({ ...c.report, findings: c.findings ?? [] });
    const { verdict } = evaluatePolicy(report, policy, { now: NOW, base: c.base ?? APPROVED_BASE });
    expect(verdict.reasons.map((r) => r.rule)).toEqual(c.fails);
    expect(verdict.status).toBe(c.fails.length ? 'fail' : 'pass');
    if (c.message) expect(verdict.reasons[0]?.message).toMatch(c.message);
  });
});

describe('evaluatePolicy: findings behind reasons, suppressions, warnings', () => {
  it('names the fingerprints behind a rule, and only the unsuppressed ones', () => {
    const high = vuln('CVE-1', 'HIGH');
    const accepted = {
      ...vuln('CVE-2', 'HIGH'),
      suppressed: { kind: 'policy-exception' as const, reason: 'r', source: 'p: exceptions[0]' },
    };
    const policy = PolicySchema.parse({ vulnerabilities: { failOnSeverity: 'HIGH' } });
    const { verdict } = evaluatePolicy(makeReport({ findings: [high, accepted] }), policy, {
      now: NOW,
      base: APPROVED_BASE,
    });
    expect(verdict.reasons).toEqual([
      {
        rule: 'vulnerabilities.severity',
        message: '1 vulnerability at or above HIGH',
        findings: [high.fingerprint],
      },
    ]);
  });

  it('lists the package ids behind package and licence rules', () => {
    const bad = pkg('event-stream', '3.3.6');
    const policy = PolicySchema.parse({ packages: { banned: ['event-stream'] } });
    const { verdict } = evaluatePolicy(makeReport({ packages: [bad] }), policy, {
      now: NOW,
      base: APPROVED_BASE,
    });
    expect(verdict.reasons[0]).toMatchObject({ findings: [], packages: ['npm:event-stream@3.3.6'] });
  });

  it('warns instead of passing silently when a scanner the policy needs did not run', () => {
    const policy = PolicySchema.parse({
      secrets: { forbid: true },
      vulnerabilities: { failOnSeverity: 'HIGH' },
    });
    const report = makeReport({
      options: { ...makeReport().options, scanners: ['vulnerability'] },
      findings: [secret()],
    });
    const { verdict, warnings } = evaluatePolicy(report, policy, { now: NOW, base: APPROVED_BASE });
    expect(verdict.status).toBe('pass');
    expect(warnings).toEqual([
      {
        code: 'policy-scanner-off',
        message: 'policy rule secrets was not checked: the secret scanner did not run',
      },
    ]);
  });

  it('warns once when the report was filtered by --severity before the policy saw it', () => {
    const policy = PolicySchema.parse({ vulnerabilities: { failOnSeverity: 'HIGH', maxCvss: 9 } });
    const report = makeReport({ options: { ...makeReport().options, severities: ['CRITICAL'] } });
    const { warnings } = evaluatePolicy(report, policy, { now: NOW, base: APPROVED_BASE });
    expect(warnings.map((w) => w.code)).toEqual(['policy-report-filtered']);
    expect(warnings[0]?.message).toContain('without HIGH, MEDIUM, LOW, UNKNOWN');
  });

  it('treats the epoch (reproducible builds) as an unknown creation date, with a warning', () => {
    const policy = PolicySchema.parse({ image: { maxAgeDays: 30 } });
    const report = makeReport({ artifact: artifact({ created: '1970-01-01T00:00:00Z' }) });
    const { verdict, warnings } = evaluatePolicy(report, policy, { now: NOW, base: APPROVED_BASE });
    expect(verdict.status).toBe('pass');
    expect(warnings[0]?.code).toBe('policy-age-unknown');
  });

  it('the default policy never fails, but still scores and grades', () => {
    const report = makeReport({ findings: [vuln('CVE-1', 'CRITICAL'), secret()] });
    const { verdict } = evaluatePolicy(report, PolicySchema.parse({}), { now: NOW, base: UNKNOWN_BASE });
    expect(verdict.status).toBe('pass');
    expect(verdict.score).toBeTypeOf('number');
    expect(verdict.grade).toMatch(/^[A-F]$/);
    expect(verdict.breakdown?.reduce((n, b) => n + b.max, 0)).toBe(100);
  });
});
