// A small real token server for the distribution token-auth spec, for tests: it signs JWTs that
// distribution 2.8 (`auth.token` with `rootcertbundle`) verifies. Keys and certificates are made
// with the openssl CLI at start. Two ways to name the signing key are supported, as 2.8 does:
// - `kid`: the libtrust key ID of the public key (sha256 of the DER SubjectPublicKeyInfo, first
//   240 bits, base32 without padding, in 12 groups of 4 joined by ':'), matched against the keys
//   of the certificates in the bundle;
// - `x5c`: the signing certificate itself (base64 DER), verified against the bundle as roots.
import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { SignJWT } from 'jose';

/** `untrusted`: signed by a key whose certificate is not in the bundle (the registry must refuse). */
export type KeyNaming = 'kid' | 'x5c' | 'untrusted';

/** A running issuer. `requests` logs every token request (for cache checks). */
export interface TokenIssuer {
  realm: string;
  service: string;
  issuer: string;
  /** PEM bundle to give the registry as `rootcertbundle`. */
  bundlePath: string;
  /** How the next tokens name their key. */
  naming: KeyNaming;
  requests: { method: string; user: string | undefined; scope: string[]; userAgent: string | undefined }[];
  close(): Promise<void>;
}

interface Signer {
  alg: 'RS256' | 'ES256';
  key: ReturnType<typeof createPrivateKey>;
  kid: string;
  certDer: string;
}

/** The libtrust key ID distribution 2.8 computes for a public key. */
export function libtrustKeyId(spkiDer: Buffer): string {
  const hash = createHash('sha256').update(spkiDer).digest().subarray(0, 30);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of hash) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return (out.match(/.{4}/g) ?? []).join(':');
}

function makeSigner(dir: string, name: string, alg: Signer['alg']): { signer: Signer; certPem: string } {
  const keyArgs = alg === 'RS256' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  const keyPath = join(dir, `${name}.key`);
  const certPath = join(dir, `${name}.crt`);
  execFileSync('openssl', [
    'req', '-x509', ...keyArgs, '-nodes', '-days', '2', '-subj', `/CN=vigia test token signer ${name}`,
    '-keyout', keyPath, '-out', certPath,
  ], { stdio: 'ignore' }); // prettier-ignore
  const certPem = readFileSync(certPath, 'utf8');
  const cert = new X509Certificate(certPem);
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  return {
    signer: {
      alg,
      key: createPrivateKey(readFileSync(keyPath)),
      kid: libtrustKeyId(spki),
      certDer: cert.raw.toString('base64'),
    },
    certPem,
  };
}

/**
 * Start an issuer on 127.0.0.1. `users` may log in with Basic (or `refreshTokens` with the OAuth2
 * refresh-token POST); they get every action they ask for. Anonymous callers get `pull` on
 * repositories under `public/` and nothing else.
 */
export async function startTokenIssuer(
  dir: string,
  users: Record<string, string>,
  refreshTokens: Record<string, string> = {},
): Promise<TokenIssuer> {
  const rsa = makeSigner(dir, 'rsa', 'RS256');
  const ec = makeSigner(dir, 'ec', 'ES256');
  const stranger = makeSigner(dir, 'stranger', 'RS256');
  const bundlePath = join(dir, 'token-bundle.pem');
  writeFileSync(bundlePath, rsa.certPem + ec.certPem);
  const state: Omit<TokenIssuer, 'realm' | 'close'> = {
    service: 'vigia-test-registry',
    issuer: 'vigia-test-issuer',
    bundlePath,
    naming: 'kid',
    requests: [],
  };

  const server: Server = createServer((req, res) => {
    void answer(req).then(
      ({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
      (err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      },
    );
  });

  async function answer(req: IncomingMessage): Promise<{ status: number; body: object }> {
    const url = new URL(req.url ?? '/', 'http://issuer');
    let params = url.searchParams;
    if (req.method === 'POST') {
      let text = '';
      for await (const chunk of req as AsyncIterable<Buffer>) text += chunk.toString('utf8');
      params = new URLSearchParams(text);
    }
    let user: string | undefined;
    const authz = req.headers.authorization;
    if (req.method === 'POST') {
      user = refreshTokens[params.get('refresh_token') ?? ''];
      if (!user) return { status: 401, body: { error: 'invalid_grant' } };
    } else if (authz?.startsWith('Basic ')) {
      const [u, p] = Buffer.from(authz.slice(6), 'base64').toString('utf8').split(':');
      if (!u || users[u] !== p) return { status: 401, body: { details: 'bad credentials' } };
      user = u;
    }
    const scopes = req.method === 'POST' ? (params.get('scope') ?? '').split(' ').filter(Boolean) : params.getAll('scope');
    state.requests.push({ method: req.method ?? '', user, scope: scopes, userAgent: req.headers['user-agent'] });
    if (params.get('service') !== state.service) return { status: 400, body: { error: 'unknown service' } };
    const access = scopes.flatMap((scope) => {
      const [type, ...rest] = scope.split(':');
      const actions = (rest.pop() ?? '').split(',');
      const name = rest.join(':');
      const allowed = user ? actions : name.startsWith('public/') ? actions.filter((a) => a === 'pull') : [];
      return type === 'repository' ? [{ type, name, actions: allowed }] : [];
    });
    const signer = { kid: rsa.signer, x5c: ec.signer, untrusted: stranger.signer }[state.naming];
    const header =
      state.naming === 'x5c'
        ? { alg: signer.alg, typ: 'JWT', x5c: [signer.certDer] }
        : { alg: signer.alg, typ: 'JWT', kid: signer.kid };
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ access })
      .setProtectedHeader(header)
      .setIssuer(state.issuer)
      .setSubject(user ?? '')
      .setAudience(state.service)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 300)
      .setJti(randomUUID())
      .sign(signer.key);
    const body = req.method === 'POST' ? { access_token: token, expires_in: 300 } : { token, access_token: token, expires_in: 300 };
    return { status: 200, body };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(state, {
    realm: `http://127.0.0.1:${port}/token`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
