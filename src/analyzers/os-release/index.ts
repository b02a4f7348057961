export { osReleaseAnalyzer, fromOsRelease } from './analyzer.js';
export { resolveOs } from './resolve.js';
export { isEndOfLife, EOL_DATA_AS_OF } from './eol.js';
export { parseOsReleaseFile } from './os-release-file.js';
export { OS_RELEASE_IDS, familyOfOsReleaseId } from './families.js';
