export { renderHtml, reportCsp } from './render.js';
export { embedJson, escapeHtml, cspHash } from './embed.js';
