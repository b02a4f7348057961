import type { Context } from 'hono';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppOptions } from '../context.js';
import { ApiError, toApiError } from '../errors.js';
import { sameSecret, SESSION_COOKIE, sessionValue } from '../security.js';
import { loginPage, scanListPage, UI_CSP_HEADER } from '../ui/pages.js';
import { parseApiScanRequest } from '../validate.js';

function html(c: Context, body: string, status: 200 | 400 | 401 | 403 | 413 | 415 | 503 = 200): Response {
  c.header('Content-Security-Policy', UI_CSP_HEADER);
  return c.html(body, status);
}

async function formFields(c: Context): Promise<Record<string, string>> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'expected a form (application/x-www-form-urlencoded)');
  }
  const fields = new URLSearchParams(await c.req.text());
  return Object.fromEntries(fields.entries());
}

/** The web UI: `/` (recent scans and a scan form), `POST /scans`, `/login`. */
export function uiRoutes(options: AppOptions): Hono {
  const app = new Hono();
  const { service } = options;
  const list = (
    c: Context,
    notice?: string,
    status: 200 | 400 | 413 | 415 | 503 = 200,
    form: { image?: string; platform?: string } = {},
  ) => html(c, scanListPage(service.recent(50), service.stats(), options.toolVersion, notice, form), status);

  app.get('/', (c) => list(c));

  app.post('/scans', async (c) => {
    let form: Record<string, string> = {};
    try {
      form = await formFields(c);
      const body: Record<string, string> = { image: form.image ?? '' };
      if (form.platform?.trim()) body.platform = form.platform.trim();
      service.submit(parseApiScanRequest(body, options.allowLocal));
      return c.redirect('/', 303);
    } catch (err) {
      const api = toApiError(err);
      if (!api) throw err;
      const status = api.status === 503 || api.status === 413 || api.status === 415 ? api.status : 400;
      return list(c, api.message, status, form);
    }
  });

  app.get('/login', (c) => (options.access.token ? html(c, loginPage(false)) : c.redirect('/', 303)));

  app.post('/login', async (c) => {
    const token = options.access.token;
    if (!token) return c.redirect('/', 303);
    const form = await formFields(c);
    if (!sameSecret(form.token ?? '', token)) return html(c, loginPage(true), 401);
    setCookie(c, SESSION_COOKIE, sessionValue(token), { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.redirect('/', 303);
  });

  return app;
}
