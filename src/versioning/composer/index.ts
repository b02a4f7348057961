export { normalizeComposer } from './normalize.js';
export { canonicalize, phpVersionCompare } from './php-version-compare.js';
export { composerScheme } from './scheme.js';
