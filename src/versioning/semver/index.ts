export { parseSemver, semverScheme } from './scheme.js';
