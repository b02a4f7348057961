import type { ComparisonReport } from '../../scan/compare.js';
import { columns, cut, short } from '../table/text.js';

/** The comparison as JSON. */
export function renderComparisonJson(c: ComparisonReport): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}

/** The comparison for a terminal: what the image's own layers added, changed and fixed. */
export function renderComparisonTable(c: ComparisonReport): string {
  const out: string[] = [];
  out.push(`base:  ${c.base.name}  (${c.base.layers} layers, ${c.base.packages} packages)`);
  out.push(`image: ${c.image.name}  (${c.image.layers} layers, ${c.image.packages} packages)`);
  out.push(`shared leading layers: ${c.sharedLayers}`);
  const p = c.packages;
  out.push(
    '',
    `Packages: ${p.added.length} added, ${p.changed.length} changed, ${p.removed.length} removed, ${p.unchanged} unchanged`,
  );
  const rows = [['CHANGE', 'TYPE', 'NAME', 'VERSION', 'LAYER', 'CREATED BY']];
  for (const a of p.added) rows.push(['+', a.ecosystem, a.name, a.version, String(a.layer.index), '']);
  for (const ch of p.changed) {
    rows.push([
      '~',
      ch.after.ecosystem,
      ch.after.name,
      `${ch.before.version} → ${ch.after.version}`,
      String(ch.after.layer.index),
      '',
    ]);
  }
  for (const r of p.removed) rows.push(['-', r.ecosystem, r.name, r.version, '', '']);
  if (rows.length > 1) out.push(...columns(rows, [6, 8, 48, 40, 5, 0]).map((l) => `  ${l}`));
  const v = c.vulnerabilities;
  out.push(
    '',
    `Vulnerabilities: ${v.added.length} added by the image's layers, ${v.fixed.length} fixed, ${v.inherited} inherited`,
  );
  const vrows = [['CHANGE', 'SEVERITY', 'ID', 'PACKAGE', 'VERSION', 'LAYER', 'CREATED BY']];
  for (const f of v.added) {
    vrows.push([
      '+',
      f.severity,
      f.id,
      f.package.name,
      f.installedVersion,
      String(f.layer.index),
      cut(f.layer.createdBy ?? '', 60),
    ]);
  }
  for (const f of v.fixed)
    vrows.push(['fixed', f.severity, f.id, f.package.name, f.installedVersion, '', '']);
  if (vrows.length > 1) out.push(...columns(vrows, [6, 9, 22, 32, 28, 5, 60]).map((l) => `  ${l}`));
  out.push('', `Secrets: ${c.secrets.added.length} added, ${c.secrets.inherited} inherited`);
  for (const s of c.secrets.added) {
    out.push(
      `  + ${s.severity} ${s.ruleId} ${s.path}:${s.line} (layer ${s.layer?.index ?? '-'} ${short(s.layer?.diffID ?? '')}, ${s.visibility})`,
    );
  }
  out.push(`Misconfigurations: ${c.misconfigs.added.length} added, ${c.misconfigs.inherited} inherited`);
  for (const m of c.misconfigs.added) out.push(`  + ${m.severity} ${m.checkId} ${m.title}`);
  return `${out.join('\n')}\n`;
}
