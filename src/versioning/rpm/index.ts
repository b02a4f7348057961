export { compareRpm, parseRpm, rpmScheme, rpmvercmp } from './scheme.js';
export type { RpmVersion } from './scheme.js';
