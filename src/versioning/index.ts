export { evaluateAffected } from './range.js';
export type { AffectedVerdict } from './range.js';
export { getScheme, isSchemeId, schemes } from './registry.js';
export { SCHEME_IDS } from './types.js';
export type { SchemeId, VersionScheme } from './types.js';
