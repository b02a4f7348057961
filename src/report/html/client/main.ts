/** Client part 7: tabs, the filter toolbar, `refresh()` (re-render every panel) and start-up. */
export const MAIN_JS = String.raw`
var TABS = ['vulns', 'packages', 'secrets', 'misconfigs', 'warnings', 'image'];
var USES = { vulns: 'sev fix eco q', packages: 'sev fix eco q', secrets: 'sev q', misconfigs: 'sev q', warnings: 'q', image: '' };
var SCANNER = { vulns: 'vulnerability', secrets: 'secret', misconfigs: 'misconfig' };

function emptyText(k) {
  var scanners = (R.options && R.options.scanners) || [];
  if (SCANNER[k] && scanners.indexOf(SCANNER[k]) < 0) return VIEWS[k].label + ': this scanner did not run.';
  if (k === 'vulns' && !R.database) return 'No advisory database was used: vulnerabilities were not matched.';
  if (!VIEWS[k].items.length) return 'No ' + VIEWS[k].label.toLowerCase() + ' found.';
  return 'Nothing matches the filters' + (S.layer >= 0 ? ' in layer ' + S.layer : '') + '.';
}

function refresh() {
  Object.keys(VIEWS).forEach(function (k) {
    var v = VIEWS[k];
    var panel = clear($('p-' + k));
    panel.appendChild(el('h2', { cls: 'print', text: v.label + (S.layer >= 0 ? ' (layer ' + S.layer + ')' : '') }));
    var items = v.items.filter(function (x) { return passes(x, k); });
    $('n-' + k).textContent = String(items.length);
    if (items.length) renderTable(panel, k, items, v.cols, v.open, v.more);
    else panel.appendChild(el('div', { cls: 'empty', text: emptyText(k) }));
    if (k === S.tab) $('v-shown').textContent = 'Showing ' + items.length + ' of ' + v.items.length;
  });
  if (S.tab === 'image') $('v-shown').textContent = '';
  var uses = USES[S.tab];
  $('f-sev').setAttribute('aria-disabled', uses.indexOf('sev') < 0 ? 'true' : 'false');
  Array.prototype.forEach.call($('f-sev').querySelectorAll('button'), function (b) { b.disabled = uses.indexOf('sev') < 0; });
  $('f-fix').disabled = uses.indexOf('fix') < 0;
  $('f-eco').disabled = uses.indexOf('eco') < 0;
  $('f-q').disabled = uses.indexOf('q') < 0;
}

function selectTab(k, focus) {
  S.tab = k;
  TABS.forEach(function (t) {
    var on = t === k;
    var tab = $('t-' + t);
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    tab.tabIndex = on ? 0 : -1;
    $('p-' + t).hidden = !on;
    if (on && focus) tab.focus();
  });
  refresh();
}

function initTabs() {
  var list = $('v-tabs');
  TABS.forEach(function (t) { $('t-' + t).addEventListener('click', function () { selectTab(t, false); }); });
  list.addEventListener('keydown', function (e) {
    var at = TABS.indexOf(S.tab);
    var to = at;
    if (e.key === 'ArrowRight') to = (at + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') to = (at + TABS.length - 1) % TABS.length;
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = TABS.length - 1;
    else return;
    e.preventDefault();
    selectTab(TABS[to], true);
  });
}

function initTools() {
  var sevBox = $('f-sev');
  SEVS.forEach(function (s) {
    var b = el('button', { type: 'button', 'data-sev': s, 'aria-pressed': 'true', text: s.charAt(0) + s.slice(1).toLowerCase() });
    b.addEventListener('click', function () {
      S.sev[s] = !S.sev[s];
      b.setAttribute('aria-pressed', S.sev[s] ? 'true' : 'false');
      refresh();
    });
    sevBox.appendChild(b);
  });
  var ecos = {};
  PACKAGES.forEach(function (p) { ecos[p.ecosystem] = true; });
  Object.keys(ecos).sort().forEach(function (e) { $('f-eco').appendChild(el('option', { value: e, text: e })); });
  $('f-fix').addEventListener('change', function (e) { S.fix = e.target.value; refresh(); });
  $('f-eco').addEventListener('change', function (e) { S.eco = e.target.value; refresh(); });
  var timer = 0;
  $('f-q').addEventListener('input', function (e) {
    clearTimeout(timer);
    timer = setTimeout(function () { S.q = e.target.value.trim().toLowerCase(); refresh(); }, 120);
  });
  if (FINDINGS.some(function (f) { return f.suppressed; })) {
    $('f-sup-box').hidden = false;
    $('f-sup').addEventListener('change', function (e) { S.suppressed = e.target.checked; refresh(); });
  }
  $('f-reset').addEventListener('click', function () {
    SEVS.forEach(function (s) { S.sev[s] = true; });
    Array.prototype.forEach.call(sevBox.querySelectorAll('button'), function (b) { b.setAttribute('aria-pressed', 'true'); });
    S.fix = 'any'; S.eco = ''; S.q = ''; S.suppressed = false;
    $('f-fix').value = 'any'; $('f-eco').value = ''; $('f-q').value = ''; $('f-sup').checked = false;
    refresh();
  });
}

renderHeader();
renderLayers();
renderImagePanel($('p-image'));
initTabs();
initTools();
initDetail();
selectTab('vulns', false);
document.body.setAttribute('data-ready', 'true');
`;
