import type { RenderContext } from '../format.js';
import type { ScanReport } from '../types.js';
import { CLIENT_JS } from './client/script.js';
import { cspHash, embedJson, escapeHtml } from './embed.js';
import { STYLES } from './styles.js';

const TABS: [id: string, label: string][] = [
  ['vulns', 'Vulnerabilities'],
  ['packages', 'Packages'],
  ['secrets', 'Secrets'],
  ['misconfigs', 'Misconfigurations'],
  ['warnings', 'Warnings'],
  ['image', 'Image'],
];

/**
 * The policy of every report page: nothing may load (no network, no frames, no forms), only the
 * inline style and script whose hashes are listed. Links open in a new tab when clicked.
 */
export function reportCsp(script = CLIENT_JS, style = STYLES): string {
  return [
    "default-src 'none'",
    `style-src ${cspHash(style)}`,
    `script-src ${cspHash(script)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The page skeleton; every report value is filled in by the script with `textContent`. */
function skeleton(): string {
  const tabs = TABS.map(
    ([id, label], i) =>
      `<button type="button" role="tab" id="t-${id}" aria-controls="p-${id}" aria-selected="${i === 0}" tabindex="${i === 0 ? 0 : -1}">${label}${id === 'image' ? '' : `<span class="n" id="n-${id}">0</span>`}</button>`,
  ).join('');
  const panels = TABS.map(
    ([id, label], i) =>
      `<div role="tabpanel" id="p-${id}" aria-labelledby="t-${id}" data-label="${label}"${i === 0 ? '' : ' hidden'}></div>`,
  ).join('\n');
  return `<header class="top">
<div class="ident"><div class="brand">vigia scan report</div><h1 id="v-name"></h1><div class="meta" id="v-meta"></div></div>
<div class="badges" id="v-badges"></div>
</header>
<section class="reasons" id="v-reasons" aria-label="Violated rules" hidden></section>
<div class="band" id="v-band"></div>
<main class="layout">
<nav class="side" aria-labelledby="v-layers-h"><h2 id="v-layers-h">Layers</h2><ul role="listbox" id="v-layers" aria-labelledby="v-layers-h"></ul></nav>
<section class="content" aria-label="Findings">
<div role="tablist" id="v-tabs" aria-label="Report sections">${tabs}</div>
<div class="tools" id="v-tools" role="group" aria-label="Filters">
<div class="sevf" id="f-sev" role="group" aria-label="Severity"></div>
<label>Fix <select id="f-fix"><option value="any">any</option><option value="fixable">fix available</option><option value="unfixed">no fix yet</option></select></label>
<label>Ecosystem <select id="f-eco"><option value="">all</option></select></label>
<label>Search <input type="search" id="f-q" placeholder="id, package, path…" autocomplete="off"></label>
<label id="f-sup-box" hidden><input type="checkbox" id="f-sup"> suppressed</label>
<button type="button" class="dclose" id="f-reset">Reset</button>
<span class="shown" id="v-shown" role="status" aria-live="polite"></span>
</div>
<div class="panels">
${panels}
</div>
</section>
</main>
<dialog id="v-detail" aria-labelledby="v-detail-title">
<div class="dhead"><span id="v-detail-sev"></span><h2 id="v-detail-title"></h2><button type="button" class="dclose" id="v-detail-close">Close</button></div>
<div class="dbody" id="v-detail-body"></div>
</dialog>`;
}

/**
 * `--format html`: one self-contained page (no network: inline CSS and JS under a hash-based
 * CSP). The report is embedded as JSON and rendered by a small script: layers on the left, the
 * selected layer's (or the whole image's) vulnerabilities, packages, secrets and
 * misconfigurations on the right, sortable and filterable, each opening its detail.
 */
export function renderHtml(report: ScanReport, _ctx: RenderContext): string {
  const title = `vigia: ${report.artifact.name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${reportCsp()}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="vigia ${escapeHtml(report.tool.version)}">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<noscript><p>This report needs JavaScript to display. The same data is in the JSON block of this file, and <code>vigia scan --format json</code> prints it.</p></noscript>
${skeleton()}
<script type="application/json" id="vigia-data">${embedJson(report)}</script>
<script>${CLIENT_JS}</script>
</body>
</html>
`;
}
