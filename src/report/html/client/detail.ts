/**
 * Client part 5: the detail dialog (a native modal `<dialog>`: focus moves into it, Escape closes
 * it, focus returns to the row that opened it). One builder per kind of item.
 */
export const DETAIL_JS = String.raw`
var OPENER = null;

function openDetail(title, sev, build, opener) {
  var d = $('v-detail');
  if (opener) OPENER = opener;
  $('v-detail-title').textContent = title;
  var sevBox = clear($('v-detail-sev'));
  if (sev) sevBox.appendChild(sevBadge(sev));
  build(clear($('v-detail-body')));
  if (!d.open) d.showModal();
  $('v-detail-close').focus();
}

function initDetail() {
  var d = $('v-detail');
  $('v-detail-close').addEventListener('click', function () { d.close(); });
  d.addEventListener('click', function (e) { if (e.target === d) d.close(); });
  d.addEventListener('close', function () {
    if (OPENER && document.body.contains(OPENER)) OPENER.focus();
    OPENER = null;
  });
}

function kv(pairs) {
  var dl = el('dl', { cls: 'kv' });
  pairs.forEach(function (p) {
    if (isEmpty(p[1]) || (Array.isArray(p[1]) && !p[1].length)) return;
    dl.appendChild(el('dt', { text: p[0] }));
    var v = p[1];
    if (Array.isArray(v)) v = el('ul', null, v.map(function (x) { return el('li', { cls: p[2] ? 'mono' : null }, [x]); }));
    dl.appendChild(el('dd', { cls: p[2] && !Array.isArray(p[1]) ? 'mono' : null }, [v]));
  });
  return dl;
}

function section(body, title, node) { body.appendChild(el('h3', { text: title })); body.appendChild(node); }

function layerText(l) {
  if (!l) return 'image config';
  return 'Layer ' + l.index + (l.createdBy ? ': ' + l.createdBy : '') + (l.diffID ? '  (' + short(l.diffID) + ')' : '');
}

function suppressionText(s) {
  if (!s) return '';
  return s.kind + ': ' + s.reason + ' (' + s.source + (s.owner ? ', owner ' + s.owner : '') + (s.expires ? ', expires ' + s.expires : '') + ')';
}

function vulnDetail(f, opener) {
  openDetail(f.id, f.severity, function (body) {
    if (f.title) body.appendChild(el('p', { cls: 'desc' }, [el('b', { text: f.title })]));
    var k = f.knownExploited;
    body.appendChild(kv([
      ['Package', f.package.name + ' ' + f.installedVersion],
      ['Ecosystem', f.package.ecosystem + ' (' + f.package.type + ')'],
      ['Package URL', f.package.purl, true],
      ['Fixed version', f.fixedVersion || 'no fixed version known'],
      ['Severity source', f.severitySource],
      ['Known exploited', k ? 'CISA KEV since ' + k.dateAdded + (k.dueDate ? ', due ' + k.dueDate : '') + (k.ransomware ? ', used by ransomware' : '') : ''],
      ['Introduced by', layerText(f.layer)],
      ['Paths', f.paths || [], true],
      ['Published', f.published], ['Modified', f.modified],
      ['Suppressed', suppressionText(f.suppressed)],
      ['Inherited', f.inherited ? 'also in the base image' : ''],
      ['Fingerprint', f.fingerprint, true],
    ]));
    section(body, 'Identifiers', el('ul', null, [f.id].concat(f.aliases || []).map(function (a) { return el('li', { cls: 'mono', text: a }); })));
    if (f.cvss && f.cvss.length) {
      section(body, 'CVSS', el('table', { cls: 'mini' }, [
        el('tr', null, ['Version', 'Score', 'Severity', 'Vector', 'Source'].map(function (h) { return el('th', { text: h }); })),
      ].concat(f.cvss.map(function (c) {
        return el('tr', null, [el('td', { text: c.version }), el('td', { text: String(c.baseScore) }), el('td', { text: c.severity }), el('td', { cls: 'mono', text: c.vector }), el('td', { text: c.source })]);
      }))));
    }
    if (f.description) section(body, 'Description', el('p', { cls: 'desc', text: f.description }));
    if (f.advisories && f.advisories.length) section(body, 'Advisories', el('ul', null, f.advisories.map(function (a) { return el('li', { text: a.id + ' (' + a.source + ')' }); })));
    if (f.references && f.references.length) section(body, 'References', el('ul', null, f.references.map(function (u) { return el('li', null, [link(u)]); })));
  }, opener);
}

function packageDetail(p, opener) {
  openDetail(p.name + ' ' + p.version, null, function (body) {
    body.appendChild(kv([
      ['Ecosystem', p.ecosystem + ' (' + p.type + ')'], ['Package URL', p.purl, true],
      ['Source package', p.source ? p.source.name + (p.source.version ? ' ' + p.source.version : '') : ''],
      ['Licences', (p.licenses || []).join(', ')], ['Architecture', p.arch],
      ['Introduced by', layerText(LAYERS[p.layer.index] ? { index: p.layer.index, createdBy: LAYERS[p.layer.index].createdBy, diffID: p.layer.diffID } : p.layer)],
      ['Found in', p.paths || [], true], ['Location', p.location, true],
      ['Owned by', p.ownedBy ? p.ownedBy.ecosystem + ' package ' + p.ownedBy.name + ' ' + p.ownedBy.version : ''],
      ['Analyzer', p.analyzer], ['Development only', p.dev ? 'yes' : ''],
    ]));
    var vs = VULNS_BY_PKG[p.id] || [];
    section(body, 'Vulnerabilities (' + vs.length + ')', vs.length ? el('ul', null, vs.map(function (f) {
      var b = el('button', { type: 'button', cls: 'dclose', text: f.id });
      b.addEventListener('click', function () { vulnDetail(f); });
      return el('li', null, [sevBadge(f.severity), ' ', b, ' ', f.fixedVersion ? 'fixed in ' + f.fixedVersion : 'no fix yet']);
    })) : el('p', { cls: 'dim', text: 'none known' }));
  }, opener);
}

function secretDetail(s, opener) {
  openDetail(s.title, s.severity, function (body) {
    body.appendChild(kv([
      ['Rule', s.ruleId], ['Category', s.category],
      ['Where', s.visibility === 'config' ? s.path : s.path + ':' + s.line, true],
      ['State', s.visibility === 'deleted' ? 'deleted by a later layer, but still shipped in this layer' : s.visibility],
      ['Match (redacted)', s.redacted, true], ['Layer', layerText(s.layer)],
      ['Suppressed', suppressionText(s.suppressed)], ['Fingerprint', s.fingerprint, true],
    ]));
  }, opener);
}

function misconfigDetail(m, opener) {
  var e = m.evidence || {};
  openDetail(m.title, m.severity, function (body) {
    body.appendChild(kv([
      ['Check', m.checkId], ['Source', m.source],
      ['File', m.file ? m.file + (m.line ? ':' + m.line : '') : '', true],
      ['Field', e.field, true], ['Value', e.value, true], ['Path', e.path, true],
      ['History entry', e.historyIndex], ['Size', e.bytes !== undefined ? bytes(e.bytes) : ''],
      ['Layer', m.layer ? layerText(m.layer) : ''], ['Suppressed', suppressionText(m.suppressed)],
    ]));
    section(body, 'Remediation', el('p', { cls: 'desc', text: m.remediation }));
  }, opener);
}

function warningDetail(w, opener) {
  openDetail(w.code, null, function (body) {
    body.appendChild(kv([['Message', w.message], ['Layer', w.layerDiffID, true], ['Path', w.path, true]]));
  }, opener);
}
`;
