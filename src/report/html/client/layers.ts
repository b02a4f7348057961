/**
 * Client part 3: the layers list (an ARIA listbox). "Whole image" first, then each layer with its
 * index, size, `created_by` and what it introduced (counts from `report.layers[].introduced`).
 * Arrow keys move, Home/End jump, Enter/Space (or a click) select.
 */
export const LAYERS_JS = String.raw`
function renderLayers() {
  var list = clear($('v-layers'));
  var s = R.summary || {};
  var whole = { index: -1, introduced: { packages: (s.packages || {}).total, findings: s.vulnerabilities, secrets: total(s.secrets), misconfigs: total(s.misconfigs) } };
  [whole].concat(LAYERS).forEach(function (l) {
    var i = l.index;
    var intro = l.introduced || {};
    var head = el('div', { cls: 'lhead' }, [
      el('span', null, [i < 0 ? 'Whole image' : 'Layer ' + i, l.base ? el('span', { cls: 'tag', text: 'base' }) : null]),
      el('span', { cls: 'dim', text: i < 0 ? LAYERS.length + ' layers' : bytes(l.size !== undefined ? l.size : l.uncompressedSize) }),
    ]);
    var counts = [intro.packages + ' packages'];
    if (intro.secrets) counts.push(intro.secrets + ' secrets');
    if (intro.misconfigs) counts.push(intro.misconfigs + ' misconfigs');
    var opt = el('li', {
      role: 'option', id: 'layer-' + (i < 0 ? 'all' : i), 'data-layer': i, tabindex: i === S.layer ? 0 : -1,
      'aria-selected': i === S.layer ? 'true' : 'false', title: l.createdBy || null,
    }, [
      head,
      i < 0 ? null : el('div', { cls: 'lcmd', text: l.createdBy || '(no history entry)' }),
      el('div', { cls: 'lcount', text: counts.join(' \u00b7 ') }),
      total(intro.findings) ? el('div', { cls: 'lchips' }, [chips(intro.findings)]) : null,
    ]);
    opt.addEventListener('click', function () { selectLayer(i, true); });
    list.appendChild(opt);
  });
  list.addEventListener('keydown', function (e) {
    var opts = Array.prototype.slice.call(list.querySelectorAll('[role=option]'));
    var at = opts.indexOf(document.activeElement);
    if (at < 0) return;
    var to = at;
    if (e.key === 'ArrowDown') to = Math.min(opts.length - 1, at + 1);
    else if (e.key === 'ArrowUp') to = Math.max(0, at - 1);
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = opts.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); selectLayer(Number(opts[at].getAttribute('data-layer')), true); return; }
    else return;
    e.preventDefault();
    opts[at].tabIndex = -1;
    opts[to].tabIndex = 0;
    opts[to].focus();
  });
}

function selectLayer(i, keepFocus) {
  S.layer = i;
  Array.prototype.forEach.call($('v-layers').querySelectorAll('[role=option]'), function (o) {
    var on = Number(o.getAttribute('data-layer')) === i;
    o.setAttribute('aria-selected', on ? 'true' : 'false');
    o.tabIndex = on ? 0 : -1;
    if (on && keepFocus) o.focus();
  });
  refresh();
}
`;
