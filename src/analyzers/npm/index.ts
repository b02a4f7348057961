export { npmInstalledAnalyzer, packageJsonLicenses } from './installed.js';
export { npmLockAnalyzer } from './package-lock.js';
export { yarnLockAnalyzer } from './yarn-lock.js';
export { parseYarnV1 } from './yarn-v1.js';
export type { YarnV1Block } from './yarn-v1.js';
export { pnpmLockAnalyzer } from './pnpm-lock.js';
export { parsePnpmDepPath } from './pnpm-path.js';
export { isValidNpmName, npmVersion } from './shared.js';
