import type { RenderContext } from '../format.js';
import { byCodeUnit } from '../spdx/uuid.js';
import {
  Severities,
  severityRank,
  type Finding,
  type MisconfigFinding,
  type ScanReport,
  type SecretFinding,
  type VulnerabilityFinding,
} from '../types.js';
import { cell, code, cut, table } from './text.js';

/** Rows of the "top findings" table shown open. */
export const TOP_ROWS = 15;
/** Rows of any collapsed list; the rest is counted as "and N more". */
export const MAX_ROWS = 300;

/**
 * The report as compact GitHub-flavoured Markdown for pull-request comments and
 * `$GITHUB_STEP_SUMMARY`: verdict with score and grade, counts per severity, the top
 * vulnerabilities (CRITICAL/HIGH first), then secrets, misconfigurations, warnings and suppressed
 * findings. Long lists are collapsed in `<details>` and cut at MAX_ROWS rows ("and N more"), which
 * keeps the output far below GitHub's 1 MiB step-summary limit.
 */
export function renderMarkdown(report: ScanReport, _ctx: RenderContext): string {
  const out: string[] = [];
  const v = report.verdict;
  const a = report.artifact;
  const status = v.status === 'pass' ? '✅ PASS' : '❌ FAIL';
  const score = v.score !== undefined ? ` · score ${v.score}/100` : '';
  const grade = v.grade ? ` · grade ${v.grade}` : '';
  out.push(`## vigia: ${status}${score}${grade}`, '');
  const os = a.os
    ? `${a.os.name ?? `${a.os.family} ${a.os.version}`}${a.os.eol ? ' (end of life)' : ''}`
    : 'unknown OS';
  out.push(
    `**Image** ${code(a.name)} · ${cell(os)} · ${code(a.manifestDigest ?? a.configDigest)}  `,
    `Scanned ${report.createdAt} by vigia ${report.tool.version}${report.database ? ` · advisory DB built ${report.database.builtAt} (${report.database.ageHours} h old)` : ''}${report.options.failOn ? ` · fail on ${report.options.failOn}` : ''}`,
    '',
  );
  out.push(...countsTable(report), '');
  const s = report.summary;
  out.push(
    `${s.packages.total} packages (${s.packages.os} OS, ${s.packages.library} library) · ${s.fixable} fixable · ${s.knownExploited} known exploited · ${s.suppressed} suppressed · ${report.warnings.length} warnings`,
    '',
  );
  if (v.reasons.length) {
    out.push('### Why it failed', '');
    for (const r of v.reasons) out.push(`- **${cell(r.rule)}**: ${cell(r.message)}`);
    out.push('');
  }
  if (v.breakdown?.length) {
    out.push('<details><summary>Score breakdown</summary>', '');
    out.push(
      ...table(
        ['Family', 'Points', 'Why'],
        v.breakdown.map((b) => [cell(b.family), `${b.points}/${b.max}`, cell(b.why)]),
      ),
    );
    out.push('', '</details>', '');
  }
  const active = report.findings.filter((f) => !f.suppressed);
  const vulns = active
    .filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability')
    .sort(compareVulns);
  if (report.options.scanners.includes('vulnerability')) out.push(...vulnerabilitySection(vulns));
  const secrets = active.filter((f): f is SecretFinding => f.kind === 'secret').sort(compareOthers);
  if (report.options.scanners.includes('secret') || secrets.length) out.push(...secretSection(secrets));
  const misconfigs = active.filter((f): f is MisconfigFinding => f.kind === 'misconfig').sort(compareOthers);
  if (report.options.scanners.includes('misconfig') || misconfigs.length)
    out.push(...misconfigSection(misconfigs));
  if (report.warnings.length) {
    out.push(`### ⚠️ Warnings (${report.warnings.length})`, '');
    const shown = report.warnings.slice(0, MAX_ROWS);
    for (const w of shown)
      out.push(`- ${code(w.code)} ${cell(w.message)}${w.path ? ` (${code(w.path)})` : ''}`);
    if (report.warnings.length > shown.length)
      out.push(`- … and ${report.warnings.length - shown.length} more`);
    out.push('');
  }
  const suppressed = report.findings.filter((f) => f.suppressed).sort(compareOthers);
  if (suppressed.length) {
    out.push(`<details><summary>Suppressed findings (${suppressed.length})</summary>`, '');
    const rows = suppressed
      .slice(0, MAX_ROWS)
      .map((f) => [
        f.severity,
        cell(findingId(f)),
        cell(f.suppressed?.reason ?? ''),
        cell(`${f.suppressed?.kind ?? ''} ${f.suppressed?.source ?? ''}`),
        cell(f.suppressed?.expires ?? ''),
      ]);
    out.push(
      ...table(['Severity', 'Finding', 'Reason', 'Source', 'Expires'], rows),
      ...more(suppressed.length, rows.length),
      '',
      '</details>',
      '',
    );
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function countsTable(report: ScanReport): string[] {
  const s = report.summary;
  const rows: string[][] = [];
  const add = (label: string, counts: Record<string, number>) =>
    rows.push([label, ...Severities.map((sev) => String(counts[sev] ?? 0))]);
  if (report.options.scanners.includes('vulnerability')) add('Vulnerabilities', s.vulnerabilities);
  if (report.options.scanners.includes('secret')) add('Secrets', s.secrets);
  if (report.options.scanners.includes('misconfig')) add('Misconfigurations', s.misconfigs);
  if (!rows.length) return ['No scanners ran: inventory only.'];
  return table(['', ...Severities], rows);
}

function vulnRow(f: VulnerabilityFinding): string[] {
  const id = f.knownExploited ? `${f.id} 🔥` : f.id;
  return [
    f.severity,
    cell(id),
    cell(`${f.package.name}`),
    cell(f.installedVersion),
    cell(f.fixedVersion ?? '—'),
    String(f.layer.index),
    cell(cut(f.title ?? '', 80)),
  ];
}

const VULN_HEADER = ['Severity', 'ID', 'Package', 'Installed', 'Fixed', 'Layer', 'Title'];

function vulnerabilitySection(vulns: VulnerabilityFinding[]): string[] {
  const out = [`### Vulnerabilities (${vulns.length})`, ''];
  if (!vulns.length) return [...out, 'None found.', ''];
  const top = vulns.slice(0, TOP_ROWS);
  out.push(...table(VULN_HEADER, top.map(vulnRow)));
  if (vulns.length > top.length) {
    const rest = vulns.slice(TOP_ROWS);
    const rows = rest.slice(0, MAX_ROWS).map(vulnRow);
    out.push(
      '',
      `<details><summary>${rest.length} more vulnerabilities</summary>`,
      '',
      ...table(VULN_HEADER, rows),
      ...more(rest.length, rows.length),
      '',
      '</details>',
    );
  }
  out.push('');
  return out;
}

function secretSection(secrets: SecretFinding[]): string[] {
  const out = [`### Secrets (${secrets.length})`, ''];
  if (!secrets.length) return [...out, 'None found.', ''];
  const rows = secrets
    .slice(0, MAX_ROWS)
    .map((f) => [
      f.severity,
      cell(f.title),
      code(f.path.startsWith('/') ? `${f.path}:${f.line}` : f.path),
      f.layer ? String(f.layer.index) : '—',
      f.visibility === 'deleted' ? 'deleted later, still in the image' : f.visibility,
      code(f.redacted),
    ]);
  out.push(
    ...table(['Severity', 'Secret', 'Where', 'Layer', 'Visibility', 'Match'], rows),
    ...more(secrets.length, rows.length),
    '',
  );
  return out;
}

function misconfigSection(findings: MisconfigFinding[]): string[] {
  const out = [`### Misconfigurations (${findings.length})`, ''];
  if (!findings.length) return [...out, 'None found.', ''];
  const rows = findings
    .slice(0, MAX_ROWS)
    .map((f) => [
      f.severity,
      code(f.checkId),
      cell(f.title),
      cell(
        f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : (f.evidence.field ?? f.evidence.path ?? 'image'),
      ),
      cell(cut(f.remediation, 120)),
    ]);
  out.push(
    ...table(['Severity', 'Check', 'Title', 'Where', 'Remediation'], rows),
    ...more(findings.length, rows.length),
    '',
  );
  return out;
}

function more(total: number, shown: number): string[] {
  return total > shown ? ['', `… and ${total - shown} more (see the JSON report).`] : [];
}

function findingId(f: Finding): string {
  if (f.kind === 'vulnerability') return `${f.id} in ${f.package.name} ${f.installedVersion}`;
  if (f.kind === 'secret') return `${f.ruleId} at ${f.path}`;
  return f.checkId;
}

/** Severity (worst first), known-exploited first, fixable first, then id and package. */
function compareVulns(a: VulnerabilityFinding, b: VulnerabilityFinding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    Number(Boolean(b.knownExploited)) - Number(Boolean(a.knownExploited)) ||
    Number(Boolean(b.fixedVersion)) - Number(Boolean(a.fixedVersion)) ||
    byCodeUnit(a.id, b.id) ||
    byCodeUnit(a.package.purl, b.package.purl) ||
    byCodeUnit(a.fingerprint, b.fingerprint)
  );
}

function compareOthers(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    byCodeUnit(findingId(a), findingId(b)) ||
    byCodeUnit(a.fingerprint, b.fingerprint)
  );
}
