import type { Finding, ScanReport } from '../types.js';

/** The uriBaseId of paths inside the image's file system (run.originalUriBaseIds maps it to `file:///`). */
export const IMAGE_ROOT = 'IMAGE_ROOT';

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: { startLine: number };
  };
  logicalLocations?: { name: string; fullyQualifiedName?: string; kind: string }[];
  message?: { text: string };
}

/** Percent-encode each segment of a path so that it is a valid relative URI reference. */
export function uriOfPath(path: string): string {
  return path
    .replace(/^\/+/, '')
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** A location inside the image file system: `usr/lib/…` relative to IMAGE_ROOT. */
function imagePath(path: string, line?: number): SarifLocation {
  const loc: SarifLocation = {
    physicalLocation: { artifactLocation: { uri: uriOfPath(path), uriBaseId: IMAGE_ROOT } },
  };
  if (line && line >= 1) loc.physicalLocation.region = { startLine: line };
  return loc;
}

/** The image itself (config, history): its name as a relative URI, plus a logical location. */
function imageItself(report: ScanReport, logical: string, kind: string): SarifLocation {
  return {
    physicalLocation: { artifactLocation: { uri: uriOfPath(report.artifact.name) || 'image' } },
    logicalLocations: [{ name: logical, fullyQualifiedName: `${report.artifact.name}#${logical}`, kind }],
  };
}

/**
 * Where a result points. GitHub code scanning needs a physical location, and an image has no
 * source line: a package finding points at the file inside the image that recorded the package
 * (package DB, manifest, binary), relative to IMAGE_ROOT, with the package as logical location;
 * a secret at its file and line; a Dockerfile misconfiguration at the Dockerfile (as given, so
 * relative to where vigia ran) and line; anything about the image config at the image name.
 */
export function locationOf(report: ScanReport, f: Finding): SarifLocation {
  if (f.kind === 'vulnerability') {
    const path = f.paths[0];
    const logical = [{ name: f.package.name, fullyQualifiedName: f.package.purl, kind: 'package' }];
    if (!path) return { ...imageItself(report, f.package.purl, 'package'), logicalLocations: logical };
    return { ...imagePath(path), logicalLocations: logical };
  }
  if (f.kind === 'secret') {
    if (f.path.startsWith('/')) return imagePath(f.path, f.line);
    return imageItself(report, f.path, 'property');
  }
  if (f.source === 'dockerfile' && f.file) {
    const loc: SarifLocation = { physicalLocation: { artifactLocation: { uri: uriOfPath(f.file) } } };
    const line = f.line ?? f.evidence.line;
    if (line && line >= 1) loc.physicalLocation.region = { startLine: line };
    return loc;
  }
  if (f.evidence.path) return imagePath(f.evidence.path, f.evidence.line);
  const field =
    f.evidence.field ??
    (f.evidence.historyIndex !== undefined ? `history[${f.evidence.historyIndex}]` : 'config');
  return imageItself(report, field, 'property');
}
