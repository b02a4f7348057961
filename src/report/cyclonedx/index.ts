export { renderCycloneDx, CYCLONEDX_SPEC_VERSION } from './render.js';
export { cdxLicenses } from './licenses.js';
