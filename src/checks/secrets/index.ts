export { DEFAULT_ALLOW } from './allow.js';
export { loadSecretConfig, secretsSectionSchema, type SecretsSection } from './config.js';
export { scanImageConfig } from './image-config.js';
export { fingerprintSecret, redact, renderRedacted } from './redact.js';
export { DEFAULT_RULES } from './rules.js';
export {
  DEFAULT_SECRET_MAX_FILE_BYTES,
  createSecretScanner,
  type SecretScanner,
  type SecretScannerOptions,
} from './scanner.js';
export { SNIFF_BYTES, createSecretAnalyzer, type SecretAnalyzerOptions } from './stream.js';
export type { AllowRule, RuleSource, SecretRule, Severity } from './types.js';
export { SEVERITY_ORDER } from './types.js';
