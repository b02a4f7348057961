/**
 * The report's stylesheet: a header with the verdict, a two-pane layout (layers | findings), a
 * print layout (one column, every finding expanded). Severity colours are dark enough for white
 * text at WCAG AA contrast (4.5:1), checked by the browser test.
 */
export const STYLES = String.raw`
:root{--bg:#f3f4f6;--panel:#fff;--text:#111827;--muted:#4b5563;--line:#d1d5db;--soft:#e5e7eb;
--accent:#1d4ed8;--focus:#2563eb;--sel:#dbeafe;--top:#0f172a;
--CRITICAL:#991b1b;--HIGH:#c2410c;--MEDIUM:#a16207;--LOW:#1d4ed8;--UNKNOWN:#4b5563;
--pass:#15803d;--fail:#b91c1c;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
*{box-sizing:border-box}
[hidden]{display:none!important}
html,body{height:100%}
body{margin:0;display:flex;flex-direction:column;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--text);background:var(--bg)}
a{color:var(--accent)}
code,.mono{font-family:var(--mono);font-size:12.5px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
button{font:inherit;color:inherit}
.top{background:var(--top);color:#f8fafc;padding:10px 24px;display:flex;gap:24px;align-items:center;flex-wrap:wrap}
.brand{font-weight:700;letter-spacing:.04em;color:#93c5fd;font-size:13px;text-transform:uppercase}
.ident{flex:1;min-width:260px}
.ident h1{margin:2px 0 4px;font-size:20px;font-weight:650;word-break:break-all}
.ident .meta{color:#cbd5e1;font-size:12.5px;display:flex;gap:14px;flex-wrap:wrap}
.badges{display:flex;gap:10px;align-items:stretch}
.badge{display:flex;flex-direction:column;justify-content:center;align-items:center;min-width:84px;padding:6px 12px;border-radius:8px;background:#1e293b;border:1px solid #334155}
.badge .k{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:#cbd5e1}
.badge .v{font-size:22px;font-weight:700;line-height:1.15}
.badge.pass{background:var(--pass);border-color:var(--pass)}.badge.fail{background:var(--fail);border-color:var(--fail)}
.badge.pass .k,.badge.fail .k{color:#fff}
.g-A{background:#15803d}.g-B{background:#4d7c0f}.g-C{background:#a16207}.g-D{background:#c2410c}.g-E{background:#b91c1c}.g-F{background:#7f1d1d}
.badge[class*=g-]{border-color:transparent}
.band{background:var(--panel);border-bottom:1px solid var(--line);padding:8px 24px;display:flex;gap:6px 16px;flex-wrap:wrap;align-items:center}
.stat{display:flex;gap:5px;align-items:baseline;font-size:13px}.stat b{font-size:15px}
.band .sev{min-width:0}.stat .lbl{color:var(--muted)}
.sev{display:inline-block;min-width:74px;text-align:center;padding:1px 8px;border-radius:999px;color:#fff;font-size:11.5px;font-weight:650;letter-spacing:.03em}
.sev-CRITICAL{background:var(--CRITICAL)}.sev-HIGH{background:var(--HIGH)}.sev-MEDIUM{background:var(--MEDIUM)}.sev-LOW{background:var(--LOW)}.sev-UNKNOWN{background:var(--UNKNOWN)}
.chip{display:inline-block;padding:0 6px;border-radius:4px;color:#fff;font-size:11px;font-weight:650;margin-right:3px}
.tag{display:inline-block;padding:0 6px;border-radius:4px;border:1px solid var(--line);font-size:11px;color:var(--muted);margin-left:4px;background:#fff}
.tag.kev{border-color:#7f1d1d;color:#7f1d1d;font-weight:650}
.reasons{margin:0;padding:10px 24px;background:#fef2f2;border-bottom:1px solid #fecaca;color:#7f1d1d}
.reasons h2{font-size:13px;margin:0 0 4px;text-transform:uppercase;letter-spacing:.05em}
.reasons ul{margin:0;padding-left:18px}.reasons code{color:#7f1d1d;font-weight:650}
details.breakdown{font-size:12.5px}details.breakdown table{margin-top:4px}
.layout{flex:1;min-height:0;display:grid;grid-template-columns:minmax(280px,360px) 1fr}
.side{border-right:1px solid var(--line);background:var(--panel);overflow:auto;padding:12px}
.side h2,.content h2.print{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:4px 4px 8px}
[role=listbox]{list-style:none;margin:0;padding:0}
[role=option]{border:1px solid var(--soft);border-radius:8px;padding:8px 10px;margin-bottom:6px;cursor:pointer;background:#fff}
[role=option]:hover{border-color:#93c5fd}
[role=option][aria-selected=true]{background:var(--sel);border-color:var(--accent);box-shadow:inset 3px 0 0 var(--accent)}
.lhead{display:flex;justify-content:space-between;gap:8px;font-weight:650}
.lcmd{font-family:var(--mono);font-size:11.5px;color:#374151;margin:3px 0;overflow:hidden;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;word-break:break-all}
.lcount{font-size:12px;color:var(--muted)}
.lchips{margin-top:3px}
.content{display:flex;flex-direction:column;min-width:0;min-height:0}
[role=tablist]{display:flex;gap:2px;padding:8px 16px 0;background:var(--panel);border-bottom:1px solid var(--line);flex-wrap:wrap}
[role=tab]{border:1px solid transparent;border-bottom:none;background:none;padding:8px 14px;border-radius:8px 8px 0 0;cursor:pointer;color:var(--muted);font-weight:600}
[role=tab][aria-selected=true]{background:var(--bg);border-color:var(--line);color:var(--text);margin-bottom:-1px}
[role=tab] .n{display:inline-block;margin-left:6px;padding:0 6px;border-radius:999px;background:var(--soft);font-size:11.5px;color:var(--text)}
.tools{display:flex;gap:8px;align-items:center;flex-wrap:wrap;padding:10px 16px;border-bottom:1px solid var(--soft)}
.tools label{font-size:12.5px;color:var(--muted);display:flex;gap:6px;align-items:center}
.tools select,.tools input[type=search]{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:6px;background:#fff;color:var(--text)}
.tools input[type=search]{min-width:170px}
.sevf{display:flex;gap:4px}
.sevf button{border:2px solid var(--line);background:#fff;border-radius:999px;padding:1px 10px;font-size:12px;font-weight:650;cursor:pointer;color:var(--muted)}
.sevf button[aria-pressed=true]{color:#fff;border-color:transparent}
.sevf button[aria-pressed=true][data-sev=CRITICAL]{background:var(--CRITICAL)}.sevf button[aria-pressed=true][data-sev=HIGH]{background:var(--HIGH)}
.sevf button[aria-pressed=true][data-sev=MEDIUM]{background:var(--MEDIUM)}.sevf button[aria-pressed=true][data-sev=LOW]{background:var(--LOW)}
.sevf button[aria-pressed=true][data-sev=UNKNOWN]{background:var(--UNKNOWN)}
.shown{margin-left:auto;font-size:12.5px;color:var(--muted)}
.panels{flex:1;overflow:auto;padding:0 16px 24px}
table.grid{width:100%;border-collapse:separate;border-spacing:0;background:var(--panel);border:1px solid var(--line);border-radius:8px;margin-top:12px}
.grid th{position:sticky;top:0;background:#f9fafb;text-align:left;font-size:12px;color:var(--muted);border-bottom:1px solid var(--line);padding:0;z-index:1;white-space:nowrap}
.grid th button{all:unset;display:block;padding:8px 10px;cursor:pointer}
.grid th button:focus-visible{outline:3px solid var(--focus);outline-offset:-3px}
.grid th[aria-sort=ascending] button::after{content:" \25B2"}.grid th[aria-sort=descending] button::after{content:" \25BC"}
.grid td{padding:7px 10px;border-bottom:1px solid var(--soft);vertical-align:top}
.grid tbody tr.row:nth-child(4n+1) td{background:#fcfcfd}
.grid tbody tr.row{cursor:pointer}.grid tbody tr.row:hover td{background:#eff6ff}
.grid tbody tr.row:focus-visible{outline:3px solid var(--focus);outline-offset:-3px}
.grid td.nw{white-space:nowrap}
.grid td.wrap{word-break:break-word;max-width:420px}
.grid tr.more{display:none}
.dim{color:var(--muted)}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:4px 16px;margin-top:12px}
.empty{padding:28px;text-align:center;color:var(--muted);background:var(--panel);border:1px dashed var(--line);border-radius:8px;margin-top:12px}
dialog{border:none;border-radius:12px;padding:0;width:min(780px,94vw);max-height:88vh;box-shadow:0 20px 60px rgba(0,0,0,.35)}
dialog::backdrop{background:rgba(15,23,42,.55)}
.dhead{display:flex;gap:12px;align-items:center;padding:14px 18px;border-bottom:1px solid var(--line);position:sticky;top:0;background:#fff}
.dhead h2{margin:0;font-size:18px;flex:1;word-break:break-all}
.dclose{border:1px solid var(--line);background:#fff;border-radius:6px;padding:4px 10px;cursor:pointer}
.dbody{padding:6px 18px 18px}
dl.kv{display:grid;grid-template-columns:150px 1fr;gap:6px 14px;margin:10px 0}
dl.kv dt{color:var(--muted);font-size:12.5px}dl.kv dd{margin:0;word-break:break-word}
.dbody h3{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:16px 0 6px}
.dbody p.desc{white-space:pre-wrap;margin:6px 0}
.dbody ul{margin:0;padding-left:18px}
table.mini{border-collapse:collapse;font-size:12.5px}table.mini td,table.mini th{border:1px solid var(--soft);padding:3px 8px;text-align:left}
.print{display:none}
@media (max-width:900px){.layout{grid-template-columns:1fr}.side{max-height:38vh;border-right:none;border-bottom:1px solid var(--line)}}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
html,body{height:auto;display:block;background:#fff;font-size:11px}
code,.mono{font-size:10px}.grid td{padding:4px 6px}
.layout{display:block}.side,.panels{overflow:visible;max-height:none}
.side{border:none;padding:0 0 8px}
[role=option]{break-inside:avoid;margin-bottom:3px;padding:4px 8px}
.lcmd{-webkit-line-clamp:unset;display:block}
.tools,[role=tablist],dialog,.noprint{display:none!important}
[role=tabpanel]{display:block!important;break-before:page}
.print{display:block}
.grid th{position:static}
.grid tr.more{display:table-row}.grid tr.more td{font-size:10px;color:#374151;background:#fafafa}
.grid tr{break-inside:avoid}
.top{padding:8px 0}.band,.reasons{padding:6px 0}
}
`;
