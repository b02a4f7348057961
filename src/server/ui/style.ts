/** The stylesheet of the server's pages (scan list, login). */
export const UI_STYLES = String.raw`
:root{--line:#d1d5db;--muted:#4b5563;--CRITICAL:#991b1b;--HIGH:#c2410c;--MEDIUM:#a16207;--LOW:#1d4ed8;--UNKNOWN:#4b5563}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#111827;background:#f3f4f6}
header{background:#0f172a;color:#f8fafc;padding:14px 24px;display:flex;align-items:center;gap:20px}
header h1{margin:0;font-size:18px}header .dim{color:#cbd5e1;font-size:12.5px}
main{padding:16px 24px;max-width:1280px}
:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
form.scan{display:flex;gap:8px;align-items:center;background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 12px;margin-bottom:14px;flex-wrap:wrap}
form.scan label{font-size:12.5px;color:var(--muted)}
input[type=text],input[type=password]{font:inherit;padding:5px 9px;border:1px solid var(--line);border-radius:6px;min-width:280px}
button{font:inherit;padding:5px 14px;border-radius:6px;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}
table{width:100%;border-collapse:separate;border-spacing:0;background:#fff;border:1px solid var(--line);border-radius:8px}
th{text-align:left;font-size:12px;color:var(--muted);background:#f9fafb;border-bottom:1px solid var(--line);padding:8px 10px}
td{padding:8px 10px;border-bottom:1px solid #e5e7eb;vertical-align:top}
td.img{word-break:break-all;max-width:420px}
.st{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:650;background:#e5e7eb;color:#111827}
.st-done{background:#dcfce7;color:#14532d}.st-failed{background:#fee2e2;color:#7f1d1d}.st-running{background:#dbeafe;color:#1e3a8a}
.v-pass{color:#15803d;font-weight:700}.v-fail{color:#b91c1c;font-weight:700}
.grade{display:inline-block;min-width:28px;text-align:center;border-radius:6px;color:#fff;font-weight:700;padding:1px 6px}
.g-A{background:#15803d}.g-B{background:#4d7c0f}.g-C{background:#a16207}.g-D{background:#c2410c}.g-E{background:#b91c1c}.g-F{background:#7f1d1d}
.chip{display:inline-block;padding:0 6px;border-radius:4px;color:#fff;font-size:11px;font-weight:650;margin-right:3px}
.sev-CRITICAL{background:var(--CRITICAL)}.sev-HIGH{background:var(--HIGH)}.sev-MEDIUM{background:var(--MEDIUM)}.sev-LOW{background:var(--LOW)}.sev-UNKNOWN{background:var(--UNKNOWN)}
.err{color:#7f1d1d;font-size:12.5px}.dim{color:var(--muted)}
.empty{padding:24px;text-align:center;color:var(--muted)}
.notice{background:#fef2f2;border:1px solid #fecaca;color:#7f1d1d;padding:8px 12px;border-radius:8px;margin-bottom:12px}
`;
