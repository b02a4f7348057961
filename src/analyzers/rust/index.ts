export { rustAnalyzer, RustWarnings, RUST_MAX_FILE_BYTES } from './analyzer.js';
export {
  AUDIT_SECTION,
  auditPackages,
  auditSection,
  decodeAuditData,
  MAX_AUDIT_JSON_BYTES,
} from './auditable.js';
export type { AuditPackage } from './auditable.js';
export { parseCargoLock, sourceNote } from './cargo-lock.js';
export type { CargoLockResult } from './cargo-lock.js';
