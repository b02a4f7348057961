import type { ScanReport } from '../types.js';

/**
 * vigia's own inventory JSON (`sbom --format json`): the image, then its layers in order, each
 * with the packages it introduced.
 */
export function renderInventoryJson(report: ScanReport): string {
  const doc = {
    schemaVersion: report.schemaVersion,
    kind: 'vigia-inventory',
    tool: report.tool,
    createdAt: report.createdAt,
    artifact: report.artifact,
    layers: report.layers.map((layer) => ({
      index: layer.index,
      digest: layer.digest,
      diffID: layer.diffID,
      createdBy: layer.createdBy,
      size: layer.size,
      uncompressedSize: layer.uncompressedSize,
      files: layer.files,
      packages: report.packages.filter((p) => p.layer.index === layer.index),
    })),
    summary: report.summary.packages,
    warnings: report.warnings,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
