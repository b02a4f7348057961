export { dotnetDepsAnalyzer } from './deps-json.js';
export { nugetLockAnalyzer } from './packages-lock.js';
