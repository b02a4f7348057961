export { comparePep440, parsePep440, pep440Scheme } from './scheme.js';
export type { Pep440Version } from './scheme.js';
