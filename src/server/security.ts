import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ApiError } from './errors.js';

/** Who may talk to the server. */
export interface AccessOptions {
  /** Bearer token required on every route but `/healthz` and `/login` (absent: no authentication). */
  token?: string;
  /**
   * Host names the `Host` header may carry (DNS-rebinding defence). Empty: any. `vigia serve`
   * fills it with the loopback names when it listens on a loopback address.
   */
  allowedHosts: readonly string[];
}

/** The cookie the `/login` page sets for the web UI. */
export const SESSION_COOKIE = 'vigia_session';

const OPEN_PATHS = new Set(['/healthz', '/login']);

/** Constant-time equality of two secrets (hashed first, so lengths do not leak either). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The session cookie's value for a token: an HMAC, so the cookie never holds the token itself. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('vigia-ui-session-v1').digest('base64url');
}

/** True when the request carries the token (Authorization: Bearer, Harbor's X-ScannerAdapter-API-Key, or the UI cookie). */
export function authenticated(c: Context, token: string): boolean {
  const header = c.req.header('authorization');
  const bearer = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  if (bearer !== undefined && sameSecret(bearer, token)) return true;
  const apiKey = c.req.header('x-scanneradapter-api-key');
  if (apiKey !== undefined && sameSecret(apiKey.trim(), token)) return true;
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie !== undefined && sameSecret(cookie, sessionValue(token));
}

/** The host name of a `Host` header (`[::1]:8080` → `[::1]`, `Localhost:80` → `localhost`). */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

/**
 * Host allow-list, cross-site refusal for state-changing requests (a browser page elsewhere must
 * not start scans here), then the token. HTML pages without a session go to `/login`.
 */
export function accessControl(options: AccessOptions): MiddlewareHandler {
  const allowed = new Set(options.allowedHosts.map((h) => h.toLowerCase()));
  return async (c, next) => {
    const host = c.req.header('host') ?? '';
    if (allowed.size > 0 && !allowed.has(hostName(host))) {
      throw new ApiError(
        403,
        'FORBIDDEN',
        `Host ${host.slice(0, 100)} is not served here (see vigia serve --allow-host)`,
      );
    }
    if (
      c.req.method !== 'GET' &&
      c.req.method !== 'HEAD' &&
      crossSite(c.req.header('sec-fetch-site'), c.req.header('origin'), host)
    ) {
      throw new ApiError(403, 'FORBIDDEN', 'cross-site requests are refused');
    }
    if (!options.token || OPEN_PATHS.has(c.req.path) || authenticated(c, options.token)) return next();
    if (
      c.req.method === 'GET' &&
      !c.req.path.startsWith('/api/') &&
      c.req.header('accept')?.includes('text/html')
    ) {
      return c.redirect('/login', 303);
    }
    throw new ApiError(401, 'UNAUTHORIZED', 'a valid bearer token is required', {
      'WWW-Authenticate': 'Bearer realm="vigia"',
    });
  };
}

/**
 * A browser request from another site: `Sec-Fetch-Site` says so when the browser sends it (only
 * `same-origin` and `none`, a typed URL, pass); otherwise an `Origin` other than this host does.
 * Clients that are not browsers (curl, Harbor) send neither and pass.
 */
export function crossSite(fetchSite: string | undefined, origin: string | undefined, host: string): boolean {
  if (fetchSite !== undefined) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  if (origin === undefined) return false;
  return origin === 'null' || originHost(origin) !== host.toLowerCase();
}

function originHost(origin: string): string {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return '';
  }
}
