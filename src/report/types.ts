import type { OsInfo } from '../core/os.js';
import type { Package } from '../core/package.js';
import type { Warning } from '../core/warnings.js';
import type { Platform, SourceKind } from '../image/types.js';

/**
 * The one report every output format renders. Versioned: a breaking change bumps
 * `schemaVersion` and `schemas/scan-report.schema.json`. Formats never recompute anything; what
 * they show is here.
 */
export const REPORT_SCHEMA_VERSION = 1;

export const Severities = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const;
export type Severity = (typeof Severities)[number];

/** Rank for comparisons: CRITICAL 4 … UNKNOWN 0. */
export function severityRank(s: Severity): number {
  return 4 - Severities.indexOf(s);
}

export type FindingKind = 'vulnerability' | 'secret' | 'misconfig';

/** Why a finding does not count (it stays in the report, visible in JSON). */
export interface Suppression {
  kind: 'ignore-file' | 'vex' | 'policy-exception';
  reason: string;
  /** File (ignore file, VEX document, policy) and the entry that suppressed it. */
  source: string;
  owner?: string;
  expires?: string;
}

export interface LayerOrigin {
  index: number;
  diffID: string;
  createdBy?: string;
}

export interface CvssScore {
  version: '2.0' | '3.0' | '3.1' | '4.0';
  vector: string;
  baseScore: number;
  severity: Severity;
  /** The advisory (id) that published it. */
  source: string;
}

export interface VulnerabilityFinding {
  kind: 'vulnerability';
  /** Primary id (CVE when there is one, else the advisory id). */
  id: string;
  /** Every other id of the same vulnerability, sorted (GHSA, PYSEC, DSA/DLA, ALPINE-…, GO-…). */
  aliases: string[];
  fingerprint: string;
  severity: Severity;
  /** How `severity` was chosen: documented in docs/severity.md. */
  severitySource: 'vendor' | 'cvss-v4' | 'cvss-v3' | 'cvss-v2' | 'none';
  cvss: CvssScore[];
  title?: string;
  description?: string;
  package: {
    id: string;
    name: string;
    version: string;
    ecosystem: string;
    purl: string;
    type: 'os' | 'library';
  };
  installedVersion: string;
  /** Lowest fixed version above the installed one, when the advisories give one. */
  fixedVersion?: string;
  knownExploited?: { dateAdded: string; dueDate?: string; ransomware?: boolean };
  layer: LayerOrigin;
  /** Files where the package was found. */
  paths: string[];
  references: string[];
  published?: string;
  modified?: string;
  /** The advisory records this finding merges (id + feed). */
  advisories: { id: string; source: string }[];
  suppressed?: Suppression;
  /** With `--base`: true when the base image has the same finding (inherited, not introduced). */
  inherited?: boolean;
}

export interface SecretFinding {
  kind: 'secret';
  id: string;
  ruleId: string;
  category: string;
  title: string;
  severity: Severity;
  fingerprint: string;
  /** Absolute path, or `config:Env[2]`, `history[5]` for the image config. */
  path: string;
  line: number;
  /** Redacted match: first and last few characters only. */
  redacted: string;
  /** `visible` in the final file system, `deleted` by a later layer but still shipped, or in `config`. */
  visibility: 'visible' | 'deleted' | 'config';
  layer?: LayerOrigin;
  suppressed?: Suppression;
  /** With `--base`: true when the base image has the same finding (inherited, not introduced). */
  inherited?: boolean;
}

export interface MisconfigFinding {
  kind: 'misconfig';
  id: string;
  checkId: string;
  severity: Severity;
  title: string;
  remediation: string;
  fingerprint: string;
  /** `image` (config/history/files) or `dockerfile`. */
  source: 'image' | 'dockerfile';
  evidence: {
    field?: string;
    value?: string;
    historyIndex?: number;
    path?: string;
    bytes?: number;
    line?: number;
  };
  layer?: LayerOrigin;
  /** Dockerfile path and 1-based line for dockerfile findings. */
  file?: string;
  line?: number;
  suppressed?: Suppression;
  /** With `--base`: true when the base image has the same finding (inherited, not introduced). */
  inherited?: boolean;
}

export type Finding = VulnerabilityFinding | SecretFinding | MisconfigFinding;

export interface ReportLayer {
  index: number;
  digest: string;
  diffID: string;
  mediaType: string;
  createdBy?: string;
  created?: string;
  comment?: string;
  /** Blob size (compressed) and uncompressed tar size, in bytes. */
  size?: number;
  uncompressedSize: number;
  files: number;
  /** True when this layer belongs to the detected base image. */
  base?: boolean;
  /** Counts of what this layer introduced (computed once, here, for every format). */
  introduced: { packages: number; findings: Record<Severity, number>; secrets: number; misconfigs: number };
}

export interface ReportArtifact {
  name: string;
  source: SourceKind;
  repoTags: string[];
  manifestDigest?: string;
  indexDigest?: string;
  configDigest: string;
  platform: Platform;
  os?: OsInfo;
  created?: string;
  config: {
    user?: string;
    env?: string[];
    entrypoint?: string[];
    cmd?: string[];
    workingDir?: string;
    exposedPorts?: string[];
    labels?: Record<string, string>;
    healthcheck?: string[];
  };
}

export interface DatabaseInfo {
  schemaVersion: number;
  builtAt: string;
  ageHours: number;
  sources: { id: string; url: string; records: number; newestModified?: string }[];
}

export interface Summary {
  packages: { total: number; os: number; library: number };
  /** Counts of unsuppressed findings. */
  vulnerabilities: Record<Severity, number>;
  secrets: Record<Severity, number>;
  misconfigs: Record<Severity, number>;
  suppressed: number;
  fixable: number;
  knownExploited: number;
}

export interface Verdict {
  status: 'pass' | 'fail';
  /**
   * Why it failed: `--fail-on` or violated policy rules, with the fingerprints behind each (and,
   * for package and licence rules, the ids of the packages behind it).
   */
  reasons: { rule: string; message: string; findings: string[]; packages?: string[] }[];
  /** 0–100, from the documented formula in docs/policy.md. */
  score?: number;
  grade?: 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
  /** The score's parts: points kept out of `max` per rule family, and why points were lost. */
  breakdown?: ScoreItem[];
}

/** One family of the score (docs/policy.md). */
export interface ScoreItem {
  family: string;
  points: number;
  max: number;
  why: string;
}

/** The detected base image (docs/policy.md, "Base image detection"). */
export interface ReportBase {
  /** `label`: OCI base labels; `catalogue`: leading diffIDs matched the approved catalogue. */
  method: 'label' | 'catalogue' | 'unknown';
  name?: string;
  /** The base's manifest digest, when known. */
  digest?: string;
  /** How many of the image's leading layers belong to the base (0 when unknown). */
  layers: number;
  /** `unknown` when the base is unknown or the policy approves no base at all. */
  approved: boolean | 'unknown';
  /** False when the catalogue holds a newer entry for the same base name. */
  current?: boolean;
  /** The base's creation date (catalogue, else the history of its last layer). */
  created?: string;
  /** Why the layer count is 0 for a labelled base, and similar caveats. */
  note?: string;
}

export interface ScanReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'vigia'; version: string };
  /** RFC 3339; pinned by `--timestamp` or `SOURCE_DATE_EPOCH` for reproducible output. */
  createdAt: string;
  artifact: ReportArtifact;
  layers: ReportLayer[];
  packages: Package[];
  findings: Finding[];
  summary: Summary;
  warnings: Warning[];
  database?: DatabaseInfo;
  options: {
    scanners: FindingKind[];
    severities: Severity[];
    ignoreUnfixed: boolean;
    pkgTypes: ('os' | 'library')[];
    failOn?: Severity;
  };
  verdict: Verdict;
  /** The detected base image, when the policy step ran. */
  base?: ReportBase;
  /** The policy that judged the image (absent: the default policy). */
  policy?: { file: string; catalogue?: string };
  /** With `scan --base`: the base image the findings were compared with. */
  comparedBase?: { name: string; configDigest: string; sharedLayers: number; onlyNew: boolean };
}
