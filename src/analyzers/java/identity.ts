import type { Manifest } from './metadata.js';

/** Where a jar's Maven coordinates came from, most to least reliable. */
export type IdentitySource = 'pom.properties' | 'manifest' | 'filename';

/** Maven coordinates of one archive (or of one artifact shaded into it). */
export interface JarIdentity {
  groupId?: string;
  artifactId: string;
  version: string;
  source: IdentitySource;
}

/** `META-INF/maven/<groupId>/<artifactId>/pom.properties`, the path Maven writes. */
export const POM_PROPERTIES = /^META-INF\/maven\/([^/]+)\/([^/]+)\/pom\.properties$/;

/**
 * Coordinates from a `pom.properties`. The directory names stand in for a missing `groupId` or
 * `artifactId`; a missing version gives a reason string instead.
 */
export function identityFromPomProperties(
  props: Map<string, string>,
  entryName: string,
): JarIdentity | { problem: string } {
  const m = POM_PROPERTIES.exec(entryName);
  const groupId = (props.get('groupId') ?? m?.[1] ?? '').trim();
  const artifactId = (props.get('artifactId') ?? m?.[2] ?? '').trim();
  const version = (props.get('version') ?? '').trim();
  if (artifactId === '' || version === '') {
    return { problem: `${entryName} has no ${artifactId === '' ? 'artifactId' : 'version'}` };
  }
  return { ...(groupId ? { groupId } : {}), artifactId, version, source: 'pom.properties' };
}

function pick(sections: Map<string, string>[], ...keys: string[]): string | undefined {
  for (const section of sections) {
    for (const key of keys) {
      const v = section.get(key)?.trim();
      if (v) return v;
    }
  }
  return undefined;
}

/**
 * Coordinates from `MANIFEST.MF` when no `pom.properties` exists:
 * - Jenkins plugins: `Group-Id`, `Short-Name`, `Plugin-Version`.
 * - version: `Implementation-Version`, else `Bundle-Version`, else `Specification-Version`.
 * - group: `Implementation-Vendor-Id` (or `Group-Id`); an OSGi `Bundle-SymbolicName` that starts
 *   with the group gives the artifact id; without a group, it is split at its last dot
 *   (`org.yaml.snakeyaml` → `org.yaml` / `snakeyaml`).
 * - artifact otherwise: `Implementation-Title`, `Specification-Title`, `Bundle-Name`.
 * The main section is searched first, then the named sections in order.
 */
export function identityFromManifest(manifest: Manifest): JarIdentity | undefined {
  const all = [manifest.main, ...manifest.sections];
  const shortName = pick([manifest.main], 'short-name');
  const pluginVersion = pick([manifest.main], 'plugin-version');
  const groupHeader = pick([manifest.main], 'implementation-vendor-id', 'group-id');
  if (shortName && pluginVersion) {
    return {
      ...(groupHeader ? { groupId: groupHeader } : {}),
      artifactId: shortName,
      version: pluginVersion,
      source: 'manifest',
    };
  }
  const version = pick(all, 'implementation-version', 'bundle-version', 'specification-version');
  if (!version) return undefined;
  const symbolic = pick([manifest.main], 'bundle-symbolicname')?.split(';')[0]?.trim();
  let groupId = groupHeader;
  let artifactId: string | undefined;
  if (symbolic) {
    if (groupId && symbolic.startsWith(`${groupId}.`)) {
      artifactId = symbolic.slice(groupId.length + 1);
    } else if (!groupId && symbolic.lastIndexOf('.') > 0) {
      groupId = symbolic.slice(0, symbolic.lastIndexOf('.'));
      artifactId = symbolic.slice(symbolic.lastIndexOf('.') + 1);
    }
  }
  artifactId ??= pick(all, 'implementation-title', 'specification-title', 'bundle-name') ?? symbolic;
  if (!artifactId) return undefined;
  return { ...(groupId ? { groupId } : {}), artifactId, version, source: 'manifest' };
}

const ARCHIVE_EXT = /\.(jar|war|ear|jpi|hpi)$/i;

/** True when a file or entry name ends like a Java archive. */
export function isJavaArchiveName(name: string): boolean {
  return ARCHIVE_EXT.test(name);
}

/**
 * Last resort: `name-1.2.3.jar` → artifact `name`, version `1.2.3` (the version starts at the
 * first `-<digit>` followed only by version-like parts).
 */
export function identityFromFileName(fileName: string): JarIdentity | undefined {
  const base = fileName.replace(/^.*\//, '').replace(ARCHIVE_EXT, '');
  const m = /^(.+?)-(\d+(?:[.\-+_~][0-9A-Za-z]+)*)$/.exec(base);
  if (!m?.[1] || !m[2]) return undefined;
  return { artifactId: m[1], version: m[2], source: 'filename' };
}
