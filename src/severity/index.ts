export { chooseSeverity, type ChosenSeverity, type SeveritySource } from './choose.js';
export { parseCvss3, roundup30, roundup31, scoreCvss3, type Cvss3Score, type Cvss3Vector } from './cvss3.js';
export { scoreCvss2, type Cvss2Score } from './cvss2.js';
export { cvss4MacroVector, parseCvss4, scoreCvss4, type Cvss4Metrics, type Cvss4Score } from './cvss4.js';
export { ratingV2, ratingV3V4 } from './rating.js';
export { scoreAdvisory, scoreAdvisoryWithWarnings, scoreVector } from './score.js';
export { vendorRating, type VendorRating } from './vendor.js';
export type { CvssResult, MetricValues } from './vector.js';
