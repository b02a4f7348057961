import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { resolveDbSettings, type DbSettings } from '../advisories/config.js';
import type { UpdateReport } from '../advisories/report.js';
import { defaultDbDir } from '../advisories/store.js';
import { updateStore } from '../advisories/update.js';
import { FIXTURES } from './fixtures.js';

/**
 * A real HTTP server on 127.0.0.1 serving the advisory fixtures (`FIXTURES/advisories`) the way
 * the real feeds are laid out: `/osv/<Ecosystem>/all.zip`, `/alpine-secdb/v3.X/main.json`,
 * `/kev/known_exploited_vulnerabilities.json`. Read-only, with ETag / Last-Modified / 304 and
 * `x-goog-hash: md5=…` like the OSV bucket, plus fault switches for tests.
 */
export interface FeedServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Base URLs to give `db update`. */
  osvUrl: string;
  secdbUrl: string;
  kevUrl: string;
  /** Every request received, in order. */
  requests: RequestRecord[];
  /** The next `count` requests (for `path` only, if given) get `status` (default 500). */
  failNext(count: number, options?: { status?: number; path?: string }): void;
  /** Requests for `path` hang: before any header, or after `afterBytes` of the body. */
  stall(path: string, options?: { afterBytes?: number }): void;
  /** Serve only the first `bytes` of `path`, as if that were the whole file (consistent headers). */
  truncate(path: string, bytes: number): void;
  /** Announce the full length for `path` but close the connection after `bytes`. */
  cutConnection(path: string, bytes: number): void;
  /** Serve `body` for `path` (a changed or extra file; new ETag and Last-Modified). */
  override(path: string, body: Buffer): void;
  /** `x-goog-hash` mode: the right md5 (default), a wrong one, or none. */
  googHash: 'correct' | 'wrong' | 'omit';
  /** Drop every fault and override. */
  reset(): void;
  close(): Promise<void>;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

interface Served {
  body: Buffer;
  etag: string;
  mtime: Date;
  md5: string;
}

/** The folder the server serves by default. */
export const ADVISORY_FIXTURES = join(FIXTURES, 'advisories');

/** The OSV ecosystems present in the fixtures (`osv/<Ecosystem>/all.zip`), sorted. */
export function fixtureOsvEcosystems(root = ADVISORY_FIXTURES): string[] {
  return readdirSync(join(root, 'osv')).sort();
}

/** Start a feed server on a free loopback port. */
export async function startFeedServer(options: { root?: string } = {}): Promise<FeedServer> {
  const root = options.root ?? ADVISORY_FIXTURES;
  const cache = new Map<string, Served>();
  const overrides = new Map<string, Served>();
  let failures: { remaining: number; status: number; path?: string }[] = [];
  const stalls = new Map<string, number | undefined>();
  const truncations = new Map<string, number>();
  const cuts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const requests: RequestRecord[] = [];

  const load = (path: string): Served | undefined => {
    const over = overrides.get(path);
    if (over) return over;
    const cached = cache.get(path);
    if (cached) return cached;
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) return undefined;
    try {
      const st = statSync(file);
      if (!st.isFile()) return undefined;
      const served = describe(readFileSync(file), st.mtime);
      cache.set(path, served);
      return served;
    } catch {
      return undefined;
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse, server: FeedServer) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const record: RequestRecord = { method: req.method ?? '', path, status: 0 };
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    if (typeof inm === 'string') record.ifNoneMatch = inm;
    if (typeof ims === 'string') record.ifModifiedSince = ims;
    requests.push(record);
    const reply = (status: number, headers: Record<string, string | number> = {}, body?: Buffer) => {
      record.status = status;
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    };

    const failure = failures.find((f) => f.remaining > 0 && (!f.path || f.path === path));
    if (failure) {
      failure.remaining--;
      return reply(failure.status, { 'content-type': 'text/plain' }, Buffer.from('injected failure\n'));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, { allow: 'GET, HEAD' });
    if (stalls.has(path) && stalls.get(path) === undefined) {
      record.status = -1; // never answers
      return;
    }
    let served = load(path);
    if (!served) return reply(404, { 'content-type': 'text/plain' }, Buffer.from('not found\n'));
    const cutAt = truncations.get(path);
    if (cutAt !== undefined) served = describe(served.body.subarray(0, cutAt), served.mtime);

    if (typeof inm === 'string' && inm.split(',').some((t) => t.trim() === served.etag)) {
      return reply(304, { etag: served.etag, 'last-modified': served.mtime.toUTCString() });
    }
    if (typeof inm !== 'string' && typeof ims === 'string') {
      const since = Date.parse(ims);
      if (!Number.isNaN(since) && Math.floor(served.mtime.getTime() / 1000) * 1000 <= since) {
        return reply(304, { etag: served.etag, 'last-modified': served.mtime.toUTCString() });
      }
    }
    const headers: Record<string, string | number> = {
      'content-type': path.endsWith('.zip') ? 'application/zip' : 'application/json',
      'content-length': served.body.length,
      etag: served.etag,
      'last-modified': served.mtime.toUTCString(),
    };
    if (server.googHash === 'correct') headers['x-goog-hash'] = `md5=${served.md5}`;
    if (server.googHash === 'wrong')
      headers['x-goog-hash'] = `md5=${createHash('md5').update('wrong').digest('base64')}`;

    const stallAfter = stalls.get(path);
    const cut = cuts.get(path);
    if (stallAfter !== undefined || cut !== undefined) {
      record.status = 200;
      res.writeHead(200, headers);
      res.write(served.body.subarray(0, stallAfter ?? cut));
      if (cut !== undefined) res.socket?.destroy();
      return; // a stall keeps the connection open until the client gives up or close()
    }
    reply(200, headers, served.body);
  };

  const server: FeedServer = {
    url: '',
    osvUrl: '',
    secdbUrl: '',
    kevUrl: '',
    requests,
    googHash: 'correct',
    failNext(count, opts = {}) {
      failures.push({
        remaining: count,
        status: opts.status ?? 500,
        ...(opts.path ? { path: opts.path } : {}),
      });
    },
    stall(path, opts = {}) {
      stalls.set(path, opts.afterBytes);
    },
    truncate(path, bytes) {
      truncations.set(path, bytes);
    },
    cutConnection(path, bytes) {
      cuts.set(path, bytes);
    },
    override(path, body) {
      overrides.set(path, describe(body, new Date()));
    },
    reset() {
      failures = [];
      stalls.clear();
      truncations.clear();
      cuts.clear();
      overrides.clear();
      server.googHash = 'correct';
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        http.close(() => resolve());
      }),
  };

  const http = createServer((req, res) => handle(req, res, server));
  http.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  server.url = `http://127.0.0.1:${port}`;
  server.osvUrl = `${server.url}/osv`;
  server.secdbUrl = `${server.url}/alpine-secdb`;
  server.kevUrl = `${server.url}/kev/known_exploited_vulnerabilities.json`;
  return server;
}

function describe(body: Buffer, mtime: Date): Served {
  const md5 = createHash('md5').update(body);
  return { body, etag: `"${md5.copy().digest('hex')}"`, mtime, md5: md5.digest('base64') };
}

/** `db update` settings pointing at `server`: every fixture OSV ecosystem, secdb v3.10/v3.11, KEV. */
export function fixtureDbSettings(server: FeedServer): DbSettings {
  const settings = resolveDbSettings(
    undefined,
    {},
    { osvUrl: server.osvUrl, secdbUrl: server.secdbUrl, kevUrl: server.kevUrl },
  );
  return {
    ...settings,
    osv: { ...settings.osv, ecosystems: fixtureOsvEcosystems() },
    alpineSecdb: { ...settings.alpineSecdb, releases: ['v3.10', 'v3.11'] },
    timeoutSeconds: 10,
    retries: 2,
  };
}

/**
 * Build an advisory store in `<cacheDir>/db` through the real `db update` path: start a feed
 * server on the fixtures, update from it (all fixture ecosystems, secdb v3.10/v3.11, KEV), stop it.
 */
export async function buildFixtureStore(cacheDir: string): Promise<UpdateReport> {
  const server = await startFeedServer();
  try {
    return await updateStore({ dbDir: defaultDbDir(cacheDir), settings: fixtureDbSettings(server) });
  } finally {
    await server.close();
  }
}

/**
 * A zip of the given entries, written by Python's `zipfile` (a real, independent zip writer), for
 * tests that need feeds with particular records.
 */
export function makeZip(
  entries: Record<string, string | Buffer>,
  options: { stored?: boolean } = {},
): Buffer {
  const payload = JSON.stringify(
    Object.entries(entries).map(([n, d]) => [n, Buffer.from(d).toString('base64')]),
  );
  const script = [
    'import sys, json, base64, io, zipfile',
    'buf = io.BytesIO()',
    `with zipfile.ZipFile(buf, "w", zipfile.${options.stored ? 'ZIP_STORED' : 'ZIP_DEFLATED'}) as z:`,
    '    for name, data in json.load(sys.stdin):',
    '        z.writestr(name, base64.b64decode(data))',
    'sys.stdout.buffer.write(buf.getvalue())',
  ].join('\n');
  return execFileSync('python3', ['-c', script], { input: payload, maxBuffer: 1 << 28 });
}
