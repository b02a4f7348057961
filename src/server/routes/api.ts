import { Hono } from 'hono';
import { renderHtml, reportCsp } from '../../report/html/index.js';
import { dataAgeDays } from '../../advisories/index.js';
import { isJson, readJson, type AppOptions } from '../context.js';
import { ApiError } from '../errors.js';
import type { JobRecord } from '../jobs/types.js';
import { checkScanId, parseApiScanRequest } from '../validate.js';

/** A job as the API shows it (the report only when asked and finished). */
export function jobView(job: JobRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: job.id,
    status: job.status,
    image: job.image,
    source: job.input.kind,
    createdAt: job.createdAt,
  };
  if (job.startedAt) view.startedAt = job.startedAt;
  if (job.finishedAt) view.finishedAt = job.finishedAt;
  if (job.error) view.error = job.error;
  if (job.summary) view.summary = job.summary;
  view.links = {
    self: `/api/scans/${job.id}`,
    ...(job.status === 'done' ? { html: `/api/scans/${job.id}/report.html` } : {}),
  };
  return view;
}

function listLimit(raw: string | undefined): number {
  if (raw === undefined) return 50;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 500) {
    throw new ApiError(400, 'BAD_REQUEST', 'limit: expected a whole number from 1 to 500');
  }
  return Number(raw);
}

/** `/healthz` and vigia's own API under `/api/scans`. */
export function apiRoutes(options: AppOptions): Hono {
  const app = new Hono();
  const { service } = options;

  app.get('/healthz', (c) => {
    const meta = options.store.metadata();
    return c.json({
      status: 'ok',
      version: options.toolVersion,
      queue: service.stats(),
      database: { builtAt: meta.builtAt, ageHours: Math.round(dataAgeDays(meta, new Date()) * 240) / 10 },
    });
  });

  app.post('/api/scans', async (c) => {
    const input = parseApiScanRequest(await readJson(c, isJson), options.allowLocal);
    const job = service.submit(input);
    c.header('Location', `/api/scans/${job.id}`);
    return c.json(jobView(job), 202);
  });

  app.get('/api/scans', (c) => {
    const jobs = service.recent(listLimit(c.req.query('limit')));
    return c.json({ scans: jobs.map(jobView), queue: service.stats() });
  });

  app.get('/api/scans/:id', (c) => {
    const job = service.get(checkScanId(c.req.param('id')));
    if (!job) throw new ApiError(404, 'NOT_FOUND', 'no such scan');
    const view = jobView(job);
    if (job.status === 'done') view.report = service.report(job.id);
    return c.json(view);
  });

  app.get('/api/scans/:id/report.html', (c) => {
    const job = service.get(checkScanId(c.req.param('id')));
    if (!job) throw new ApiError(404, 'NOT_FOUND', 'no such scan');
    const report = job.status === 'done' ? service.report(job.id) : undefined;
    if (!report) {
      throw new ApiError(
        409,
        'NOT_READY',
        job.status === 'failed'
          ? `the scan failed: ${job.error?.message ?? ''}`
          : `the scan is ${job.status}`,
      );
    }
    c.header('Content-Security-Policy', `${reportCsp()}; frame-ancestors 'none'`);
    return c.html(renderHtml(report, { color: false }));
  });

  return app;
}
