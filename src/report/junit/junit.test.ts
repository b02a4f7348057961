import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../__golden__/sample-report.js';
import { renderJunit } from './render.js';
import { xmlAttr, xmlText } from './xml.js';

type Node = Record<string, unknown>;
const asList = (x: unknown): Node[] =>
  Array.isArray(x) ? (x as Node[]) : x === undefined ? [] : [x as Node];

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (n) => ['testsuite', 'testcase', 'failure', 'property'].includes(n),
  }).parse(xml) as Node;
  const suites = asList((doc.testsuites as Node).testsuite);
  return {
    root: doc.testsuites as Node,
    suites,
    suite: (name: string) => suites.find((s) => s['@name'] === name)!,
  };
}

describe('JUnit renderer', () => {
  const report = sampleReport();
  const xml = renderJunit(report, { color: false });
  const { root, suites, suite } = parse(xml);

  it('is well-formed XML with the suites vigia, one per ecosystem, secrets, misconfigurations', () => {
    expect(suites.map((s) => s['@name'])).toEqual([
      'vigia',
      'packages.apk',
      'packages.maven',
      'packages.npm',
      'secrets',
      'misconfigurations',
    ]);
  });

  it('names each package testcase by purl', () => {
    expect(asList(suite('packages.npm').testcase).map((t) => t['@name'])).toEqual(['pkg:npm/lodash@4.17.15']);
  });

  it('fails exactly the findings and packages the verdict names', () => {
    const failures = suites.flatMap((s) =>
      asList(s.testcase).flatMap((t) => asList(t.failure).map((f) => `${t['@name']} ${f['@type']}`)),
    );
    expect(failures.sort()).toEqual(
      [
        'verdict verdict',
        'pkg:apk/alpine/libssl1.1@1.1.1d-r2?arch=x86_64&distro=alpine-3.10.4 CVE-2020-1967',
        'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.14.0 policy',
        '/app/.env:2 aws-access-key-id',
        'VIG-IMG-001: Image runs as root VIG-IMG-001',
      ].sort(),
    );
  });

  it('lists the other findings (suppressed ones marked) in system-out', () => {
    const npm = asList(suite('packages.npm').testcase)[0]!;
    expect(String(npm['system-out'])).toContain('CVE-2020-8203 (CRITICAL)');
    expect(String(npm['system-out'])).toContain('[suppressed: vulnerable_code_not_in_execute_path');
    expect(npm.failure).toBeUndefined();
  });

  it('counts tests and failing testcases per suite and in total', () => {
    expect(suite('secrets')['@tests']).toBe('2');
    expect(suite('secrets')['@failures']).toBe('1');
    const total = suites.reduce((n, s) => n + Number(s['@failures']), 0);
    expect(root['@failures']).toBe(String(total));
    expect(total).toBe(5);
  });

  it('shows verdict, score, grade and warnings in the vigia suite', () => {
    const props = Object.fromEntries(
      asList((suite('vigia').properties as Node).property).map((p) => [p['@name'], p['@value']]),
    );
    expect(props).toMatchObject({
      'vigia.verdict': 'fail',
      'vigia.score': '42',
      'vigia.grade': 'E',
      'vigia.warnings': '2',
    });
    const warnings = asList(suite('vigia').testcase).find((t) => t['@name'] === 'warnings')!;
    expect(String(warnings['system-out'])).toContain('db-stale: the advisory database is 9 days old');
  });

  it('without failOn and policy reasons nothing fails (the verdict passes)', () => {
    const pass = { ...sampleReport(), verdict: { status: 'pass' as const, reasons: [] } };
    const { root: r } = parse(renderJunit(pass, { color: false }));
    expect(r['@failures']).toBe('0');
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlText('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(xmlAttr(`"q" 'a'\n\t`)).toBe('&quot;q&quot; &apos;a&apos;&#10;&#9;');
    expect(xmlText('bell\u0007 nul\u0000 lone\uD800 ok\uD83D\uDE00')).toBe(
      'bell\uFFFD nul\uFFFD lone\uFFFD ok\uD83D\uDE00',
    );
    expect(xml).toContain('DB_PASSWORD=h****2 &amp; &lt;x&gt; \uFFFD');
  });

  it('is deterministic', () => {
    expect(
      renderJunit(
        { ...report, findings: [...report.findings].reverse(), packages: [...report.packages].reverse() },
        { color: false },
      ),
    ).toBe(xml);
  });
});
