/**
 * Client part 4: filtering and the sortable table. Filters: layer (sidebar), severity, fix
 * availability, ecosystem, free text, suppressed findings. Sorting by any column; empty values
 * always last. Rows are focusable: Enter/Space (or a click) opens the detail.
 */
export const TABLE_JS = String.raw`
var LAYER_BY_DIFF = {};
LAYERS.forEach(function (l) { LAYER_BY_DIFF[l.diffID] = l.index; });

function allSevs() { return SEVS.every(function (s) { return S.sev[s]; }); }

function visibleVulns(list) {
  return list.filter(function (f) { return S.sev[f.severity] && (S.suppressed || !f.suppressed); });
}

function haystack(x, kind) {
  var parts;
  if (kind === 'vulns') parts = [x.id, (x.aliases || []).join(' '), x.package.name, x.package.purl, x.installedVersion, x.fixedVersion, x.title];
  else if (kind === 'packages') parts = [x.name, x.version, x.purl, (x.paths || []).join(' '), (x.licenses || []).join(' ')];
  else if (kind === 'secrets') parts = [x.ruleId, x.category, x.title, x.path];
  else if (kind === 'misconfigs') parts = [x.checkId, x.title, x.file, x.evidence && (x.evidence.path || x.evidence.field || x.evidence.value)];
  else parts = [x.code, x.message, x.path];
  return parts.filter(Boolean).join('\n').toLowerCase();
}

function passes(x, kind) {
  var li = kind === 'warnings' ? (x.layerDiffID in LAYER_BY_DIFF ? LAYER_BY_DIFF[x.layerDiffID] : -1) : layerIndex(x);
  if (S.layer !== -1 && li !== S.layer) return false;
  if (kind === 'vulns' || kind === 'secrets' || kind === 'misconfigs') {
    if (!S.sev[x.severity]) return false;
    if (x.suppressed && !S.suppressed) return false;
  }
  if (kind === 'vulns') {
    if (S.fix === 'fixable' && !x.fixedVersion) return false;
    if (S.fix === 'unfixed' && x.fixedVersion) return false;
    if (S.eco && x.package.ecosystem !== S.eco) return false;
  }
  if (kind === 'packages') {
    if (S.eco && x.ecosystem !== S.eco) return false;
    var vs = visibleVulns(VULNS_BY_PKG[x.id] || []);
    if (!allSevs() && vs.length === 0) return false;
    if (S.fix === 'fixable' && !vs.some(function (f) { return f.fixedVersion; })) return false;
    if (S.fix === 'unfixed' && !vs.some(function (f) { return !f.fixedVersion; })) return false;
  }
  if (S.q && haystack(x, kind).indexOf(S.q) < 0) return false;
  return true;
}

function isEmpty(v) { return v === undefined || v === null || v === ''; }

/**
 * cols: [{ key, label, sort: item -> value, cell: item -> node|string, cls, dir }]; open(item, row);
 * more(item) -> node shown under the row when printing.
 */
function renderTable(panel, kind, items, cols, open, more) {
  var st = S.sort[kind] || (S.sort[kind] = { key: cols[0].key, dir: cols[0].dir || 1 });
  var col = cols.filter(function (c) { return c.key === st.key; })[0] || cols[0];
  var sorted = items.slice().sort(function (a, b) {
    var x = col.sort(a);
    var y = col.sort(b);
    if (isEmpty(x) || isEmpty(y)) return cmp(x, y);
    return cmp(x, y) * st.dir;
  });
  var head = el('tr', null, cols.map(function (c) {
    var sortState = c.key === st.key ? (st.dir > 0 ? 'ascending' : 'descending') : null;
    var b = el('button', { type: 'button', 'data-sort': c.key, text: c.label });
    b.addEventListener('click', function () {
      if (st.key === c.key) st.dir = -st.dir;
      else { st.key = c.key; st.dir = c.dir || 1; }
      refresh();
      var again = document.querySelector('#p-' + kind + ' th button[data-sort="' + c.key + '"]');
      if (again) again.focus();
    });
    return el('th', { scope: 'col', 'aria-sort': sortState }, [b]);
  }));
  var body = el('tbody');
  sorted.forEach(function (item) {
    var tr = el('tr', { cls: 'row', tabindex: 0 }, cols.map(function (c) {
      var v = c.cell(item);
      return el('td', { cls: c.cls || null }, [v]);
    }));
    tr.addEventListener('click', function () { open(item, tr); });
    tr.addEventListener('keydown', function (e) {
      if (e.target !== tr) return;
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(item, tr); }
      else if (e.key === 'ArrowDown' && tr.nextElementSibling) { e.preventDefault(); focusRow(tr, 1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); focusRow(tr, -1); }
    });
    body.appendChild(tr);
    if (more) body.appendChild(el('tr', { cls: 'more', 'aria-hidden': 'true' }, [el('td', { colspan: cols.length }, [more(item)])]));
  });
  panel.appendChild(el('table', { cls: 'grid', 'aria-label': panel.getAttribute('data-label') }, [el('thead', null, [head]), body]));
  return sorted.length;
}

function focusRow(tr, step) {
  var n = tr;
  do { n = step > 0 ? n.nextElementSibling : n.previousElementSibling; } while (n && !n.classList.contains('row'));
  if (n) n.focus();
}
`;
