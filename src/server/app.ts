import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppOptions } from './context.js';
import { errorBody, errorResponse } from './errors.js';
import { HarborMime } from './harbor/mime.js';
import { harborRoutes } from './harbor/routes.js';
import { apiRoutes } from './routes/api.js';
import { uiRoutes } from './routes/ui.js';
import { accessControl } from './security.js';

/**
 * The HTTP application: security headers, the body-size limit, access control, then vigia's API
 * (`/api/scans`, `/healthz`), Harbor's scanner API (`/api/v1`) and the web UI. Every error is
 * JSON `{ error: { code, message } }` (Harbor's routes with Harbor's error media type).
 */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    const started = Date.now();
    await next();
    options.log(`${c.req.method} ${c.req.path} ${c.res.status} ${Date.now() - started}ms`);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cache-Control', 'no-store');
  });
  app.use(
    bodyLimit({
      maxSize: options.maxBodyBytes,
      onError: (c) =>
        c.json(
          errorBody('PAYLOAD_TOO_LARGE', `the request body is larger than ${options.maxBodyBytes} bytes`),
          413,
        ),
    }),
  );
  app.use(accessControl(options.access));
  app.route('/', apiRoutes(options));
  app.route('/', harborRoutes(options));
  app.route('/', uiRoutes(options));
  app.notFound((c) => c.json(errorBody('NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((err, c) => {
    const res = errorResponse(c, err, options.log);
    if (c.req.path.startsWith('/api/v1/')) res.headers.set('Content-Type', HarborMime.error);
    return res;
  });
  return app;
}
