import { cspHash, escapeHtml } from '../../report/html/index.js';
import { Severities } from '../../report/types.js';
import type { QueueStats } from '../jobs/queue.js';
import type { JobRecord } from '../jobs/types.js';
import { UI_STYLES } from './style.js';

/** No script at all on these pages; forms post to this server only (the `<meta>` form of the policy). */
export const UI_CSP = `default-src 'none'; style-src ${cspHash(UI_STYLES)}; form-action 'self'; base-uri 'none'`;

/** The same policy as a response header, which can also forbid framing. */
export const UI_CSP_HEADER = `${UI_CSP}; frame-ancestors 'none'`;

function page(title: string, body: string, refreshSeconds?: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${UI_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : ''}
<title>${escapeHtml(title)}</title><style>${UI_STYLES}</style></head>
<body>${body}</body></html>
`;
}

const e = escapeHtml;

function row(job: JobRecord): string {
  const s = job.summary;
  const when = job.createdAt.replace('T', ' ').slice(0, 19);
  const chips = s
    ? Severities.filter((sev) => s.vulnerabilities[sev] > 0)
        .map(
          (sev) =>
            `<span class="chip sev-${sev}" title="${s.vulnerabilities[sev]} ${sev}">${sev[0]} ${s.vulnerabilities[sev]}</span>`,
        )
        .join('')
    : '';
  const outcome =
    job.status === 'done'
      ? `<a href="/api/scans/${job.id}/report.html">report</a> · <a href="/api/scans/${job.id}">JSON</a>`
      : job.error
        ? `<span class="err">${e(job.error.code)}: ${e(job.error.message)}</span>`
        : '';
  return `<tr data-id="${job.id}">
<td class="dim">${e(when)}</td>
<td class="img">${e(job.image)}${job.input.kind === 'harbor' ? ' <span class="dim">(Harbor)</span>' : ''}</td>
<td><span class="st st-${job.status}">${job.status}</span></td>
<td>${s ? `<span class="v-${s.verdict}">${s.verdict.toUpperCase()}</span>` : ''}</td>
<td>${s?.grade ? `<span class="grade g-${e(s.grade)}">${e(s.grade)}</span>` : ''}</td>
<td>${s?.score ?? ''}</td>
<td>${chips || (s ? '<span class="dim">none</span>' : '')}</td>
<td>${s ? s.packages : ''}</td>
<td>${outcome}</td>
</tr>`;
}

/** `/`: a form to start a scan and the recent scans with their verdict and grade. */
export function scanListPage(
  jobs: JobRecord[],
  stats: QueueStats,
  version: string,
  notice?: string,
  form: { image?: string; platform?: string } = {},
): string {
  const busy = jobs.some((j) => j.status === 'queued' || j.status === 'running');
  const table = jobs.length
    ? `<table aria-label="Recent scans"><thead><tr><th scope="col">Submitted</th><th scope="col">Image</th><th scope="col">Status</th><th scope="col">Verdict</th><th scope="col">Grade</th><th scope="col">Score</th><th scope="col">Vulnerabilities</th><th scope="col">Packages</th><th scope="col">Result</th></tr></thead>
<tbody>${jobs.map(row).join('\n')}</tbody></table>`
    : '<div class="empty">No scans yet.</div>';
  return page(
    'vigia: scans',
    `<header><h1>vigia</h1><span class="dim">scans · ${stats.running} running, ${stats.queued} queued (at most ${stats.maxConcurrent} at once) · vigia ${e(version)}</span></header>
<main>
${notice ? `<div class="notice" role="alert">${e(notice)}</div>` : ''}
<form class="scan" method="post" action="/scans"><label for="image">Image</label><input type="text" id="image" name="image" required maxlength="512" placeholder="registry.example.com/team/app:1.2" value="${e(form.image ?? '')}"><label for="platform">Platform</label><input type="text" id="platform" name="platform" placeholder="linux/amd64 (optional)" value="${e(form.platform ?? '')}"><button type="submit">Scan</button></form>
${table}
</main>`,
    busy ? 3 : undefined,
  );
}

/** `/login`: the token form of the web UI (only when the server has a token). */
export function loginPage(failed: boolean): string {
  return page(
    'vigia: sign in',
    `<header><h1>vigia</h1></header><main>
${failed ? '<div class="notice" role="alert">That token is not valid.</div>' : ''}
<form class="scan" method="post" action="/login"><label for="token">API token</label><input type="password" id="token" name="token" required autocomplete="current-password"><button type="submit">Sign in</button></form>
</main>`,
  );
}
