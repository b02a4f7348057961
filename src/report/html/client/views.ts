/** Client part 6: the columns of each tab and what a printed row shows expanded. */
export const VIEWS_JS = String.raw`
function sevCell(f) {
  return el('span', null, [sevBadge(f.severity),
    f.knownExploited ? el('span', { cls: 'tag kev', title: 'CISA known exploited', text: 'KEV' }) : null,
    f.suppressed ? el('span', { cls: 'tag', title: suppressionText(f.suppressed), text: 'suppressed' }) : null,
    f.inherited ? el('span', { cls: 'tag', title: 'also in the base image', text: 'inherited' }) : null]);
}

var SEV_COL = { key: 'severity', label: 'Severity', dir: -1, sort: function (f) { return RANK[f.severity]; }, cell: sevCell, cls: 'nw' };
var LAYER_COL = { key: 'layer', label: 'Layer', sort: function (x) { return x.layer ? x.layer.index : undefined; }, cell: function (x) { return layerLabel(layerIndex(x)); }, cls: 'nw' };

var VIEWS = {
  vulns: {
    label: 'Vulnerabilities', items: VULNS, open: vulnDetail,
    cols: [
      SEV_COL,
      { key: 'id', label: 'ID', sort: function (f) { return f.id; }, cell: function (f) {
        return el('code', { text: f.id, title: (f.aliases || []).join(', ') || null });
      }, cls: 'nw' },
      { key: 'package', label: 'Package', sort: function (f) { return f.package.name; }, cell: function (f) {
        return el('span', null, [f.package.name, el('span', { cls: 'dim', text: ' ' + f.package.ecosystem })]);
      }, cls: 'wrap' },
      { key: 'installed', label: 'Installed', sort: function (f) { return f.installedVersion; }, cell: function (f) { return el('code', { text: f.installedVersion }); } },
      { key: 'fixed', label: 'Fixed in', sort: function (f) { return f.fixedVersion; }, cell: function (f) {
        return f.fixedVersion ? el('code', { text: f.fixedVersion }) : el('span', { cls: 'dim', text: 'no fix' });
      } },
      { key: 'cvss', label: 'CVSS', dir: -1, sort: maxCvss, cell: function (f) { var s = maxCvss(f); return s === undefined ? '' : s.toFixed(1); } },
      LAYER_COL,
      { key: 'title', label: 'Title', sort: function (f) { return f.title; }, cell: function (f) { return f.title || ''; }, cls: 'wrap' },
    ],
    more: function (f) {
      return kv([
        ['Aliases', (f.aliases || []).join(', ')],
        ['CVSS', (f.cvss || []).map(function (c) { return c.version + ' ' + c.baseScore + ' ' + c.vector; }).join('; ')],
        ['Paths', (f.paths || []).join(', ')],
        ['Description', f.description ? (f.description.length > 700 ? f.description.slice(0, 700) + '\u2026' : f.description) : ''],
        ['References', (f.references || []).slice(0, 4).join(' ')],
        ['Suppressed', suppressionText(f.suppressed)],
      ]);
    },
  },
  packages: {
    label: 'Packages', items: PACKAGES, open: packageDetail,
    cols: [
      { key: 'name', label: 'Name', sort: function (p) { return p.name; }, cell: function (p) { return p.name; }, cls: 'wrap' },
      { key: 'version', label: 'Version', sort: function (p) { return p.version; }, cell: function (p) { return el('code', { text: p.version }); } },
      { key: 'ecosystem', label: 'Ecosystem', sort: function (p) { return p.ecosystem; }, cell: function (p) { return p.ecosystem; } },
      { key: 'vulns', label: 'Vulnerabilities', dir: -1, sort: function (p) {
        var vs = visibleVulns(VULNS_BY_PKG[p.id] || []);
        return vs.length ? vs.reduce(function (m, f) { return Math.max(m, RANK[f.severity]); }, 0) * 10000 + vs.length : undefined;
      }, cell: function (p) {
        var counts = {};
        visibleVulns(VULNS_BY_PKG[p.id] || []).forEach(function (f) { counts[f.severity] = (counts[f.severity] || 0) + 1; });
        return chips(counts);
      } },
      LAYER_COL,
      { key: 'path', label: 'Found in', sort: function (p) { return (p.paths || [])[0]; }, cell: function (p) { return el('code', { text: (p.paths || [])[0] || '' }); }, cls: 'wrap' },
    ],
    more: function (p) { return kv([['Package URL', p.purl], ['Licences', (p.licenses || []).join(', ')]]); },
  },
  secrets: {
    label: 'Secrets', items: SECRETS, open: secretDetail,
    cols: [
      SEV_COL,
      { key: 'rule', label: 'Rule', sort: function (s) { return s.ruleId; }, cell: function (s) { return el('code', { text: s.ruleId }); } },
      { key: 'where', label: 'Where', sort: function (s) { return s.path; }, cell: function (s) {
        return el('code', { text: s.visibility === 'config' ? s.path : s.path + ':' + s.line });
      }, cls: 'wrap' },
      LAYER_COL,
      { key: 'state', label: 'State', sort: function (s) { return s.visibility; }, cell: function (s) { return s.visibility; } },
      { key: 'match', label: 'Match', sort: function (s) { return s.redacted; }, cell: function (s) { return el('code', { text: s.redacted }); } },
    ],
    more: function (s) { return kv([['Title', s.title], ['Category', s.category]]); },
  },
  misconfigs: {
    label: 'Misconfigurations', items: MISCONFIGS, open: misconfigDetail,
    cols: [
      SEV_COL,
      { key: 'check', label: 'Check', sort: function (m) { return m.checkId; }, cell: function (m) { return el('code', { text: m.checkId }); } },
      { key: 'title', label: 'Title', sort: function (m) { return m.title; }, cell: function (m) { return m.title; }, cls: 'wrap' },
      { key: 'evidence', label: 'Evidence', sort: function (m) { var e = m.evidence || {}; return e.path || e.field; }, cell: function (m) {
        var e = m.evidence || {};
        return el('code', { text: m.file ? m.file + ':' + (m.line || '') : [e.field || e.path, e.value].filter(Boolean).join(' = ') });
      }, cls: 'wrap' },
      LAYER_COL,
    ],
    more: function (m) { return kv([['Remediation', m.remediation]]); },
  },
  warnings: {
    label: 'Warnings', items: WARNINGS, open: warningDetail,
    cols: [
      { key: 'code', label: 'Code', sort: function (w) { return w.code; }, cell: function (w) { return el('code', { text: w.code }); } },
      { key: 'message', label: 'Message', sort: function (w) { return w.message; }, cell: function (w) { return w.message; }, cls: 'wrap' },
      { key: 'path', label: 'Path', sort: function (w) { return w.path; }, cell: function (w) { return el('code', { text: w.path || '' }); }, cls: 'wrap' },
    ],
  },
};
`;
