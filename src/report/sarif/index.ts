export { renderSarif, SARIF_SCHEMA_URI, FINGERPRINT_KEY } from './render.js';
