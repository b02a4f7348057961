export { gemspecAnalyzer, gemspecLicenses } from './gemspec.js';
export { gemfileLockAnalyzer } from './gemfile-lock.js';
