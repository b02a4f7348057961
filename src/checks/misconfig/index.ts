export { IMAGE_CHECKS, type CheckDefinition } from './catalogue.js';
export { DATABASE_PORTS, REMOTE_ADMIN_PORTS, isRootUser } from './config-checks.js';
export { PACKAGE_CACHE_GLOBS, fileNotesAnalyzer, packageCacheKind, type FileNoteFact } from './file-notes.js';
export { makeFinding, type Evidence } from './finding.js';
export { applicationLayers, type ImageCheckInput, type ImageCheckLayer } from './input.js';
export { IMAGE_CHECK_GROUPS, runImageChecks } from './run.js';
