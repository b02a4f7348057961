export { compareGo, goScheme, parseGo } from './scheme.js';
export type { GoVersion } from './scheme.js';
