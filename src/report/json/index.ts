export { renderJson } from './render.js';
export { renderInventoryJson } from './inventory.js';
