export { renderComparisonJson, renderComparisonTable } from './render.js';
