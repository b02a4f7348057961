import type { Warning } from '../core/warnings.js';
import { openImage } from '../image/index.js';
import type { OpenOptions } from '../image/types.js';
import type { RegistryOptions } from '../registry/index.js';
import type { ScanReport } from '../report/types.js';
import { markInherited } from './compare.js';
import { failOnVerdict, introducedBy, summarize } from './report-parts.js';
import { scanImage, type ScanDeps, type ScanOptions } from './scan.js';
import { applyIgnoreFile, type IgnoreFile } from './suppress/ignore-file.js';
import { applyVex, type VexDocument } from './suppress/vex.js';

/** Everything one scan needs beyond the pipeline's options. */
export interface ScanRequest {
  reference: string;
  open: OpenOptions & RegistryOptions;
  options: ScanOptions;
  ignoreFile?: IgnoreFile;
  vex?: VexDocument[];
  /** Scan this base image too and mark what the image inherited from it. */
  base?: { reference: string; onlyNew: boolean };
}

/** Open and scan one image (closing it afterwards). */
export async function scanReference(
  reference: string,
  open: OpenOptions & RegistryOptions,
  options: ScanOptions,
  deps: ScanDeps,
): Promise<ScanReport> {
  const image = await openImage(reference, open);
  try {
    return await scanImage(image, options, deps);
  } finally {
    await image.close();
  }
}

/**
 * A whole scan as the CLI and the server run it: the pipeline, then suppressions (ignore file,
 * VEX), then the base comparison, then the summary and verdict on what remains.
 */
export async function runScan(request: ScanRequest, deps: ScanDeps): Promise<ScanReport> {
  const report = await scanReference(request.reference, request.open, request.options, deps);
  const warnings: Warning[] = [];
  if (request.ignoreFile)
    warnings.push(...applyIgnoreFile(report.findings, request.ignoreFile, request.options.now));
  if (request.vex?.length) warnings.push(...applyVex(report.findings, request.vex, report.artifact));
  if (request.base) {
    const base = await scanReference(request.base.reference, request.open, request.options, {
      ...deps,
      warnings: [],
    });
    report.findings = markInherited(report, base, request.base.onlyNew);
    report.comparedBase = {
      name: base.artifact.name,
      configDigest: base.artifact.configDigest,
      sharedLayers: countShared(base, report),
      onlyNew: request.base.onlyNew,
    };
  }
  return finalize(report, warnings);
}

function countShared(base: ScanReport, image: ScanReport): number {
  let n = 0;
  while (n < base.layers.length && base.layers[n]?.diffID === image.layers[n]?.diffID) n++;
  return n;
}

/** Recompute what depends on the final findings: layer counts, summary, verdict. */
export function finalize(report: ScanReport, extraWarnings: Warning[]): ScanReport {
  report.warnings.push(...extraWarnings);
  const baseLayers = report.comparedBase?.sharedLayers ?? 0;
  report.layers = report.layers.map((layer, i) => {
    const out = { ...layer, introduced: introducedBy(i, report.packages, report.findings) };
    if (baseLayers > 0) out.base = i < baseLayers;
    return out;
  });
  report.summary = summarize(report.packages, report.findings);
  report.verdict = failOnVerdict(report.findings, report.options.failOn);
  return report;
}
