import { BASE_JS } from './base.js';
import { DETAIL_JS } from './detail.js';
import { HEADER_JS } from './header.js';
import { LAYERS_JS } from './layers.js';
import { MAIN_JS } from './main.js';
import { TABLE_JS } from './table.js';
import { VIEWS_JS } from './views.js';

/** The report page's script: one strict-mode IIFE over the embedded report JSON. */
export const CLIENT_JS = `(function () {\n'use strict';\n${[BASE_JS, HEADER_JS, LAYERS_JS, TABLE_JS, DETAIL_JS, VIEWS_JS, MAIN_JS].join('\n')}})();\n`;
