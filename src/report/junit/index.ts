export { renderJunit } from './render.js';
export { xmlText, xmlAttr } from './xml.js';
