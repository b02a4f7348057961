import { PackageURL } from 'packageurl-js';
import type { Package } from '../../core/package.js';
import { byCodeUnit } from '../spdx/uuid.js';
import type { ScanReport } from '../types.js';
import { cdxLicenses } from './licenses.js';
import type { CdxComponent, CdxProperty } from './types.js';

/** bom-ref of the image (metadata.component). */
export function imageRef(report: ScanReport): string {
  return `image:${report.artifact.manifestDigest ?? report.artifact.configDigest}`;
}

/** bom-ref of the operating system component, when the OS is known. */
export function osRef(report: ScanReport): string | undefined {
  const os = report.artifact.os;
  return os ? `os:${os.family}@${os.version}` : undefined;
}

/** The image as a `container` component, with its digests as properties. */
export function imageComponent(report: ScanReport): CdxComponent {
  const a = report.artifact;
  const props: CdxProperty[] = [{ name: 'vigia:image:configDigest', value: a.configDigest }];
  if (a.manifestDigest) props.push({ name: 'vigia:image:manifestDigest', value: a.manifestDigest });
  if (a.indexDigest) props.push({ name: 'vigia:image:indexDigest', value: a.indexDigest });
  props.push({ name: 'vigia:image:source', value: a.source });
  props.push({
    name: 'vigia:image:platform',
    value: [a.platform.os, a.platform.architecture, a.platform.variant].filter(Boolean).join('/'),
  });
  for (const tag of a.repoTags) props.push({ name: 'vigia:image:repoTag', value: tag });
  if (a.created) props.push({ name: 'vigia:image:created', value: a.created });
  for (const l of report.layers) {
    props.push({ name: 'vigia:image:layer', value: `${l.index} ${l.diffID}` });
  }
  const out: CdxComponent = {
    type: 'container',
    'bom-ref': imageRef(report),
    name: a.name,
    version: a.manifestDigest ?? a.configDigest,
    properties: props,
  };
  const purl = imagePurl(report);
  if (purl) out.purl = purl;
  return out;
}

/** The OS as an `operating-system` component. */
export function osComponent(report: ScanReport): CdxComponent | undefined {
  const os = report.artifact.os;
  const ref = osRef(report);
  if (!os || !ref) return undefined;
  const out: CdxComponent = {
    type: 'operating-system',
    'bom-ref': ref,
    name: os.family,
    version: os.version,
  };
  if (os.name) out.description = os.name;
  const props: CdxProperty[] = [];
  if (os.codename) props.push({ name: 'vigia:os:codename', value: os.codename });
  if (os.eol !== undefined) props.push({ name: 'vigia:os:eol', value: String(os.eol) });
  if (props.length) out.properties = props;
  return out;
}

/** One `library` component per package; bom-ref is the package id. */
export function packageComponent(p: Package): CdxComponent {
  const out: CdxComponent = {
    type: 'library',
    'bom-ref': p.id,
    name: p.name,
    version: p.version,
    purl: p.purl,
  };
  if (p.ecosystem === 'maven' && p.name.includes(':')) {
    const [group, artifact] = p.name.split(':', 2) as [string, string];
    out.group = group;
    out.name = artifact;
  }
  const licenses = cdxLicenses(p.licenses);
  if (licenses) out.licenses = licenses;
  const props: CdxProperty[] = [
    { name: 'vigia:package:ecosystem', value: p.ecosystem },
    { name: 'vigia:package:type', value: p.type },
    { name: 'vigia:package:analyzer', value: p.analyzer },
    { name: 'vigia:layer:index', value: String(p.layer.index) },
    { name: 'vigia:layer:diffID', value: p.layer.diffID },
  ];
  for (const path of p.paths) props.push({ name: 'vigia:package:path', value: path });
  if (p.location) props.push({ name: 'vigia:package:location', value: p.location });
  if (p.source) {
    props.push({ name: 'vigia:package:sourceName', value: p.source.name });
    if (p.source.version) props.push({ name: 'vigia:package:sourceVersion', value: p.source.version });
  }
  if (p.arch) props.push({ name: 'vigia:package:arch', value: p.arch });
  if (p.ownedBy) {
    props.push({
      name: 'vigia:package:ownedBy',
      value: `${p.ownedBy.ecosystem}:${p.ownedBy.name}@${p.ownedBy.version}`,
    });
  }
  if (p.dev) props.push({ name: 'vigia:package:dev', value: 'true' });
  out.properties = props;
  return out;
}

/** Packages in a stable order: purl, then id. */
export function sortedPackages(packages: readonly Package[]): Package[] {
  return [...packages].sort((a, b) => byCodeUnit(a.purl, b.purl) || byCodeUnit(a.id, b.id));
}

/**
 * `pkg:oci/<name>@<manifest digest>?arch=…&repository_url=…&tag=…` when the manifest digest is
 * known (the purl-spec's oci type names an image by its digest).
 */
function imagePurl(report: ScanReport): string | undefined {
  const a = report.artifact;
  const digest = a.manifestDigest ?? a.indexDigest;
  if (!digest) return undefined;
  const ref = a.repoTags[0] ?? (a.source === 'registry' ? a.name : undefined);
  if (!ref) return undefined;
  const at = ref.indexOf('@');
  const noDigest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = noDigest.lastIndexOf(':');
  const hasTag = colon > noDigest.lastIndexOf('/');
  const repository = hasTag ? noDigest.slice(0, colon) : noDigest;
  const tag = hasTag ? noDigest.slice(colon + 1) : undefined;
  const name = (repository.split('/').pop() ?? repository).toLowerCase();
  if (!name) return undefined;
  const qualifiers: Record<string, string> = { arch: a.platform.architecture };
  if (repository.includes('/')) qualifiers.repository_url = repository;
  if (tag) qualifiers.tag = tag;
  return new PackageURL('oci', undefined, name, digest, qualifiers, undefined).toString();
}
