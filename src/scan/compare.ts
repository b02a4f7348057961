import type { Package } from '../core/package.js';
import type {
  Finding,
  MisconfigFinding,
  ScanReport,
  SecretFinding,
  VulnerabilityFinding,
} from '../report/types.js';

/** What an image's own layers changed relative to its base image. */
export interface ComparisonReport {
  schemaVersion: 1;
  kind: 'vigia-comparison';
  base: ComparedImage;
  image: ComparedImage;
  /** Leading layers (by diffID) the image shares with the base. */
  sharedLayers: number;
  packages: {
    added: Package[];
    removed: Package[];
    changed: { before: Package; after: Package }[];
    unchanged: number;
  };
  vulnerabilities: { added: VulnerabilityFinding[]; fixed: VulnerabilityFinding[]; inherited: number };
  secrets: { added: SecretFinding[]; inherited: number };
  misconfigs: { added: MisconfigFinding[]; inherited: number };
}

export interface ComparedImage {
  name: string;
  configDigest: string;
  manifestDigest?: string;
  layers: number;
  packages: number;
}

function compared(r: ScanReport): ComparedImage {
  const out: ComparedImage = {
    name: r.artifact.name,
    configDigest: r.artifact.configDigest,
    layers: r.layers.length,
    packages: r.packages.length,
  };
  if (r.artifact.manifestDigest) out.manifestDigest = r.artifact.manifestDigest;
  return out;
}

/** Identity of a package across images: ecosystem, name, arch, and where it lives. */
function packageKey(p: Package): string {
  return [p.ecosystem, p.name, p.arch ?? '', p.type === 'library' ? (p.paths[0] ?? '') : ''].join('\0');
}

/** Identity of a finding across images, independent of the package version. */
export function findingKey(f: Finding): string {
  switch (f.kind) {
    case 'vulnerability':
      return ['v', f.package.ecosystem, f.package.name, f.paths[0] ?? '', f.id].join('\0');
    case 'secret':
      return ['s', f.fingerprint].join('\0');
    case 'misconfig':
      return ['m', f.checkId, f.evidence.field ?? '', f.evidence.path ?? '', f.evidence.value ?? ''].join(
        '\0',
      );
  }
}

/** Number of leading layers two reports share. */
export function sharedLayerCount(base: ScanReport, image: ScanReport): number {
  let n = 0;
  while (
    n < base.layers.length &&
    n < image.layers.length &&
    base.layers[n]?.diffID === image.layers[n]?.diffID
  )
    n++;
  return n;
}

/**
 * Diff a base image's report and the report of an image built on it: packages added, removed
 * and changed; vulnerabilities the image's layers added and those it fixed; secrets and
 * misconfigurations it added. Each added item keeps the layer (and `created_by`) that brought it.
 */
export function compareReports(base: ScanReport, image: ScanReport): ComparisonReport {
  const basePkgs = new Map(base.packages.map((p) => [packageKey(p), p]));
  const imagePkgs = new Map(image.packages.map((p) => [packageKey(p), p]));
  const added: Package[] = [];
  const changed: { before: Package; after: Package }[] = [];
  let unchanged = 0;
  for (const [key, p] of imagePkgs) {
    const before = basePkgs.get(key);
    if (!before) added.push(p);
    else if (before.version !== p.version) changed.push({ before, after: p });
    else unchanged++;
  }
  const removed = [...basePkgs].filter(([key]) => !imagePkgs.has(key)).map(([, p]) => p);

  const active = (r: ScanReport) => r.findings.filter((f) => !f.suppressed);
  const baseKeys = new Set(active(base).map(findingKey));
  const imageKeys = new Set(active(image).map(findingKey));
  const newOnes = active(image).filter((f) => !baseKeys.has(findingKey(f)));
  const gone = active(base).filter((f) => !imageKeys.has(findingKey(f)));
  const count = (kind: Finding['kind']) =>
    active(image).filter((f) => f.kind === kind && baseKeys.has(findingKey(f))).length;

  return {
    schemaVersion: 1,
    kind: 'vigia-comparison',
    base: compared(base),
    image: compared(image),
    sharedLayers: sharedLayerCount(base, image),
    packages: { added, removed, changed, unchanged },
    vulnerabilities: {
      added: newOnes.filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability'),
      fixed: gone.filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability'),
      inherited: count('vulnerability'),
    },
    secrets: {
      added: newOnes.filter((f): f is SecretFinding => f.kind === 'secret'),
      inherited: count('secret'),
    },
    misconfigs: {
      added: newOnes.filter((f): f is MisconfigFinding => f.kind === 'misconfig'),
      inherited: count('misconfig'),
    },
  };
}

/**
 * Mark each finding of `image` inherited or not, relative to `base`; with `onlyNew`, drop the
 * inherited ones (the application team reports and fails only on what its layers added).
 */
export function markInherited(image: ScanReport, base: ScanReport, onlyNew: boolean): Finding[] {
  const baseKeys = new Set(base.findings.filter((f) => !f.suppressed).map(findingKey));
  const out: Finding[] = [];
  for (const f of image.findings) {
    const inherited = baseKeys.has(findingKey(f));
    if (inherited && onlyNew) continue;
    out.push({ ...f, inherited });
  }
  return out;
}
