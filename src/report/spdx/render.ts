import type { Package } from '../../core/package.js';
import type { RenderContext } from '../format.js';
import type { ScanReport } from '../types.js';
import { spdxDeclared } from './licenses.js';
import { byCodeUnit, uuidV5 } from './uuid.js';

/** The SPDX version this renderer writes (https://spdx.github.io/spdx-spec/v2.3/). */
export const SPDX_VERSION = 'SPDX-2.3';

const DOCUMENT_ID = 'SPDXRef-DOCUMENT';
const IMAGE_ID = 'SPDXRef-Image';
const OS_ID = 'SPDXRef-OperatingSystem';

interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  primaryPackagePurpose?: string;
  sourceInfo?: string;
  licenseConcluded: 'NOASSERTION';
  licenseDeclared: string;
  licenseComments?: string;
  copyrightText: 'NOASSERTION';
  externalRefs?: { referenceCategory: string; referenceType: string; referenceLocator: string }[];
  comment?: string;
  description?: string;
}

interface Relationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'CONTAINS';
  relatedSpdxElement: string;
}

/**
 * The image inventory as an SPDX 2.3 JSON document: the image as a `CONTAINER` package that the
 * document DESCRIBES and that CONTAINS the OS and every package; OS packages also CONTAIN the
 * language packages they own. Findings are not part of SPDX 2.3 and are left out.
 */
export function renderSpdx(report: ScanReport, _ctx: RenderContext): string {
  const a = report.artifact;
  const digest = a.manifestDigest ?? a.configDigest;
  const ids = packageIds(report.packages);
  const image: SpdxPackage = {
    SPDXID: IMAGE_ID,
    name: a.name,
    versionInfo: digest,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: 'CONTAINER',
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    copyrightText: 'NOASSERTION',
    comment: imageComment(report),
  };
  const packages: SpdxPackage[] = [image];
  const relationships: Relationship[] = [
    { spdxElementId: DOCUMENT_ID, relationshipType: 'DESCRIBES', relatedSpdxElement: IMAGE_ID },
  ];
  if (a.os) {
    const os: SpdxPackage = {
      SPDXID: OS_ID,
      name: a.os.family,
      versionInfo: a.os.version,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: 'OPERATING_SYSTEM',
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
    };
    if (a.os.name) os.description = a.os.name;
    packages.push(os);
    relationships.push({ spdxElementId: IMAGE_ID, relationshipType: 'CONTAINS', relatedSpdxElement: OS_ID });
  }
  const sorted = [...report.packages].sort(comparePackages);
  for (const p of sorted) {
    const id = ids.get(p) as string;
    packages.push(toSpdxPackage(p, id));
    relationships.push({ spdxElementId: IMAGE_ID, relationshipType: 'CONTAINS', relatedSpdxElement: id });
  }
  for (const p of sorted) {
    const owner = p.ownedBy && ownerOf(p, report.packages);
    if (owner) {
      relationships.push({
        spdxElementId: ids.get(owner) as string,
        relationshipType: 'CONTAINS',
        relatedSpdxElement: ids.get(p) as string,
      });
    }
  }
  const doc = {
    spdxVersion: SPDX_VERSION,
    dataLicense: 'CC0-1.0',
    SPDXID: DOCUMENT_ID,
    name: a.name,
    documentNamespace: `https://spdx.org/spdxdocs/vigia-${idString(a.name)}-${uuidV5(`vigia:spdx:${digest}:${report.createdAt}`)}`,
    creationInfo: {
      created: spdxTime(report.createdAt),
      creators: [`Tool: ${report.tool.name}-${report.tool.version}`],
      comment: creationComment(report),
    },
    packages,
    relationships,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function toSpdxPackage(p: Package, id: string): SpdxPackage {
  const licence = spdxDeclared(p.licenses);
  const out: SpdxPackage = {
    SPDXID: id,
    name: p.name,
    versionInfo: p.version,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    sourceInfo: `acquired package info from ${p.analyzer} (${p.paths.join(', ')}) in layer ${p.layer.index} (${p.layer.diffID})`,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: licence.declared,
    copyrightText: 'NOASSERTION',
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }],
  };
  if (p.type === 'library') out.primaryPackagePurpose = 'LIBRARY';
  if (licence.comment) out.licenseComments = licence.comment;
  const notes: string[] = [`ecosystem ${p.ecosystem}`];
  if (p.source && (p.source.name !== p.name || (p.source.version && p.source.version !== p.version))) {
    notes.push(`source package ${p.source.name}${p.source.version ? ` ${p.source.version}` : ''}`);
  }
  if (p.ownedBy) notes.push(`owned by ${p.ownedBy.ecosystem} package ${p.ownedBy.name} ${p.ownedBy.version}`);
  if (p.location) notes.push(`location ${p.location}`);
  if (p.dev) notes.push('development dependency');
  out.comment = notes.join('; ');
  return out;
}

/** `SPDXRef-Package-<ecosystem>-<name>-<id>`: readable, unique through the package id. */
function packageIds(packages: readonly Package[]): Map<Package, string> {
  const out = new Map<Package, string>();
  const used = new Set<string>();
  for (const p of packages) {
    let id = `SPDXRef-Package-${idString(p.ecosystem)}-${idString(p.name)}-${p.id}`;
    for (let n = 2; used.has(id); n++)
      id = `SPDXRef-Package-${idString(p.ecosystem)}-${idString(p.name)}-${p.id}-${n}`;
    used.add(id);
    out.set(p, id);
  }
  return out;
}

function ownerOf(p: Package, all: readonly Package[]): Package | undefined {
  const o = p.ownedBy;
  if (!o) return undefined;
  return all.find((q) => q.ecosystem === o.ecosystem && q.name === o.name && q.version === o.version);
}

/** SPDX idstring: letters, digits, `.` and `-` only. */
function idString(s: string): string {
  return s.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

/** SPDX wants `YYYY-MM-DDThh:mm:ssZ` (no fraction). */
function spdxTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}

function comparePackages(a: Package, b: Package): number {
  return byCodeUnit(a.purl, b.purl) || byCodeUnit(a.id, b.id);
}

function imageComment(report: ScanReport): string {
  const a = report.artifact;
  const parts = [`config ${a.configDigest}`, `platform ${a.platform.os}/${a.platform.architecture}`];
  if (a.manifestDigest) parts.push(`manifest ${a.manifestDigest}`);
  if (a.repoTags.length) parts.push(`tags ${a.repoTags.join(', ')}`);
  parts.push(`${report.layers.length} layers`);
  return parts.join('; ');
}

/** Verdict and warnings travel in the creation comment: SPDX has no better place for them. */
function creationComment(report: ScanReport): string {
  const v = report.verdict;
  const verdict = report.options.scanners.length
    ? `; verdict ${v.status}${v.score !== undefined ? `, score ${v.score}` : ''}${v.grade ? `, grade ${v.grade}` : ''}`
    : '';
  const lines = [
    `vigia ${report.options.scanners.length ? 'scan' : 'inventory'} of ${report.artifact.name}: ${report.packages.length} packages${verdict}`,
  ];
  for (const w of report.warnings) lines.push(`warning ${w.code}: ${w.message}`);
  return lines.join('\n');
}
