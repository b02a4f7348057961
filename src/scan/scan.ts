import type { Analyzer } from '../analyzers/types.js';
import { createSecretAnalyzer, scanImageConfig, type SecretScanner } from '../checks/secrets/index.js';
import { analyzers as registeredAnalyzers } from '../analyzers/registry.js';
import type { LayerCache } from '../cache/layer-cache.js';
import type { Warning } from '../core/warnings.js';
import type { OpenedImage } from '../image/types.js';
import { buildInventory, type Inventory } from '../inventory/build.js';
import type { IndexedLayerFacts } from '../inventory/squash.js';
import { toFindings } from '../matching/findings.js';
import { matchPackages } from '../matching/match.js';
import type { AdvisoryLookup } from '../matching/types.js';
import {
  REPORT_SCHEMA_VERSION,
  Severities,
  type DatabaseInfo,
  type Finding,
  type MisconfigFinding,
  type FindingKind,
  type ScanReport,
  type Severity,
} from '../report/types.js';
import type { AnalysisPlan } from './analyze-layer.js';
import { collectLayerFacts, type CollectEvent } from './collect.js';
import { misconfigFindings } from './misconfig.js';
import { redactReport } from './redact.js';
import { secretFindings } from './secrets.js';
import { artifactOf, failOnVerdict, layerOrigin, reportLayers, summarize } from './report-parts.js';

/** What a scan looks for and how it filters (the CLI's flags, resolved). */
export interface ScanOptions {
  scanners: FindingKind[];
  /** Severities kept in the report (others are dropped); default all. */
  severities: Severity[];
  ignoreUnfixed: boolean;
  pkgTypes: ('os' | 'library')[];
  ownedLanguagePackages: boolean;
  includeDevDependencies: boolean;
  failOn?: Severity;
  /** The report's `createdAt` (pin it for reproducible output). */
  now: Date;
  toolVersion: string;
}

/** The services a scan uses: all optional so that an inventory-only run needs none. */
export interface ScanDeps {
  cache?: LayerCache;
  store?: AdvisoryLookup;
  database?: DatabaseInfo;
  /** Warnings raised before the scan (DB freshness, cache recovery, …). */
  warnings?: Warning[];
  onEvent?: (event: CollectEvent) => void;
  analyzers?: readonly Analyzer[];
  /**
   * The compiled secret rules (built-ins plus the config file's): the secret scanner runs with
   * them when selected, and they redact secrets in the report's copy of the config either way.
   */
  secretScanner?: SecretScanner;
  /** How many leading layers belong to the base image (policy's base detection), if known. */
  baseLayers?: (image: OpenedImage) => number | undefined;
  /** Dockerfile findings to include (`--dockerfile`), checked by the caller. */
  dockerfileFindings?: MisconfigFinding[];
}

/** Defaults: every scanner, every severity, nothing ignored. */
export function defaultScanOptions(toolVersion: string, now = new Date()): ScanOptions {
  return {
    scanners: ['vulnerability', 'secret', 'misconfig'],
    severities: [...Severities],
    ignoreUnfixed: false,
    pkgTypes: ['os', 'library'],
    ownedLanguagePackages: false,
    includeDevDependencies: false,
    now,
    toolVersion,
  };
}

/** The analysis of an image up to its inventory (what `sbom` and `inspect` need). */
export interface ImageAnalysis {
  layers: IndexedLayerFacts[];
  inventory: Inventory;
  cachedLayers: string[];
  warnings: Warning[];
}

/** Walk (or read from the cache) every layer and build the inventory. */
export async function analyzeImage(
  image: OpenedImage,
  options: ScanOptions,
  deps: ScanDeps,
): Promise<ImageAnalysis> {
  const plan: AnalysisPlan = { analyzers: deps.analyzers ?? registeredAnalyzers };
  if (options.scanners.includes('secret') && deps.secretScanner) {
    plan.secrets = createSecretAnalyzer(deps.secretScanner);
  }
  const collected = await collectLayerFacts(image, plan, {
    ...(deps.cache ? { cache: deps.cache } : {}),
    ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
  });
  const inventory = buildInventory(
    collected.layers,
    image.layers.map((l) => l.diffID),
    { includeDevDependencies: options.includeDevDependencies },
  );
  return {
    layers: collected.layers,
    inventory,
    cachedLayers: collected.cached,
    warnings: [...collected.warnings, ...inventory.warnings],
  };
}

/**
 * Scan an opened image: inventory, then the selected scanners, then filters and the
 * `--fail-on` verdict. Returns the one report every format renders.
 */
export async function scanImage(
  image: OpenedImage,
  options: ScanOptions,
  deps: ScanDeps,
): Promise<ScanReport> {
  const analysis = await analyzeImage(image, options, deps);
  const warnings: Warning[] = [...(deps.warnings ?? []), ...analysis.warnings];
  const packages = analysis.inventory.packages.filter((p) => options.pkgTypes.includes(p.type));
  const os = analysis.inventory.os;

  let findings: Finding[] = [];
  if (options.scanners.includes('vulnerability') && deps.store) {
    const matched = matchPackages(packages, deps.store, os, {
      ownedLanguagePackages: options.ownedLanguagePackages,
    });
    warnings.push(...matched.warnings);
    const built = toFindings(matched.matches, deps.store, (i) => layerOrigin(image, i));
    findings.push(...built.findings);
    warnings.push(...built.warnings);
  }

  if (options.scanners.includes('secret') && deps.secretScanner) {
    const configHits = scanImageConfig(image.config, deps.secretScanner);
    findings.push(...secretFindings(image, analysis.layers, configHits));
  }

  if (options.scanners.includes('misconfig')) {
    const baseLayers = deps.baseLayers?.(image);
    findings.push(...misconfigFindings(image, analysis.layers, analysis.inventory.packages, baseLayers));
    findings.push(...(deps.dockerfileFindings ?? []));
  }

  findings = findings.filter((f) => options.severities.includes(f.severity));
  if (options.ignoreUnfixed) findings = findings.filter((f) => f.kind !== 'vulnerability' || f.fixedVersion);

  const report: ScanReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'vigia', version: options.toolVersion },
    createdAt: options.now.toISOString(),
    artifact: artifactOf(image, os),
    layers: reportLayers(image, analysis.layers, analysis.inventory.packages, findings),
    packages: analysis.inventory.packages,
    findings,
    summary: summarize(analysis.inventory.packages, findings),
    warnings: dedupeWarnings(warnings),
    options: {
      scanners: [...options.scanners],
      severities: [...options.severities],
      ignoreUnfixed: options.ignoreUnfixed,
      pkgTypes: [...options.pkgTypes],
      ...(options.failOn ? { failOn: options.failOn } : {}),
    },
    verdict: failOnVerdict(findings, options.failOn),
  };
  if (deps.database) report.database = deps.database;
  if (deps.secretScanner) redactReport(report, deps.secretScanner);
  return report;
}

function dedupeWarnings(warnings: Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}\0${w.message}\0${w.layerDiffID ?? ''}\0${w.path ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
