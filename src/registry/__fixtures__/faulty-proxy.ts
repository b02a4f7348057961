// A real HTTP proxy in front of a real registry that misbehaves on purpose, the way networks and
// overloaded registries do: error statuses with Retry-After, resets before the answer, bodies cut
// in the middle, redirects of blob GETs to another origin.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** What the proxy does to the next matching requests. */
export interface Fault {
  /** Which requests: manifests or blobs. */
  match: 'manifests' | 'blobs';
  /** How many matching requests to spoil. */
  times: number;
  action: { kind: 'status'; status: number; retryAfter?: string } | { kind: 'reset' } | { kind: 'cut' } | { kind: 'stall' } | { kind: 'redirect' };
}

/** A running proxy: set `faults`, read `log`. */
export interface FaultyProxy {
  host: string;
  faults: Fault[];
  log: { path: string; outcome: string; authorization: boolean }[];
  close(): Promise<void>;
}

/** Start a proxy on 127.0.0.1 forwarding to `upstream` (`host:port`). */
export async function startFaultyProxy(upstream: string): Promise<FaultyProxy> {
  const state: Omit<FaultyProxy, 'host' | 'close'> = { faults: [], log: [] };

  const forward = (req: IncomingMessage, res: ServerResponse, cut: false | 'close' | 'stall'): void => {
    const [hostname, port] = upstream.split(':');
    const out = request({ hostname, port: Number(port), path: req.url, method: req.method, headers: { ...req.headers, host: upstream } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      if (!cut) {
        up.pipe(res);
        return;
      }
      let sent = 0;
      const half = Number(up.headers['content-length'] ?? 0) / 2;
      up.on('data', (chunk: Buffer) => {
        if (sent >= half) return;
        res.write(chunk.subarray(0, Math.max(1, Math.min(chunk.length, half - sent))));
        sent += chunk.length;
        if (sent >= half) {
          up.destroy();
          if (cut === 'close') res.socket?.destroy(); // 'stall': keep the connection open, silent
        }
      });
    });
    out.on('error', () => res.socket?.destroy());
    req.pipe(out);
  };

  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const kind = path.includes('/manifests/') ? 'manifests' : path.includes('/blobs/') ? 'blobs' : 'other';
    const fault = state.faults.find((f) => f.match === kind && f.times > 0);
    const entry = { path, outcome: 'proxied', authorization: req.headers.authorization !== undefined };
    state.log.push(entry);
    if (!fault) return forward(req, res, false);
    fault.times--;
    const { action } = fault;
    entry.outcome = action.kind === 'status' ? String(action.status) : action.kind;
    switch (action.kind) {
      case 'status':
        res.writeHead(action.status, action.retryAfter ? { 'retry-after': action.retryAfter } : {});
        res.end();
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'cut':
        return forward(req, res, 'close');
      case 'stall':
        return forward(req, res, 'stall');
      case 'redirect':
        res.writeHead(307, { location: `http://${upstream}${path}` });
        res.end();
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(state, {
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
