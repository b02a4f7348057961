import { describe, expect, it } from 'vitest';
import { sampleReport } from '../__golden__/sample-report.js';
import { validateSarif } from '../__golden__/validators.js';
import type { ScanReport } from '../types.js';
import { securitySeverity } from './levels.js';
import { FINGERPRINT_KEY, renderSarif } from './render.js';

interface Log {
  runs: {
    tool: {
      driver: {
        rules: { id: string; properties: Record<string, unknown>; defaultConfiguration: { level: string } }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId?: string };
          region?: { startLine: number };
        };
      }[];
      partialFingerprints: Record<string, string>;
      suppressions?: { kind: string; status: string; justification: string }[];
    }[];
    invocations: {
      toolExecutionNotifications: { message: { text: string }; descriptor: { id: string } }[];
    }[];
    properties: Record<string, unknown>;
  }[];
}

const render = (r: ScanReport) => JSON.parse(renderSarif(r, { color: false })) as Log;

describe('SARIF renderer', () => {
  const report = sampleReport();
  const log = render(report);
  const run = log.runs[0]!;
  const result = (ruleId: string) => run.results.find((r) => r.ruleId === ruleId)!;

  it('validates against the official SARIF 2.1.0 schema', () => {
    expect(validateSarif(log)).toEqual([]);
  });

  it('the validator rejects a broken log (it can fail)', () => {
    const broken = render(report);
    (broken.runs[0]!.results[0] as { level: string }).level = 'fatal';
    expect(validateSarif(broken).join('\n')).toMatch(/level/);
  });

  it('has one rule per vulnerability id, secret rule and misconfig check, and indexes them', () => {
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual([
      'CVE-2020-1967',
      'CVE-2020-8203',
      'CVE-2021-23337',
      'GHSA-abcd-efgh-ijkl',
      'aws-access-key-id',
      'generic-password',
      'VIG-DF-003',
      'VIG-IMG-001',
    ]);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
    expect(run.results).toHaveLength(report.findings.length);
  });

  it.each([
    ['CVE-2020-1967', 'error', '7.5'],
    ['CVE-2020-8203', 'error', '9.5'],
    ['GHSA-abcd-efgh-ijkl', 'warning', undefined],
    ['aws-access-key-id', 'error', '9.5'],
    ['generic-password', 'warning', '5.5'],
    ['VIG-DF-003', 'note', '2.0'],
  ])('%s: level %s, security-severity %s', (id, level, sev) => {
    const rule = run.tool.driver.rules.find((r) => r.id === id)!;
    expect(result(id).level).toBe(level);
    expect(rule.defaultConfiguration.level).toBe(level);
    expect(rule.properties['security-severity']).toBe(sev);
  });

  it('security-severity takes the CVSS score that agrees with the severity, not a disagreeing v2 score', () => {
    const f = sampleReport().findings[0]!;
    expect(securitySeverity(f)).toBe('7.5');
    expect(securitySeverity({ ...f, severity: 'MEDIUM' })).toBe('4.3');
    expect(securitySeverity({ ...f, severity: 'LOW' })).toBe('2.0');
  });

  it('locates package findings at the file in the image that recorded the package', () => {
    const loc = result('CVE-2020-1967').locations[0]!.physicalLocation;
    expect(loc.artifactLocation).toEqual({ uri: 'lib/apk/db/installed', uriBaseId: 'IMAGE_ROOT' });
    expect(loc.region).toBeUndefined();
  });

  it('locates secrets at file and line, config secrets and image misconfigs at the image, Dockerfile findings at the Dockerfile line', () => {
    expect(result('aws-access-key-id').locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'app/.env', uriBaseId: 'IMAGE_ROOT' },
      region: { startLine: 2 },
    });
    expect(result('generic-password').locations[0]!.physicalLocation.artifactLocation).toEqual({
      uri: 'registry.example/team/app%3A1.2',
    });
    expect(result('VIG-IMG-001').locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'registry.example/team/app%3A1.2',
    );
    expect(result('VIG-DF-003').locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'docker/Dockerfile' },
      region: { startLine: 7 },
    });
  });

  it('carries the fingerprint, suppressions and warnings', () => {
    expect(result('CVE-2020-1967').partialFingerprints).toEqual({ [FINGERPRINT_KEY]: 'fp-ssl-1967' });
    expect(result('CVE-2020-1967').suppressions).toBeUndefined();
    const vex = result('CVE-2020-8203').suppressions!;
    expect(vex).toHaveLength(1);
    expect(vex[0]).toMatchObject({ kind: 'external', status: 'accepted' });
    expect(vex[0]!.justification).toContain('vulnerable_code_not_in_execute_path');
    expect(result('CVE-2021-23337').suppressions![0]!.justification).toContain('expires 2030-01-01');
    const notes = run.invocations[0]!.toolExecutionNotifications;
    expect(notes.map((n) => n.descriptor.id)).toEqual(['version-unparsable', 'db-stale']);
  });

  it('shows verdict, score and grade in the run properties', () => {
    expect(run.properties).toMatchObject({ verdict: 'fail', score: 42, grade: 'E', failOn: 'HIGH' });
    expect(result('CVE-2020-1967').message.text).toContain('Fixed in 1.1.1g-r0');
    expect(result('CVE-2020-1967').message.text).toContain('Known to be exploited');
  });

  it('is deterministic: same report, same bytes, whatever the finding order', () => {
    const a = renderSarif(report, { color: false });
    const shuffled = { ...report, findings: [...report.findings].reverse() };
    expect(renderSarif(shuffled, { color: false })).toBe(a);
  });

  it('renders an empty scan (no findings, no warnings) validly', () => {
    const empty = { ...sampleReport(), findings: [], warnings: [] };
    const doc = render(empty);
    expect(validateSarif(doc)).toEqual([]);
    expect(doc.runs[0]!.results).toEqual([]);
  });
});
