import { createServer, type Server } from 'node:net';
import type { Socket } from 'node:net';
import { fixtureStoreCacheDir } from '../../test-support/store.js';
import { startServer, type RunningServer, type ServeOptions } from '../server.js';

/** A server started for a test on 127.0.0.1:0 over a copy of the fixture advisory store. */
export interface TestServer {
  server: RunningServer;
  url: string;
  cacheDir: string;
  logs: string[];
  /** Close the server (waiting for its scans) and remove the cache directory. */
  stop(): Promise<void>;
}

/** Start a real server; `cacheDir` reuses a directory (restart tests), else a fresh fixture store copy. */
export async function startTestServer(
  overrides: Partial<ServeOptions> = {},
  cacheDir?: { path: string; cleanup: () => void },
): Promise<TestServer> {
  const dir = cacheDir ?? fixtureStoreCacheDir();
  const logs: string[] = [];
  const server = await startServer({
    cacheDir: dir.path,
    host: '127.0.0.1',
    port: 0,
    maxConcurrent: 2,
    queueLimit: 10,
    maxBodyBytes: 64 * 1024,
    allowHosts: [],
    allowLocal: false,
    layerCache: true,
    maxAgeDays: 100_000,
    registry: { timeoutMs: 15_000 },
    toolVersion: '0.0.0-test',
    env: { HOME: dir.path },
    log: (line) => logs.push(line),
    ...overrides,
  });
  return {
    server,
    url: server.url,
    cacheDir: dir.path,
    logs,
    stop: async () => {
      await server.close();
      if (!cacheDir) dir.cleanup();
    },
  };
}

/** JSON of a response (the test fails with the body when it is not JSON). */
export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`not JSON (${res.status}): ${text.slice(0, 300)}`);
  }
}

/** Poll `GET /api/scans/:id` until the job is done or failed. */
export async function waitForScan(
  url: string,
  id: string,
  headers: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const body = await json(await fetch(`${url}/api/scans/${id}`, { headers }));
    if (body.status === 'done' || body.status === 'failed') return body;
    if (Date.now() > until) throw new Error(`scan ${id} still ${String(body.status)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A TCP server on 127.0.0.1 that accepts connections and never answers: a registry that hangs,
 * to keep a scan running for as long as a test needs. `release()` destroys every connection.
 */
export async function startStallServer(): Promise<{ host: string; release: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: `127.0.0.1:${port}`,
    release: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `skopeo inspect --raw` of an image in a test registry: the manifest exactly as the registry serves it. */
export async function registryManifest(
  reference: string,
  creds?: string,
): Promise<{ digest: string; mediaType: string; layers: { digest: string }[] }> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const run = promisify(execFile);
  const args = ['inspect', '--tls-verify=false', ...(creds ? ['--creds', creds] : [])];
  const raw = (await run('skopeo', [...args, '--raw', `docker://${reference}`], { maxBuffer: 16 << 20 })).stdout;
  const { createHash } = await import('node:crypto');
  const manifest = JSON.parse(raw) as { mediaType: string; layers: { digest: string }[] };
  return {
    digest: `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    mediaType: manifest.mediaType,
    layers: manifest.layers,
  };
}
