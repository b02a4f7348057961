export { javaAnalyzer, JAVA_MAX_FILE_BYTES } from './analyzer.js';
export { inventoryJavaArchive, JavaWarnings, MAX_INFLATED_BYTES, MAX_NESTING_DEPTH } from './archive.js';
export type { JavaArchiveLimits } from './archive.js';
export { identityFromFileName, identityFromManifest, identityFromPomProperties } from './identity.js';
export type { IdentitySource, JarIdentity } from './identity.js';
export { parseManifest, parseProperties } from './metadata.js';
export type { Manifest } from './metadata.js';
export { readZipDirectory, readZipEntry, ZipError } from './zip.js';
export type { InflateBudget, ZipEntry } from './zip.js';
