export { apkScheme, compareApk, parseApk } from './scheme.js';
export type { ApkToken } from './scheme.js';
