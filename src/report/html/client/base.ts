/**
 * Client part 1: the report data, page state and DOM helpers. Every piece of report text reaches
 * the page through `textContent` or an attribute value (never `innerHTML`); links only for
 * http(s) URLs. Plain ES2017, no template literals (this code lives in a TS template string).
 */
export const BASE_JS = String.raw`
var R = JSON.parse(document.getElementById('vigia-data').textContent);
var SEVS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'];
var RANK = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1, UNKNOWN: 0 };
var FINDINGS = R.findings || [];
var VULNS = FINDINGS.filter(function (f) { return f.kind === 'vulnerability'; });
var SECRETS = FINDINGS.filter(function (f) { return f.kind === 'secret'; });
var MISCONFIGS = FINDINGS.filter(function (f) { return f.kind === 'misconfig'; });
var PACKAGES = R.packages || [];
var LAYERS = R.layers || [];
var WARNINGS = R.warnings || [];
var VULNS_BY_PKG = {};
VULNS.forEach(function (f) { (VULNS_BY_PKG[f.package.id] = VULNS_BY_PKG[f.package.id] || []).push(f); });
var S = { layer: -1, tab: 'vulns', sev: {}, fix: 'any', eco: '', q: '', suppressed: false, sort: {} };
SEVS.forEach(function (s) { S.sev[s] = true; });

function $(id) { return document.getElementById(id); }

/** el('td', { cls: 'x', text: 'y', title: 'z' }, [children]): attributes are set as values only. */
function el(tag, props, kids) {
  var e = document.createElement(tag);
  if (props) {
    Object.keys(props).forEach(function (k) {
      var v = props[k];
      if (v === undefined || v === null || v === false) return;
      if (k === 'text') e.textContent = String(v);
      else if (k === 'cls') e.className = v;
      else e.setAttribute(k, v === true ? '' : String(v));
    });
  }
  (kids || []).forEach(function (c) {
    if (c === undefined || c === null || c === false) return;
    e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  });
  return e;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

function sevBadge(s) { return el('span', { cls: 'sev sev-' + s, text: s }); }

function chips(counts) {
  var out = el('span');
  SEVS.forEach(function (s) {
    var n = counts && counts[s];
    if (n) out.appendChild(el('span', { cls: 'chip sev-' + s, title: n + ' ' + s, text: s.charAt(0) + ' ' + n }));
  });
  return out;
}

/** A link for http(s) URLs only; anything else is shown as text. */
function link(url, label) {
  var ok = false;
  try { var u = new URL(url); ok = u.protocol === 'https:' || u.protocol === 'http:'; } catch (e) { ok = false; }
  if (!ok) return el('span', { cls: 'mono', text: url });
  return el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: label || url });
}

function bytes(n) {
  if (n === undefined || n === null) return '';
  var units = ['B', 'kB', 'MB', 'GB', 'TB'];
  var i = 0;
  while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
  return (i === 0 ? String(n) : n.toFixed(n >= 100 ? 0 : 1)) + ' ' + units[i];
}

function short(digest) {
  if (!digest) return '';
  var i = digest.indexOf(':');
  return i >= 0 ? digest.slice(0, i + 13) : digest.slice(0, 12);
}

function maxCvss(f) {
  var best;
  (f.cvss || []).forEach(function (c) { if (best === undefined || c.baseScore > best) best = c.baseScore; });
  return best;
}

function layerIndex(x) { return x.layer ? x.layer.index : -1; }

function layerLabel(i) { return i < 0 ? 'config' : '#' + i; }

function cmp(a, b) {
  if (a === b) return 0;
  if (a === undefined || a === null || a === '') return 1;
  if (b === undefined || b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  var x = String(a).toLowerCase();
  var y = String(b).toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return String(a) < String(b) ? -1 : 1;
}
`;
