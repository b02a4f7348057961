export { startServer, isLoopback, type ServeOptions, type RunningServer } from './server.js';
export { createApp } from './app.js';
export type { AppOptions } from './context.js';
export { StoreHandle, type StoreLease } from './advisory-store.js';
export { ScanDb, scanDbPath, SCAN_DB_SCHEMA } from './jobs/db.js';
export { ScanService, INTERRUPTED } from './jobs/service.js';
export { ScanQueue, type QueueLimits, type QueueStats } from './jobs/queue.js';
export type {
  JobRecord,
  JobStatus,
  JobSummary,
  ScanInput,
  ApiScanInput,
  HarborScanInput,
} from './jobs/types.js';
export { runJob, summaryOf, openReference, REQUEST_POLICY, type ScanServices } from './runner.js';
export { ApiError, ApiErrorCodes, errorBody, type ErrorBody } from './errors.js';
export { HarborMime, SbomMediaTypes, type SbomMediaType } from './harbor/mime.js';
export { toHarborReport, harborSeverity } from './harbor/report.js';
export { harborMetadata } from './harbor/metadata.js';
