import pc from 'picocolors';
import type { RenderContext } from '../format.js';
import {
  Severities,
  type MisconfigFinding,
  type ScanReport,
  type SecretFinding,
  type Severity,
  type VulnerabilityFinding,
} from '../types.js';
import { bytes, columns, cut, severityLabel, short } from './text.js';

/**
 * The default terminal view: findings grouped by the layer that introduced them, each layer
 * headed by its `created_by`; then secrets, misconfigurations, warnings, the summary line and
 * the verdict.
 */
export function renderTable(report: ScanReport, ctx: RenderContext): string {
  const out: string[] = [];
  const a = report.artifact;
  const os = a.os ? `${a.os.family} ${a.os.version}${a.os.eol ? ' (EOL)' : ''}` : 'unknown OS';
  const platform = `${a.platform.os}/${a.platform.architecture}${a.platform.variant ? `/${a.platform.variant}` : ''}`;
  out.push(`${bold(a.name, ctx)}  ${platform}  ${os}`);
  if (report.database) {
    out.push(
      `advisory database built ${report.database.builtAt} (${Math.round(report.database.ageHours)} h old)`,
    );
  }
  const active = report.findings.filter((f) => !f.suppressed);
  const vulns = active.filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability');
  for (const layer of report.layers) {
    const own = vulns.filter((f) => f.layer.index === layer.index);
    out.push('');
    out.push(
      `${bold(`Layer ${layer.index}`, ctx)}  ${short(layer.diffID)}  ${bytes(layer.size)}  ` +
        `${layer.introduced.packages} packages${layer.base ? '  [base]' : ''}`,
    );
    if (layer.createdBy) out.push(`  ${dim(cut(layer.createdBy, 120), ctx)}`);
    if (own.length === 0) continue;
    const rows = [['SEVERITY', 'ID', 'PACKAGE', 'INSTALLED', 'FIXED', 'TITLE']];
    for (const f of own) {
      rows.push([
        severityLabel(f.severity, ctx.color) + (f.knownExploited ? ' KEV' : ''),
        f.id,
        f.package.name,
        f.installedVersion,
        f.fixedVersion ?? '',
        f.title ?? '',
      ]);
    }
    out.push(...columns(rows, [14, 22, 32, 28, 28, 60]).map((l) => `  ${l}`));
  }
  const secrets = active.filter((f): f is SecretFinding => f.kind === 'secret');
  if (report.options.scanners.includes('secret')) {
    out.push('', bold('Secrets', ctx));
    if (secrets.length === 0) out.push('  none found');
    else {
      const rows = [['SEVERITY', 'RULE', 'WHERE', 'LAYER', 'STATE', 'MATCH']];
      for (const s of secrets) {
        rows.push([
          severityLabel(s.severity, ctx.color),
          s.ruleId,
          s.visibility === 'config' ? s.path : `${s.path}:${s.line}`,
          s.layer ? String(s.layer.index) : '-',
          s.visibility,
          s.redacted,
        ]);
      }
      out.push(...columns(rows, [10, 28, 50, 5, 8, 30]).map((l) => `  ${l}`));
    }
  }
  const misconfigs = active.filter((f): f is MisconfigFinding => f.kind === 'misconfig');
  if (report.options.scanners.includes('misconfig')) {
    out.push('', bold('Misconfigurations', ctx));
    if (misconfigs.length === 0) out.push('  none found');
    else {
      const rows = [['SEVERITY', 'CHECK', 'TITLE', 'EVIDENCE']];
      for (const m of misconfigs) {
        const where = m.file ? `${m.file}:${m.line ?? ''}` : (m.evidence.path ?? m.evidence.field ?? '');
        rows.push([
          severityLabel(m.severity, ctx.color),
          m.checkId,
          m.title,
          `${where} ${m.evidence.value ?? ''}`,
        ]);
      }
      out.push(...columns(rows, [10, 14, 60, 60]).map((l) => `  ${l}`));
    }
  }
  if (report.warnings.length) {
    out.push('', bold(`Warnings (${report.warnings.length})`, ctx));
    for (const w of report.warnings) out.push(`  - ${w.message}`);
  }
  out.push('', summaryLine(report, ctx));
  out.push(verdictLine(report, ctx));
  return `${out.join('\n')}\n`;
}

function summaryLine(report: ScanReport, ctx: RenderContext): string {
  const s = report.summary;
  const counts = (r: Record<Severity, number>) =>
    Severities.filter((k) => r[k] > 0)
      .map((k) => `${r[k]} ${severityLabel(k, ctx.color)}`)
      .join(', ') || '0';
  const parts = [`${s.packages.total} packages (${s.packages.os} OS, ${s.packages.library} library)`];
  if (report.options.scanners.includes('vulnerability')) {
    parts.push(
      `vulnerabilities: ${counts(s.vulnerabilities)} (${s.fixable} fixable, ${s.knownExploited} KEV)`,
    );
  }
  if (report.options.scanners.includes('secret')) parts.push(`secrets: ${counts(s.secrets)}`);
  if (report.options.scanners.includes('misconfig')) parts.push(`misconfigurations: ${counts(s.misconfigs)}`);
  if (s.suppressed) parts.push(`suppressed: ${s.suppressed}`);
  return `Summary: ${parts.join('; ')}`;
}

function verdictLine(report: ScanReport, ctx: RenderContext): string {
  const v = report.verdict;
  const status = v.status === 'pass' ? 'PASS' : 'FAIL';
  const colored = ctx.color ? (v.status === 'pass' ? pc.green(status) : pc.red(pc.bold(status))) : status;
  const score = v.score !== undefined ? `  score ${v.score}/100${v.grade ? ` (grade ${v.grade})` : ''}` : '';
  const reasons = v.reasons.map((r) => `\n  - ${r.rule}: ${r.message}`).join('');
  return `Verdict: ${colored}${score}${reasons}`;
}

function bold(text: string, ctx: RenderContext): string {
  return ctx.color ? pc.bold(text) : text;
}

function dim(text: string, ctx: RenderContext): string {
  return ctx.color ? pc.dim(text) : text;
}
