import type { PackageFact } from '../../core/package.js';
import type { Warning } from '../../core/warnings.js';
import {
  identityFromFileName,
  identityFromManifest,
  identityFromPomProperties,
  isJavaArchiveName,
  POM_PROPERTIES,
  type JarIdentity,
} from './identity.js';
import { parseManifest, parseProperties } from './metadata.js';
import { readZipDirectory, readZipEntry, ZipError, type InflateBudget, type ZipEntry } from './zip.js';

/** How deep archives nested in archives are opened (the outer file is depth 0). */
export const MAX_NESTING_DEPTH = 4;
/** Bytes that may be inflated from one outer archive and everything inside it. */
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;

/** Warning codes of the Java analyzer. */
export const JavaWarnings = {
  invalid: 'java-archive-invalid',
  budget: 'java-archive-budget',
  depth: 'java-archive-depth',
  unknown: 'java-identity-unknown',
} as const;

/** Caps for one outer archive. */
export interface JavaArchiveLimits {
  maxDepth: number;
  maxInflatedBytes: number;
}

interface Walk {
  /** Path of the file in the image, for warnings. */
  file: string;
  maxDepth: number;
  budget: InflateBudget;
  exhausted: boolean;
  packages: PackageFact[];
  warnings: Warning[];
}

const NOTES: Record<JarIdentity['source'], string | undefined> = {
  'pom.properties': undefined,
  manifest: 'identity from MANIFEST.MF',
  filename: 'identity guessed from the file name',
};

function toPackage(id: JarIdentity, location: string | undefined): PackageFact {
  const note = NOTES[id.source];
  return {
    ecosystem: 'maven',
    name: id.groupId ? `${id.groupId}:${id.artifactId}` : id.artifactId,
    version: id.version,
    ...(id.groupId ? { vendor: id.groupId } : {}),
    ...(location ? { location } : {}),
    ...(note ? { note } : {}),
  };
}

function warn(walk: Walk, code: string, message: string): void {
  walk.warnings.push({ code, message, path: walk.file });
}

function read(walk: Walk, buf: Buffer, entry: ZipEntry, where: string): Buffer | undefined {
  if (walk.exhausted) return undefined;
  try {
    return readZipEntry(buf, entry, walk.budget);
  } catch (err) {
    if (err instanceof ZipError && err.reason === 'budget') {
      walk.exhausted = true;
      warn(walk, JavaWarnings.budget, `${where}!/${err.message}; stopped reading this archive (zip bomb?)`);
    } else {
      const msg = err instanceof Error ? err.message : String(err);
      warn(walk, JavaWarnings.invalid, `${where}!/${msg}`);
    }
    return undefined;
  }
}

function identities(walk: Walk, buf: Buffer, entries: ZipEntry[], where: string): JarIdentity[] {
  const found: JarIdentity[] = [];
  for (const entry of entries) {
    if (!POM_PROPERTIES.test(entry.name)) continue;
    const bytes = read(walk, buf, entry, where);
    if (!bytes) continue;
    const id = identityFromPomProperties(parseProperties(bytes.toString('utf8')), entry.name);
    if ('problem' in id) warn(walk, JavaWarnings.unknown, `${where}: ${id.problem}`);
    else found.push(id);
  }
  if (found.length > 0) return found;
  const manifestEntry = entries.find((e) => e.name.toUpperCase() === 'META-INF/MANIFEST.MF');
  const manifest = manifestEntry && read(walk, buf, manifestEntry, where);
  const fromManifest = manifest && identityFromManifest(parseManifest(manifest.toString('utf8')));
  if (fromManifest) return [fromManifest];
  const fromName = identityFromFileName(where);
  if (fromName) return [fromName];
  warn(
    walk,
    JavaWarnings.unknown,
    `${where}: no pom.properties, no usable MANIFEST.MF, no version in the file name`,
  );
  return [];
}

/**
 * Inventories one archive held in `buf` and, recursively, the archives inside it.
 * `where` is its display path (`/app/a.war` or `/app/a.war!/WEB-INF/lib/b.jar`).
 */
function walkArchive(walk: Walk, buf: Buffer, where: string, depth: number): void {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(buf);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    warn(walk, JavaWarnings.invalid, `${where}: not a readable zip archive: ${msg}`);
    return;
  }
  const location = depth === 0 ? undefined : where;
  for (const id of identities(walk, buf, entries, where)) walk.packages.push(toPackage(id, location));

  const nested = entries.filter((e) => !e.name.endsWith('/') && isJavaArchiveName(e.name));
  if (nested.length > 0 && depth >= walk.maxDepth) {
    warn(
      walk,
      JavaWarnings.depth,
      `${where}: ${nested.length} nested archives below depth ${depth} not opened`,
    );
    return;
  }
  for (const entry of nested) {
    const bytes = read(walk, buf, entry, where);
    if (bytes) walkArchive(walk, bytes, `${where}!/${entry.name}`, depth + 1);
  }
}

/** Inventories a Java archive (jar/war/ear/jpi/hpi) found at `path`. */
export function inventoryJavaArchive(
  path: string,
  content: Buffer,
  limits: Partial<JavaArchiveLimits> = {},
): { packages: PackageFact[]; warnings: Warning[] } {
  const walk: Walk = {
    file: path,
    maxDepth: limits.maxDepth ?? MAX_NESTING_DEPTH,
    budget: { remaining: limits.maxInflatedBytes ?? MAX_INFLATED_BYTES },
    exhausted: false,
    packages: [],
    warnings: [],
  };
  walkArchive(walk, content, path, 0);
  return { packages: walk.packages, warnings: walk.warnings };
}
