export { renderMarkdown, TOP_ROWS, MAX_ROWS } from './render.js';
