export { compareDeb, debScheme, parseDeb, verrevcmp } from './scheme.js';
export type { DebVersion } from './scheme.js';
