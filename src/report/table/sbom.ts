import type { RenderContext } from '../format.js';
import type { ScanReport } from '../types.js';
import { bytes, columns, cut, short } from './text.js';

/** The inventory as a table: each layer with the packages it introduced. */
export function renderSbomTable(report: ScanReport, ctx: RenderContext): string {
  const out: string[] = [];
  const a = report.artifact;
  out.push(
    `${a.name}  ${a.os ? `${a.os.family} ${a.os.version}` : 'unknown OS'}  ${report.packages.length} packages`,
  );
  for (const layer of report.layers) {
    const pkgs = report.packages.filter((p) => p.layer.index === layer.index);
    out.push(
      '',
      `Layer ${layer.index}  ${short(layer.diffID)}  ${bytes(layer.size)}  ${pkgs.length} packages`,
    );
    if (layer.createdBy) out.push(`  ${cut(layer.createdBy, 120)}`);
    if (pkgs.length === 0) continue;
    const rows = [['TYPE', 'NAME', 'VERSION', 'PATH', 'OWNER']];
    for (const p of pkgs)
      rows.push([p.ecosystem, p.name, p.version, p.paths[0] ?? '', p.ownedBy?.name ?? '']);
    out.push(...columns(rows, [9, 48, 32, 70, 24]).map((l) => `  ${l}`));
  }
  if (report.warnings.length) {
    out.push('', `Warnings (${report.warnings.length})`);
    for (const w of report.warnings) out.push(`  - ${w.message}`);
  }
  void ctx;
  return `${out.join('\n')}\n`;
}
