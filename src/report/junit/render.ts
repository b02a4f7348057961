import type { Package } from '../../core/package.js';
import type { RenderContext } from '../format.js';
import { byCodeUnit } from '../spdx/uuid.js';
import { severityRank, type Finding, type ScanReport, type VulnerabilityFinding } from '../types.js';
import { attrs, xmlText } from './xml.js';

interface Failure {
  type: string;
  message: string;
  body: string;
}

interface TestCase {
  classname: string;
  name: string;
  failures: Failure[];
  out: string[];
}

interface Suite {
  name: string;
  cases: TestCase[];
  properties?: [string, string][];
  out?: string[];
}

/**
 * The report as JUnit XML for CI test views. Suites: `vigia` (the verdict, and the warnings),
 * one suite per package ecosystem (`packages.deb`, `packages.npm`, …) with one testcase per
 * package (name = purl), then `secrets` and `misconfigurations` with one testcase per finding.
 * A finding is a `<failure>` exactly when the verdict lists its fingerprint among the reasons it
 * failed (`--fail-on` threshold or policy rules); other findings, suppressed ones included, are
 * listed in the testcase's `<system-out>`. Packages a licence/package rule named fail too.
 */
export function renderJunit(report: ScanReport, _ctx: RenderContext): string {
  const failing = failingFingerprints(report);
  const suites: Suite[] = [verdictSuite(report), ...packageSuites(report, failing)];
  const secrets = report.findings.filter((f) => f.kind === 'secret');
  const misconfigs = report.findings.filter((f) => f.kind === 'misconfig');
  if (report.options.scanners.includes('secret') || secrets.length) {
    suites.push({
      name: 'secrets',
      cases: secrets.sort(compareFindings).map((f) => findingCase(f, failing)),
    });
  }
  if (report.options.scanners.includes('misconfig') || misconfigs.length) {
    suites.push({
      name: 'misconfigurations',
      cases: misconfigs.sort(compareFindings).map((f) => findingCase(f, failing)),
    });
  }
  return render(report, suites);
}

/** Fingerprints and package ids the verdict names as reasons to fail. */
function failingFingerprints(report: ScanReport): {
  findings: Map<string, string[]>;
  packages: Map<string, string[]>;
} {
  const findings = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const r of report.verdict.reasons) {
    for (const fp of r.findings) findings.set(fp, [...(findings.get(fp) ?? []), `${r.rule}: ${r.message}`]);
    for (const id of r.packages ?? [])
      packages.set(id, [...(packages.get(id) ?? []), `${r.rule}: ${r.message}`]);
  }
  return { findings, packages };
}

function verdictSuite(report: ScanReport): Suite {
  const v = report.verdict;
  const verdict: TestCase = {
    classname: 'vigia',
    name: 'verdict',
    failures:
      v.status === 'fail'
        ? [
            {
              type: 'verdict',
              message: `image ${report.artifact.name} failed: ${v.reasons.map((r) => r.message).join('; ') || 'no reason given'}`,
              body: v.reasons.map((r) => `${r.rule}: ${r.message}`).join('\n'),
            },
          ]
        : [],
    out: [summaryLine(report)],
  };
  const warnings: TestCase = {
    classname: 'vigia',
    name: 'warnings',
    failures: [],
    out: report.warnings.length
      ? report.warnings.map((w) => `${w.code}: ${w.message}${w.path ? ` (${w.path})` : ''}`)
      : ['no warnings'],
  };
  const properties: [string, string][] = [
    ['vigia.image', report.artifact.name],
    ['vigia.configDigest', report.artifact.configDigest],
    ['vigia.verdict', v.status],
  ];
  if (v.score !== undefined) properties.push(['vigia.score', String(v.score)]);
  if (v.grade) properties.push(['vigia.grade', v.grade]);
  if (report.options.failOn) properties.push(['vigia.failOn', report.options.failOn]);
  properties.push(['vigia.warnings', String(report.warnings.length)]);
  return { name: 'vigia', cases: [verdict, warnings], properties };
}

function packageSuites(report: ScanReport, failing: ReturnType<typeof failingFingerprints>): Suite[] {
  const byPackage = new Map<string, VulnerabilityFinding[]>();
  for (const f of report.findings) {
    if (f.kind !== 'vulnerability') continue;
    byPackage.set(f.package.id, [...(byPackage.get(f.package.id) ?? []), f]);
  }
  const byEcosystem = new Map<string, Package[]>();
  for (const p of report.packages) byEcosystem.set(p.ecosystem, [...(byEcosystem.get(p.ecosystem) ?? []), p]);
  return [...byEcosystem.keys()].sort(byCodeUnit).map((eco) => {
    const pkgs = (byEcosystem.get(eco) as Package[]).sort(
      (a, b) => byCodeUnit(a.purl, b.purl) || byCodeUnit(a.id, b.id),
    );
    const seen = new Set<string>();
    const cases = pkgs.map((p) => {
      let name = p.purl;
      if (seen.has(name)) name = `${p.purl} (${p.paths[0] ?? p.id})`;
      seen.add(name);
      const tc: TestCase = { classname: `packages.${eco}`, name, failures: [], out: [] };
      tc.out.push(`${p.name} ${p.version} in layer ${p.layer.index} (${p.paths.join(', ')})`);
      for (const reason of failing.packages.get(p.id) ?? []) {
        tc.failures.push({ type: 'policy', message: reason, body: reason });
      }
      const findings = (byPackage.get(p.id) ?? []).sort(compareFindings);
      for (const f of findings) addFinding(tc, f, failing);
      return tc;
    });
    return { name: `packages.${eco}`, cases };
  });
}

function findingCase(f: Finding, failing: ReturnType<typeof failingFingerprints>): TestCase {
  const tc: TestCase =
    f.kind === 'secret'
      ? {
          classname: `secrets.${f.ruleId}`,
          name: f.path.startsWith('/') ? `${f.path}:${f.line}` : f.path,
          failures: [],
          out: [],
        }
      : {
          classname: `misconfigurations.${f.kind === 'misconfig' ? f.checkId : ''}`,
          name: f.kind === 'misconfig' ? `${f.checkId}: ${f.title}` : f.id,
          failures: [],
          out: [],
        };
  addFinding(tc, f, failing);
  return tc;
}

function addFinding(tc: TestCase, f: Finding, failing: ReturnType<typeof failingFingerprints>): void {
  const line = describe(f);
  const reasons = failing.findings.get(f.fingerprint);
  if (reasons && !f.suppressed) {
    tc.failures.push({
      type: failureType(f),
      message: line,
      body: [line, ...details(f), ...reasons.map((r) => `fails: ${r}`)].join('\n'),
    });
  } else {
    tc.out.push(
      f.suppressed
        ? `${line} [suppressed: ${f.suppressed.reason} (${f.suppressed.kind} ${f.suppressed.source})]`
        : line,
    );
  }
}

function failureType(f: Finding): string {
  if (f.kind === 'vulnerability') return f.id;
  if (f.kind === 'secret') return f.ruleId;
  return f.checkId;
}

function describe(f: Finding): string {
  if (f.kind === 'vulnerability') {
    return `${f.id} (${f.severity}) in ${f.package.name} ${f.installedVersion}, ${f.fixedVersion ? `fixed in ${f.fixedVersion}` : 'no fix yet'}, layer ${f.layer.index}${f.title ? `: ${f.title}` : ''}`;
  }
  if (f.kind === 'secret') {
    return `${f.title} (${f.severity}) at ${f.path}:${f.line}${f.layer ? `, layer ${f.layer.index}` : ''}, ${f.visibility}: ${f.redacted}`;
  }
  return `${f.checkId} (${f.severity}): ${f.title}${f.file ? ` at ${f.file}${f.line ? `:${f.line}` : ''}` : ''}`;
}

function details(f: Finding): string[] {
  if (f.kind === 'vulnerability') {
    return [
      `package ${f.package.purl}`,
      ...(f.aliases.length ? [`aliases ${f.aliases.join(', ')}`] : []),
      ...f.references.slice(0, 5),
    ];
  }
  if (f.kind === 'misconfig') return [`remediation: ${f.remediation}`];
  return [`fingerprint ${f.fingerprint}`];
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    byCodeUnit(failureType(a), failureType(b)) ||
    byCodeUnit(a.fingerprint, b.fingerprint)
  );
}

function summaryLine(report: ScanReport): string {
  const s = report.summary;
  const counts = (r: Record<string, number>) =>
    Object.entries(r)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  const v = report.verdict;
  return [
    `verdict ${v.status}${v.score !== undefined ? `, score ${v.score}` : ''}${v.grade ? `, grade ${v.grade}` : ''}`,
    `packages ${s.packages.total} (${s.packages.os} os, ${s.packages.library} library)`,
    `vulnerabilities: ${counts(s.vulnerabilities)}`,
    `secrets: ${counts(s.secrets)}`,
    `misconfigurations: ${counts(s.misconfigs)}`,
    `suppressed ${s.suppressed}, fixable ${s.fixable}, known exploited ${s.knownExploited}`,
  ].join('\n');
}

function render(report: ScanReport, suites: Suite[]): string {
  const timestamp = new Date(report.createdAt).toISOString().slice(0, 19);
  const count = (s: Suite) => ({
    tests: s.cases.length,
    failures: s.cases.filter((c) => c.failures.length).length,
  });
  const totals = suites
    .map(count)
    .reduce((a, b) => ({ tests: a.tests + b.tests, failures: a.failures + b.failures }), {
      tests: 0,
      failures: 0,
    });
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites${attrs({ name: `vigia scan ${report.artifact.name}`, tests: totals.tests, failures: totals.failures, errors: 0, skipped: 0, time: 0 })}>`,
  );
  suites.forEach((s, id) => {
    const c = count(s);
    out.push(
      `  <testsuite${attrs({ name: s.name, tests: c.tests, failures: c.failures, errors: 0, skipped: 0, time: 0, timestamp, id, package: s.name, hostname: 'vigia' })}>`,
    );
    if (s.properties?.length) {
      out.push('    <properties>');
      for (const [name, value] of s.properties) out.push(`      <property${attrs({ name, value })}/>`);
      out.push('    </properties>');
    }
    for (const tc of s.cases) {
      const head = `    <testcase${attrs({ classname: tc.classname, name: tc.name, time: 0 })}`;
      if (!tc.failures.length && !tc.out.length) {
        out.push(`${head}/>`);
        continue;
      }
      out.push(`${head}>`);
      for (const f of tc.failures) {
        out.push(`      <failure${attrs({ message: f.message, type: f.type })}>${xmlText(f.body)}</failure>`);
      }
      if (tc.out.length) out.push(`      <system-out>${xmlText(tc.out.join('\n'))}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  });
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
