import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureImage } from '../test-support/fixtures.js';
import { startFixtureRegistry, type TestRegistry } from '../test-support/registry.js';
import {
  json,
  registryManifest,
  startStallServer,
  startTestServer,
  waitForScan,
  type TestServer,
} from './__fixtures__/harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let registry: TestRegistry;
let srv: TestServer;
let image: string;

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${srv.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  registry = await startFixtureRegistry();
  await registry.push(`docker-archive:${fixtureImage('alpine-310.tar.gz')}`, 'alpine:3.10');
  image = `${registry.host}/alpine:3.10`;
  srv = await startTestServer();
});

afterAll(async () => {
  await srv?.stop();
  await registry?.stop();
});

describe('vigia serve API', () => {
  it('answers /healthz with the queue and the database, and nothing else', async () => {
    const res = await fetch(`${srv.url}/healthz`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(Object.keys(body).sort()).toEqual(['database', 'queue', 'status', 'version']);
    expect(body.queue).toEqual({ maxConcurrent: 2, queueLimit: 10, running: 0, queued: 0 });
    expect(Object.keys(body.database as object).sort()).toEqual(['ageHours', 'builtAt']);
  });

  it('scans a registry image: 202 with an id, then the stored report', async () => {
    const res = await post('/api/scans', { image });
    expect(res.status).toBe(202);
    const accepted = await json(res);
    expect(accepted.id).toMatch(UUID);
    expect(res.headers.get('location')).toBe(`/api/scans/${String(accepted.id)}`);
    expect(['queued', 'running']).toContain(accepted.status);

    const done = await waitForScan(srv.url, accepted.id as string);
    expect(done.status).toBe('done');
    const report = done.report as { artifact: { name: string; manifestDigest: string }; packages: unknown[] };
    expect(report.artifact.name).toBe(image);
    // Independent: skopeo's view of the registry's manifest, and the fixture's 14 apk packages.
    expect(report.artifact.manifestDigest).toBe((await registryManifest(image)).digest);
    expect(report.packages).toHaveLength(14);
    expect(done.summary).toMatchObject({ packages: 14 });

    const list = await json<{ scans: { id: string; status: string }[] }>(
      await fetch(`${srv.url}/api/scans?limit=5`),
    );
    expect(list.scans[0]).toMatchObject({ id: accepted.id, status: 'done' });

    const html = await fetch(`${srv.url}/api/scans/${String(accepted.id)}/report.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    const page = await html.text();
    const embedded =
      /<script type="application\/json" id="vigia-data">(.*?)<\/script>/s.exec(page)?.[1] ?? '';
    expect(JSON.parse(embedded)).toEqual(report);
  });

  it('applies a policy given in the request', async () => {
    const res = await post('/api/scans', { image, policy: { packages: { banned: ['musl'] } } });
    expect(res.status).toBe(202);
    const done = await waitForScan(srv.url, (await json(res)).id as string);
    const report = done.report as {
      verdict: { status: string; reasons: { rule: string }[] };
      policy: { file: string };
    };
    expect(report.verdict.status).toBe('fail');
    expect(report.verdict.reasons.map((r) => r.rule)).toContain('packages.banned');
    expect(report.policy.file).toBe('(request body)');
  });

  it('records a scan that fails with its error code', async () => {
    const res = await post('/api/scans', { image: `${registry.host}/no-such-repo:1` });
    const done = await waitForScan(srv.url, (await json(res)).id as string);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'IMAGE_NOT_FOUND' });
    const html = await fetch(`${srv.url}/api/scans/${String(done.id)}/report.html`);
    expect(html.status).toBe(409);
  });

  const bad: [string, () => Promise<Response>, number, string][] = [
    ['invalid JSON', () => post('/api/scans', '{"image":'), 400, 'BAD_JSON'],
    [
      'a form body',
      () => post('/api/scans', 'image=x', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['an unknown field', () => post('/api/scans', { image: 'alpine', extra: 1 }), 400, 'BAD_REQUEST'],
    ['no image', () => post('/api/scans', {}), 400, 'BAD_REQUEST'],
    ['an image that is not a string', () => post('/api/scans', { image: 42 }), 400, 'BAD_REQUEST'],
    ['an absolute path', () => post('/api/scans', { image: '/etc/passwd' }), 400, 'BAD_REFERENCE'],
    [
      'a docker-archive path',
      () => post('/api/scans', { image: 'docker-archive:/tmp/x.tar' }),
      400,
      'BAD_REFERENCE',
    ],
    ['a relative archive', () => post('/api/scans', { image: 'image.tar' }), 400, 'BAD_REFERENCE'],
    [
      'an upper-case repository',
      () => post('/api/scans', { image: 'registry.example.com/Team/app' }),
      400,
      'BAD_REFERENCE',
    ],
    ['a control character', () => post('/api/scans', { image: 'alpine\n:3' }), 400, 'BAD_REFERENCE'],
    ['a reference too long', () => post('/api/scans', { image: `a${'/b'.repeat(300)}` }), 400, 'BAD_REQUEST'],
    ['a bad platform', () => post('/api/scans', { image: 'alpine', platform: 'linux' }), 400, 'BAD_REQUEST'],
    ['a bad failOn', () => post('/api/scans', { image: 'alpine', failOn: 'SEVERE' }), 400, 'BAD_REQUEST'],
    [
      'an invalid policy',
      () => post('/api/scans', { image: 'alpine', policy: { vulnerabilities: { maxCvss: 11 } } }),
      400,
      'POLICY_INVALID',
    ],
    [
      'an unknown policy key',
      () => post('/api/scans', { image: 'alpine', policy: { nope: true } }),
      400,
      'POLICY_INVALID',
    ],
    [
      'an oversized body',
      () => post('/api/scans', { image: 'alpine', pad: 'x'.repeat(70 * 1024) }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'an oversized chunked body',
      () =>
        fetch(`${srv.url}/api/scans`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: new ReadableStream({
            start(c) {
              c.enqueue(new TextEncoder().encode(`{"image":"${'x'.repeat(80 * 1024)}"}`));
              c.close();
            },
          }),
          duplex: 'half',
        } as RequestInit),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['a malformed scan id', () => fetch(`${srv.url}/api/scans/..%2F..%2Fetc`), 400, 'BAD_REQUEST'],
    [
      'an unknown scan id',
      () => fetch(`${srv.url}/api/scans/00000000-0000-4000-8000-000000000000`),
      404,
      'NOT_FOUND',
    ],
    [
      'an unknown report',
      () => fetch(`${srv.url}/api/scans/00000000-0000-4000-8000-000000000000/report.html`),
      404,
      'NOT_FOUND',
    ],
    ['a bad list limit', () => fetch(`${srv.url}/api/scans?limit=0`), 400, 'BAD_REQUEST'],
    ['an unknown route', () => fetch(`${srv.url}/api/nothing`), 404, 'NOT_FOUND'],
    [
      'a cross-site POST',
      () => post('/api/scans', { image: 'alpine' }, { origin: 'http://evil.example' }),
      403,
      'FORBIDDEN',
    ],
  ];
  it.each(bad)('refuses %s with a JSON error', async (_name, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await json<{ error: { code: string; message: string } }>(res);
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(5);
  });

  it('says why a local path is refused', async () => {
    const body = await json<{ error: { message: string } }>(
      await post('/api/scans', { image: '/etc/passwd' }),
    );
    expect(body.error.message).toMatch(/--allow-local/);
  });

  it('refuses a Host it does not serve (DNS rebinding)', async () => {
    const { port } = new URL(srv.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/api/scans', headers: { host: `evil.example:${port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('takes scans from the web form and lists them', async () => {
    const res = await fetch(`${srv.url}/scans`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ image, platform: '' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const page = await (await fetch(`${srv.url}/`)).text();
    expect(page).toContain(image);
    const refused = await fetch(`${srv.url}/scans`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'image=%2Fetc%2Fshadow',
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('local paths are not accepted');
  });
});

describe('vigia serve queue', () => {
  it('runs at most --max-concurrent scans and refuses past --queue-limit with 503', async () => {
    const stall = await startStallServer();
    const small = await startTestServer({ maxConcurrent: 1, queueLimit: 1, registry: { timeoutMs: 60_000 } });
    try {
      const send = (ref: string) =>
        fetch(`${small.url}/api/scans`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ image: ref }),
        });
      const first = await send(`${stall.host}/hangs:1`);
      const second = await send(image);
      const third = await send(image);
      expect([first.status, second.status]).toEqual([202, 202]);
      expect(third.status).toBe(503);
      expect(third.headers.get('retry-after')).toBe('30');
      expect((await json<{ error: { code: string } }>(third)).error.code).toBe('QUEUE_FULL');
      const health = await json<{ queue: unknown }>(await fetch(`${small.url}/healthz`));
      expect(health.queue).toEqual({ maxConcurrent: 1, queueLimit: 1, running: 1, queued: 1 });
      const secondId = (await json(second)).id as string;
      expect((await json(await fetch(`${small.url}/api/scans/${secondId}`))).status).toBe('queued');
      await stall.release();
      const firstDone = await waitForScan(small.url, (await json(first)).id as string);
      expect(firstDone.status).toBe('failed');
      expect((await waitForScan(small.url, secondId)).status).toBe('done');
    } finally {
      await stall.release();
      await small.stop();
    }
  });
});

describe('vigia serve with a token', () => {
  const token = 'test-token-0123456789abcdef';
  let secured: TestServer;
  beforeAll(async () => {
    secured = await startTestServer({ token });
  });
  afterAll(() => secured?.stop());

  it('requires the token on the API, not on /healthz', async () => {
    expect((await fetch(`${secured.url}/healthz`)).status).toBe(200);
    const none = await fetch(`${secured.url}/api/scans`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="vigia"');
    expect((await json<{ error: { code: string } }>(none)).error.code).toBe('UNAUTHORIZED');
    expect(
      (await fetch(`${secured.url}/api/scans`, { headers: { authorization: `Bearer ${token}x` } })).status,
    ).toBe(401);
    expect(
      (await fetch(`${secured.url}/api/scans`, { headers: { authorization: `Basic ${token}` } })).status,
    ).toBe(401);
    expect(
      (await fetch(`${secured.url}/api/scans`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    expect(
      (await fetch(`${secured.url}/api/v1/metadata`, { headers: { 'x-scanneradapter-api-key': token } }))
        .status,
    ).toBe(200);
  });

  it('signs the web UI in with a session cookie', async () => {
    const page = await fetch(`${secured.url}/`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login');
    const form = (t: string) =>
      fetch(`${secured.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: t }).toString(),
        redirect: 'manual',
      });
    expect((await form('wrong-token-0123456789')).status).toBe(401);
    const ok = await form(token);
    expect(ok.status).toBe(303);
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^vigia_session=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(token);
    const session = cookie.split(';')[0] as string;
    expect((await fetch(`${secured.url}/`, { headers: { cookie: session } })).status).toBe(200);
    expect((await fetch(`${secured.url}/`, { headers: { cookie: 'vigia_session=forged' } })).status).toBe(
      401,
    );
  });
});

describe('vigia serve --allow-local', () => {
  it('scans a path of the server only when allowed', async () => {
    const local = await startTestServer({ allowLocal: true });
    try {
      const res = await fetch(`${local.url}/api/scans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ image: fixtureImage('alpine-310.tar.gz') }),
      });
      expect(res.status).toBe(202);
      const done = await waitForScan(local.url, (await json(res)).id as string);
      expect(done.status).toBe('done');
      expect((done.report as { packages: unknown[] }).packages).toHaveLength(14);
    } finally {
      await local.stop();
    }
  });
});
