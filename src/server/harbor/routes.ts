import type { Context } from 'hono';
import { Hono } from 'hono';
import { renderJson } from '../../report/json/index.js';
import { readJson, type AppOptions } from '../context.js';
import { ApiError } from '../errors.js';
import { isScanId } from '../validate.js';
import { harborMetadata, scannerOf, VULN_PRODUCED } from './metadata.js';
import { HarborMime, negotiate, sameMime, SbomMediaTypes, type SbomMediaType } from './mime.js';
import { toHarborReport } from './report.js';
import { parseHarborScanRequest } from './request.js';
import type { HarborSbomReport } from './types.js';

/** Seconds Harbor is told to wait before polling a running scan again. */
export const REFRESH_AFTER_SECONDS = 5;

const ACCEPTED_REQUESTS = [HarborMime.scanRequest11, HarborMime.scanRequest10, 'application/json'];

function send(c: Context, body: unknown, type: string, status: 200 | 202 = 200): Response {
  return c.body(JSON.stringify(body), status, { 'Content-Type': type });
}

/** The Harbor Pluggable Scanner API v1.2 under `/api/v1`. */
export function harborRoutes(options: AppOptions): Hono {
  const app = new Hono();
  const sbomTypes = SbomMediaTypes.filter((t) => options.sbom[t]);

  app.get('/api/v1/metadata', (c) => {
    const type = negotiate(
      c.req.header('accept'),
      [HarborMime.metadata11, HarborMime.metadata10],
      HarborMime.metadata11,
    );
    if (!type)
      throw new ApiError(
        406,
        'NOT_ACCEPTABLE',
        `metadata is served as ${HarborMime.metadata11} or ${HarborMime.metadata10}`,
      );
    return send(c, harborMetadata(options.toolVersion, options.store.metadata(), sbomTypes), type);
  });

  app.post('/api/v1/scan', async (c) => {
    const body = await readJson(c, (t) => ACCEPTED_REQUESTS.some((a) => sameMime(t, a)));
    const request = parseHarborScanRequest(body, sbomTypes);
    const job = options.service.submit(request.input, request.secrets);
    return send(c, { id: job.id }, HarborMime.scanResponse, 202);
  });

  app.get('/api/v1/scan/:id/report', (c) => {
    const produced = [...VULN_PRODUCED, ...(sbomTypes.length ? [HarborMime.sbomReport] : [])];
    const type = negotiate(c.req.header('accept'), produced, HarborMime.vulnReport);
    if (!type) {
      throw new ApiError(
        501,
        'NOT_IMPLEMENTED',
        `no report of type ${c.req.header('accept')?.slice(0, 120)}; produced: ${produced.join(', ')}`,
      );
    }
    let sbomType: SbomMediaType | undefined;
    if (type === HarborMime.sbomReport) {
      const asked = c.req.query('sbom_media_type');
      if (!asked || !(SbomMediaTypes as readonly string[]).includes(asked)) {
        throw new ApiError(
          400,
          'BAD_REQUEST',
          `sbom_media_type: expected one of ${SbomMediaTypes.join(', ')}`,
        );
      }
      if (!sbomTypes.includes(asked as SbomMediaType))
        throw new ApiError(501, 'NOT_IMPLEMENTED', `no SBOM of type ${asked}`);
      sbomType = asked as SbomMediaType;
    }
    const id = c.req.param('id');
    const job = isScanId(id) ? options.service.get(id) : undefined;
    if (!job || job.input.kind !== 'harbor') throw new ApiError(404, 'NOT_FOUND', 'no such scan request');
    if (job.status === 'queued' || job.status === 'running') {
      return c.body(null, 302, { 'Refresh-After': String(REFRESH_AFTER_SECONDS), Location: c.req.url });
    }
    const report = job.status === 'done' ? options.service.report(job.id) : undefined;
    if (!report)
      throw new ApiError(500, job.error?.code ?? 'INTERNAL', job.error?.message ?? 'the scan failed');
    const artifact = job.input.artifact;
    if (type === HarborMime.vulnRaw) return send(c, JSON.parse(renderJson(report)), type);
    if (sbomType) {
      const render = options.sbom[sbomType];
      const sbom: HarborSbomReport = {
        generated_at: report.createdAt,
        artifact,
        scanner: scannerOf(options.toolVersion),
        media_type: sbomType,
        sbom: JSON.parse(render ? render(report, { color: false }) : '{}') as Record<string, unknown>,
      };
      return send(c, sbom, type);
    }
    return send(c, toHarborReport(report, artifact, scannerOf(options.toolVersion)), type);
  });

  return app;
}
