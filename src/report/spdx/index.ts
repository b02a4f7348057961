export { renderSpdx, SPDX_VERSION } from './render.js';
export { readLicense, spdxDeclared, type LicenseReading } from './licenses.js';
export { uuidV5, byCodeUnit } from './uuid.js';
