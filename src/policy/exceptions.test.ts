import { describe, expect, it } from 'vitest';
import type { VulnerabilityFinding } from '../report/types.js';
import { makeReport, misconfig, secret, vuln } from './__fixtures__/report.js';
import { applyExceptions, expiryInstant } from './exceptions.js';
import { PolicySchema } from './schema.js';
import { renderJson } from '../report/json/index.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const ex = (over: Record<string, string>) => ({
  id: 'CVE-2023-5678',
  reason: 'not reachable: we never parse X9.42 keys',
  owner: 'sec@corp.example',
  expires: '2027-01-31',
  ...over,
});
const policyWith = (...exceptions: Record<string, string>[]) => PolicySchema.parse({ exceptions });

describe('applyExceptions', () => {
  it('suppresses by id and keeps reason, owner, expiry and the entry that did it', () => {
    const f = vuln('CVE-2023-5678', 'MEDIUM');
    const { findings, expired } = applyExceptions([f], policyWith(ex({})), NOW, 'vigia-policy.yaml');
    expect(expired).toEqual([]);
    expect(findings[0]?.suppressed).toEqual({
      kind: 'policy-exception',
      reason: 'not reachable: we never parse X9.42 keys',
      source: 'vigia-policy.yaml: exceptions[0]',
      owner: 'sec@corp.example',
      expires: '2027-01-31',
    });
    expect(f.suppressed).toBeUndefined(); // pure: the input is untouched
  });

  it('matches aliases, case-insensitively', () => {
    const f = vuln('CVE-2023-5678', 'MEDIUM', { aliases: ['DSA-5532-1', 'GHSA-xxxx-yyyy-zzzz'] });
    const { findings } = applyExceptions([f], policyWith(ex({ id: 'ghsa-XXXX-yyyy-zzzz' })), NOW);
    expect(findings[0]?.suppressed?.kind).toBe('policy-exception');
  });

  it.each([
    ['the package name', 'openssl', true],
    ['another package', 'libssl3', false],
    ['a purl glob', 'pkg:deb/debian/openssl@*', true],
    ['a purl glob of another type', 'pkg:npm/openssl@*', false],
  ])('narrows to %s', (_what, pkgPattern, applies) => {
    const f = vuln('CVE-2023-5678', 'MEDIUM');
    const { findings } = applyExceptions([f], policyWith(ex({ package: pkgPattern })), NOW);
    expect(findings[0]?.suppressed !== undefined).toBe(applies);
  });

  it('does not apply to other vulnerabilities', () => {
    const { findings } = applyExceptions([vuln('CVE-2024-0001', 'HIGH')], policyWith(ex({})), NOW);
    expect(findings[0]?.suppressed).toBeUndefined();
  });

  it('applies to misconfig check ids and secret rule ids (without a package)', () => {
    const m = misconfig('IMG-ROOT');
    const s = secret();
    const { findings } = applyExceptions(
      [m, s],
      policyWith(ex({ id: 'img-root' }), ex({ id: 'aws-access-key-id' })),
      NOW,
    );
    expect(findings.map((f) => f.suppressed?.source)).toEqual([
      'policy: exceptions[0]',
      'policy: exceptions[1]',
    ]);
  });

  it('keeps an earlier suppression (ignore file, VEX)', () => {
    const f: VulnerabilityFinding = {
      ...vuln('CVE-2023-5678', 'MEDIUM'),
      suppressed: { kind: 'vex', reason: 'not_affected', source: 'vex.json' },
    };
    expect(applyExceptions([f], policyWith(ex({})), NOW).findings[0]?.suppressed?.kind).toBe('vex');
  });

  it('an expired exception stops applying and is reported', () => {
    const f = vuln('CVE-2023-5678', 'MEDIUM');
    const { findings, expired } = applyExceptions(
      [f],
      policyWith(
        ex({ expires: '2026-11-28', package: 'openssl' }),
        ex({ id: 'CVE-1999-0001', expires: '2026-01-01' }),
      ),
      NOW,
      'vigia-policy.yaml',
    );
    expect(findings[0]?.suppressed).toBeUndefined();
    expect(expired).toEqual([
      {
        code: 'policy-exception-expired',
        message:
          'exception CVE-2023-5678 for openssl expired on 2026-11-28 (owner sec@corp.example; vigia-policy.yaml: exceptions[0]): 1 finding(s) count again',
      },
      {
        code: 'policy-exception-expired',
        message:
          'exception CVE-1999-0001 expired on 2026-01-01 (owner sec@corp.example; vigia-policy.yaml: exceptions[1]): it matches no finding',
      },
    ]);
  });

  it('a date applies through the end of that day (UTC); a date-time until that instant', () => {
    expect(expiryInstant('2026-11-29').toISOString()).toBe('2026-11-30T00:00:00.000Z');
    const f = vuln('CVE-2023-5678', 'MEDIUM');
    const on = (expires: string) =>
      applyExceptions([f], policyWith(ex({ expires })), NOW).findings[0]?.suppressed;
    expect(on('2026-11-29')).toBeDefined(); // NOW is 12:00 on that day
    expect(on('2026-11-29T11:59:59Z')).toBeUndefined();
    expect(on('2026-11-29T13:00:00+01:00')).toBeUndefined(); // 12:00Z exactly: expired
    expect(on('2026-11-29T13:00:01+01:00')).toBeDefined();
  });

  it('is visible in the JSON report as `suppressed`', () => {
    const { findings } = applyExceptions(
      [vuln('CVE-2023-5678', 'MEDIUM')],
      policyWith(ex({})),
      NOW,
      'p.yaml',
    );
    const parsed = JSON.parse(renderJson(makeReport({ findings }))) as {
      findings: { suppressed?: unknown }[];
    };
    expect(parsed.findings[0]?.suppressed).toEqual({
      kind: 'policy-exception',
      reason: 'not reachable: we never parse X9.42 keys',
      source: 'p.yaml: exceptions[0]',
      owner: 'sec@corp.example',
      expires: '2027-01-31',
    });
  });
});
