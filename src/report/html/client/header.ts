/** Client part 2: the header (image, verdict, score, grade), the summary band, the violated rules. */
export const HEADER_JS = String.raw`
function renderHeader() {
  var a = R.artifact || {};
  $('v-name').textContent = a.name || '(unnamed image)';
  document.title = 'vigia: ' + (a.name || 'scan report');
  var meta = clear($('v-meta'));
  var p = a.platform || {};
  var os = a.os ? (a.os.name || (a.os.family + ' ' + a.os.version)) + (a.os.eol ? ' (end of life)' : '') : 'unknown OS';
  [
    os,
    [p.os, p.architecture, p.variant].filter(Boolean).join('/'),
    a.manifestDigest ? 'manifest ' + short(a.manifestDigest) : 'config ' + short(a.configDigest),
    a.created ? 'built ' + a.created.slice(0, 10) : '',
    'scanned ' + String(R.createdAt || '').replace('T', ' ').slice(0, 16) + ' UTC',
    'vigia ' + (R.tool ? R.tool.version : ''),
  ].forEach(function (t) { if (t) meta.appendChild(el('span', { text: t })); });

  var v = R.verdict || { status: 'pass', reasons: [] };
  var badges = clear($('v-badges'));
  badges.appendChild(el('div', { cls: 'badge ' + v.status, id: 'v-verdict' }, [
    el('span', { cls: 'k', text: 'Verdict' }), el('span', { cls: 'v', text: v.status === 'fail' ? 'FAIL' : 'PASS' }),
  ]));
  if (v.score !== undefined) badges.appendChild(el('div', { cls: 'badge', id: 'v-score' }, [
    el('span', { cls: 'k', text: 'Score' }), el('span', { cls: 'v', text: String(v.score) }),
  ]));
  if (v.grade) badges.appendChild(el('div', { cls: 'badge g-' + v.grade, id: 'v-grade' }, [
    el('span', { cls: 'k', text: 'Grade' }), el('span', { cls: 'v', text: v.grade }),
  ]));

  var box = $('v-reasons');
  if (v.reasons && v.reasons.length) {
    box.hidden = false;
    box.appendChild(el('h2', { text: 'Violated rules (' + v.reasons.length + ')' }));
    box.appendChild(el('ul', null, v.reasons.map(function (r) {
      var n = (r.findings || []).length + (r.packages || []).length;
      return el('li', null, [el('code', { text: r.rule }), ' ', r.message, n ? el('span', { cls: 'dim', text: ' (' + n + ')' }) : null]);
    })));
  }
  renderBand(v);
}

function renderBand(v) {
  var band = clear($('v-band'));
  var s = R.summary || {};
  var vul = s.vulnerabilities || {};
  SEVS.forEach(function (sev) {
    band.appendChild(el('div', { cls: 'stat' }, [sevBadge(sev), el('b', { text: String(vul[sev] || 0) })]));
  });
  function stat(n, label) { band.appendChild(el('div', { cls: 'stat' }, [el('b', { text: String(n || 0) }), el('span', { cls: 'lbl', text: label })])); }
  var pk = s.packages || {};
  stat(pk.total, 'packages (' + (pk.os || 0) + ' OS, ' + (pk.library || 0) + ' libraries)');
  stat(s.fixable, 'fixable');
  stat(s.knownExploited, 'known exploited');
  stat(total(s.secrets), 'secrets');
  stat(total(s.misconfigs), 'misconfigurations');
  if (s.suppressed) stat(s.suppressed, 'suppressed');
  if (R.database) stat(String(R.database.builtAt).slice(0, 10), 'advisory database');
  if (v.breakdown && v.breakdown.length) {
    band.appendChild(el('details', { cls: 'breakdown noprint' }, [
      el('summary', { text: 'Score breakdown' }),
      el('table', { cls: 'mini' }, v.breakdown.map(function (b) {
        return el('tr', null, [el('td', { text: b.family }), el('td', { text: b.points + ' / ' + b.max }), el('td', { text: b.why })]);
      })),
    ]));
  }
}

function total(counts) {
  return SEVS.reduce(function (n, s) { return n + ((counts && counts[s]) || 0); }, 0);
}

function renderImagePanel(panel) {
  var a = R.artifact || {};
  var c = a.config || {};
  var rows = [
    ['Name', a.name], ['Source', a.source], ['Tags', (a.repoTags || []).join(', ')],
    ['Manifest digest', a.manifestDigest], ['Index digest', a.indexDigest], ['Config digest', a.configDigest],
    ['Created', a.created], ['User', c.user === undefined ? '(not set: root)' : c.user],
    ['Entrypoint', (c.entrypoint || []).join(' ')], ['Cmd', (c.cmd || []).join(' ')], ['Working dir', c.workingDir],
    ['Exposed ports', (c.exposedPorts || []).join(', ')], ['Healthcheck', (c.healthcheck || []).join(' ')],
    ['Environment', (c.env || []).map(function (e) { return e.split('=')[0]; }).join(', ') + (c.env && c.env.length ? '  (values not shown)' : '')],
  ];
  if (R.base) rows.push(['Base image', [R.base.name || 'unknown', '(' + R.base.method + ')', R.base.approved === true ? 'approved' : R.base.approved === false ? 'not approved' : ''].join(' ')]);
  if (R.policy) rows.push(['Policy', R.policy.file]);
  if (R.database) rows.push(['Advisory DB', 'built ' + R.database.builtAt + ', ' + (R.database.sources || []).map(function (s) { return s.id + ' (' + s.records + ')'; }).join(', ')]);
  var dl = el('dl', { cls: 'kv' });
  rows.forEach(function (r) {
    if (r[1] === undefined || r[1] === '') return;
    dl.appendChild(el('dt', { text: r[0] }));
    dl.appendChild(el('dd', { cls: /digest/i.test(r[0]) ? 'mono' : null, text: r[1] }));
  });
  var labels = c.labels || {};
  var keys = Object.keys(labels);
  panel.appendChild(el('div', { cls: 'card' }, [dl]));
  if (keys.length) panel.appendChild(el('table', { cls: 'grid' }, [
    el('thead', null, [el('tr', null, [el('th', null, [el('button', { text: 'Label', tabindex: -1 })]), el('th', null, [el('button', { text: 'Value', tabindex: -1 })])])]),
    el('tbody', null, keys.map(function (k) { return el('tr', null, [el('td', { cls: 'mono', text: k }), el('td', { cls: 'wrap', text: labels[k] })]); })),
  ]));
}
`;
