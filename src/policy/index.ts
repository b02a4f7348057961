export {
  PolicySchema,
  ExceptionSchema,
  SeveritySchema,
  defaultPolicy,
  isDigest,
  isValidExpiry,
  type Policy,
  type PolicyException,
} from './schema.js';
export { loadPolicy, resolvePolicy, policyFromSource, catalogueFileFor, type LoadedPolicy } from './load.js';
export {
  addBase,
  loadCatalogue,
  emptyCatalogue,
  renderCatalogue,
  canonicalName,
  CATALOGUE_FILE,
  type BaseCatalogue,
  type BaseEntry,
} from './catalogue.js';
export {
  detectBase,
  BASE_NAME_LABEL,
  BASE_DIGEST_LABEL,
  type BaseDetection,
  type DetectionLayer,
} from './base.js';
export { applyExceptions, exceptionMatches, expiryInstant } from './exceptions.js';
export { evaluatePolicy, activeRules, type EvaluateContext } from './evaluate.js';
export { RULES, isRootUser, ageInDays, maxCvssOf, type Rule, type Reason } from './rules.js';
export { scoreReport, gradeOf, SCORE, GRADE_BANDS, type Grade, type ScoreContext } from './score.js';
export {
  matchesSource,
  parseSourcePattern,
  imageSourceNames,
  isPublicRegistry,
  PUBLIC_REGISTRIES,
} from './sources.js';
export { parseLicenseExpression, bannedBy, bannedLicensesOf, type LicenseExpr } from './licenses.js';
export { STARTER_POLICY } from './starter.js';
