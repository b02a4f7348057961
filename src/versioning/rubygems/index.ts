export { compareGem, parseGem, rubygemsScheme } from './scheme.js';
export type { GemSegment, GemVersion } from './scheme.js';
