import type { Warning } from '../core/warnings.js';
import { openImage } from '../image/index.js';
import type { OpenedImage, OpenOptions } from '../image/types.js';
import {
  applyExceptions,
  defaultPolicy,
  detectBase,
  emptyCatalogue,
  evaluatePolicy,
} from '../policy/index.js';
import type { LoadedPolicy } from '../policy/index.js';
import type { RegistryOptions } from '../registry/index.js';
import type { ScanReport } from '../report/types.js';
import { markInherited, sharedLayerCount } from './compare.js';
import { artifactOf, introducedBy, summarize } from './report-parts.js';
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
  /** The organisation's policy (default: scoring only, no failing rule). */
  policy?: LoadedPolicy;
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
 * VEX), the base comparison, the policy's exceptions, base detection, and finally the summary,
 * verdict, score and grade on what remains.
 */
export async function runScan(request: ScanRequest, deps: ScanDeps): Promise<ScanReport> {
  const policy = request.policy?.policy ?? defaultPolicy();
  const catalogue = request.policy?.catalogue ?? emptyCatalogue();
  const baseLayers = (image: OpenedImage): number | undefined => {
    const found = detectBase(artifactOf(image, undefined), image.layers, catalogue, policy);
    return found.method === 'unknown' || found.layers === 0 ? undefined : found.layers;
  };
  const report = await scanReference(request.reference, request.open, request.options, {
    ...deps,
    baseLayers,
  });
  const warnings: Warning[] = [];
  const now = request.options.now;
  if (request.ignoreFile) warnings.push(...applyIgnoreFile(report.findings, request.ignoreFile, now));
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
      sharedLayers: sharedLayerCount(base, report),
      onlyNew: request.base.onlyNew,
    };
  }
  return judge(report, request.policy, warnings);
}

/**
 * Apply the policy to a report whose findings are final: exceptions, base detection, then what
 * depends on the findings (layer counts, summary) and the verdict with score and grade.
 */
export function judge(report: ScanReport, loaded: LoadedPolicy | undefined, warnings: Warning[]): ScanReport {
  const now = new Date(report.createdAt);
  const policy = loaded?.policy ?? defaultPolicy();
  const excepted = applyExceptions(report.findings, policy, now, loaded?.file ?? 'policy');
  report.findings = excepted.findings;
  warnings.push(...excepted.expired);

  const base = detectBase(report.artifact, report.layers, loaded?.catalogue ?? emptyCatalogue(), policy);
  report.base = base;
  const baseLayers = report.comparedBase?.sharedLayers ?? base.layers;
  report.layers = report.layers.map((layer, i) => {
    const out = { ...layer, introduced: introducedBy(i, report.packages, report.findings) };
    if (baseLayers > 0) out.base = i < baseLayers;
    return out;
  });
  report.summary = summarize(report.packages, report.findings);
  const evaluated = evaluatePolicy(report, policy, { now, base });
  report.verdict = evaluated.verdict;
  report.warnings.push(...warnings, ...evaluated.warnings);
  if (loaded?.file) {
    report.policy = {
      file: loaded.file,
      ...(loaded.catalogueFile ? { catalogue: loaded.catalogueFile } : {}),
    };
  }
  return report;
}
