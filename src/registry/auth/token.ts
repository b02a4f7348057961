import { createHash } from 'node:crypto';
import { z } from 'zod';
import { VigiaError } from '../../core/errors.js';
import type { Transport } from '../transport.js';
import type { Challenge } from './challenge.js';
import type { Credentials } from './docker-config.js';

const tokenResponseSchema = z.looseObject({
  token: z.string().optional(),
  access_token: z.string().optional(),
  expires_in: z.number().positive().optional(),
  refresh_token: z.string().optional(),
});

/** Tokens live this long when the server does not say (the distribution token spec's default). */
const DEFAULT_EXPIRES_S = 60;
/** Renew this long before expiry so that a token does not run out mid-request. */
const SLACK_MS = 5_000;
const MAX_TOKEN_RESPONSE = 1 << 20;

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Process-wide token cache, keyed by realm, service, scopes and a fingerprint of the credentials. */
const cache = new Map<string, CachedToken>();

/** Forget every cached token (tests). */
export function clearTokenCache(): void {
  cache.clear();
}

/** What a token request is for, to build messages. */
export interface TokenRequest {
  challenge: Challenge;
  scopes: string[];
  credentials: Credentials | undefined;
  /** `registry` and `repository` for messages. */
  registry: string;
  repository: string;
}

/**
 * A bearer token from the challenge's realm (distribution token spec): `GET realm?service=…&scope=…`
 * with HTTP Basic when there are user credentials, or the OAuth2 refresh-token `POST` when there is
 * an identity token (falling back to GET on 404). Cached until `expires_in` (default 60 s) runs out.
 */
export async function bearerToken(
  transport: Transport,
  req: TokenRequest,
  now = Date.now(),
): Promise<string> {
  const realm = req.challenge.params.realm;
  if (!realm) throw new VigiaError('REGISTRY_PROTOCOL', `${req.registry}: Bearer challenge without a realm`);
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw new VigiaError('REGISTRY_PROTOCOL', `${req.registry}: Bearer realm "${realm}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new VigiaError('REGISTRY_PROTOCOL', `${req.registry}: Bearer realm "${realm}" is not HTTP(S)`);
  }
  if (url.protocol === 'http:' && !transport.isInsecure(url.host)) {
    throw new VigiaError(
      'REGISTRY_PROTOCOL',
      `${req.registry}: token realm ${realm} is plain HTTP; allow it with --insecure or registry.insecure`,
    );
  }
  const service = req.challenge.params.service;
  const key = [realm, service ?? '', req.scopes.join(' '), fingerprint(req.credentials)].join('|');
  const hit = cache.get(key);
  if (hit && hit.expiresAt > now) return hit.token;

  const what = `token from ${url.origin}${url.pathname} for ${req.repository}`;
  const creds = req.credentials;
  let res = creds?.identityToken
    ? await postRefresh(transport, url, service, req, creds.identityToken, what)
    : undefined;
  if (!res || res.statusCode === 404 || res.statusCode === 405) {
    if (res) await res.body.dump();
    const get = new URL(url);
    if (service) get.searchParams.set('service', service);
    for (const scope of req.scopes) get.searchParams.append('scope', scope);
    const headers: Record<string, string> = { 'user-agent': 'vigia' };
    if (creds?.username !== undefined && creds.password !== undefined) {
      headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    }
    res = await transport.send(get, 'GET', headers, what);
  }
  if (res.statusCode === 401 || res.statusCode === 403) {
    await res.body.dump();
    const why = creds ? `invalid credentials (from ${creds.source})` : 'authentication required';
    throw new VigiaError(
      'REGISTRY_UNAUTHORIZED',
      `${req.registry}: unauthorized: ${why} for ${req.repository} (token service ${url.host} answered ${res.statusCode})`,
    );
  }
  const body = await transport.readBody(res, MAX_TOKEN_RESPONSE, what);
  if (res.statusCode !== 200) {
    throw new VigiaError('REGISTRY_PROTOCOL', `${req.registry}: ${what}: HTTP ${res.statusCode}`);
  }
  let parsed: z.output<typeof tokenResponseSchema>;
  try {
    parsed = tokenResponseSchema.parse(JSON.parse(body.toString('utf8')));
  } catch {
    throw new VigiaError('REGISTRY_PROTOCOL', `${req.registry}: ${what}: not a token response`);
  }
  const token = parsed.token ?? parsed.access_token;
  if (!token) throw new VigiaError('REGISTRY_PROTOCOL', `${req.registry}: ${what}: response has no token`);
  const lifetime = (parsed.expires_in ?? DEFAULT_EXPIRES_S) * 1000;
  cache.set(key, { token, expiresAt: now + Math.max(lifetime - SLACK_MS, lifetime / 2) });
  return token;
}

function postRefresh(
  transport: Transport,
  url: URL,
  service: string | undefined,
  req: TokenRequest,
  refreshToken: string,
  what: string,
): ReturnType<Transport['send']> {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: 'vigia',
  });
  if (service) form.set('service', service);
  form.set('scope', req.scopes.join(' '));
  return transport.send(
    url,
    'POST',
    { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'vigia' },
    what,
    form.toString(),
  );
}

function fingerprint(creds: Credentials | undefined): string {
  if (!creds) return 'anonymous';
  const material = `${creds.username ?? ''}\0${creds.password ?? ''}\0${creds.identityToken ?? ''}`;
  return createHash('sha256').update(material).digest('hex');
}
