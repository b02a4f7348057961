export { renderTable } from './render.js';
export { renderSbomTable } from './sbom.js';
