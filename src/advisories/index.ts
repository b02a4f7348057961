export { AdvisoryStore, defaultDbDir, GET_A_STORE } from './store.js';
export { ensureFreshEnough, dataAgeDays, dataTimestamp, formatAge } from './freshness.js';
export { SCHEMA_VERSION, STORE_FILE, type DbMetadata, type SourceMeta, type FeedKind } from './schema.js';
export { normalizePackageName, baseEcosystem } from './names.js';
export {
  resolveDbSettings,
  dbSectionSchema,
  DEFAULT_OSV_URL,
  DEFAULT_SECDB_URL,
  DEFAULT_KEV_URL,
  DEFAULT_OSV_ECOSYSTEMS,
  DEFAULT_SECDB_RELEASES,
  type DbSettings,
  type DbFlags,
} from './config.js';
export { updateStore, type UpdateOptions } from './update.js';
export { importPath, detectImport, type ImportResult, type ImportDetection } from './import-path.js';
export { exportStore, importStoreFile } from './store-file.js';
export { prepareStore, type PrepareOptions } from './prepare.js';
export { planFeeds, type FeedPlan } from './feeds.js';
export type { FeedReport, UpdateReport, Problem } from './report.js';
export type { Progress, BuildOptions } from './build.js';
