export { compareMaven, mavenScheme, parseMaven } from './scheme.js';
export type { MavenItem } from './scheme.js';
