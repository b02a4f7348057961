export { composerInstalledAnalyzer } from './installed.js';
export { composerLockAnalyzer } from './lock.js';
export { readComposerPackages } from './composer.js';
