export { apkAnalyzer } from './analyzer.js';
export { parseApkInstalled, apkPackageFact, type ApkRecord, type ApkParse } from './installed.js';
