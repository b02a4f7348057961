import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { LayerCache } from '../cache/layer-cache.js';
import type { SecretScannerOptions } from '../checks/secrets/index.js';
import { VigiaError } from '../core/errors.js';
import { renderCycloneDx } from '../report/cyclonedx/index.js';
import type { Renderer } from '../report/format.js';
import { renderSpdx } from '../report/spdx/index.js';
import { StoreHandle } from './advisory-store.js';
import { createApp } from './app.js';
import type { SbomMediaType } from './harbor/mime.js';
import { ScanDb } from './jobs/db.js';
import { ScanService } from './jobs/service.js';
import type { LoadedPolicy } from '../policy/index.js';
import type { ScanServices } from './runner.js';

/** Everything `vigia serve` is configured with. */
export interface ServeOptions {
  cacheDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  maxConcurrent: number;
  queueLimit: number;
  maxBodyBytes: number;
  token?: string;
  /** Extra host names the `Host` header may carry (the loopback names are allowed on a loopback address). */
  allowHosts: string[];
  allowLocal: boolean;
  /** Use the layer-fact cache (`<cacheDir>/layers`). */
  layerCache: boolean;
  /** Advisory data older than this many days adds a `db-stale` warning to reports. */
  maxAgeDays: number;
  registry: ScanServices['registry'];
  toolVersion: string;
  env: NodeJS.ProcessEnv;
  /** Secret rules (the config file's `secrets:` section); default: the built-in rules. */
  secrets?: SecretScannerOptions;
  /** The server's policy (`--policy`): used for every scan whose request brings none. */
  policy?: LoadedPolicy;
  /** SBOM renderers offered to Harbor (default: SPDX 2.3 and CycloneDX 1.6). */
  sbom?: Partial<Record<SbomMediaType, Renderer>>;
  log: (line: string) => void;
  now?: () => Date;
}

/** A listening server. */
export interface RunningServer {
  /** `http://host:port` */
  url: string;
  port: number;
  /** What start-up did with the jobs a previous process left. */
  recovered: { requeued: number; interrupted: number };
  /** Stop listening, wait for running scans, close the databases. */
  close(): Promise<void>;
}

/** The SBOM documents Harbor can ask for (`sbom_media_type`). */
export const DEFAULT_SBOM: Record<SbomMediaType, Renderer> = {
  'application/spdx+json': renderSpdx,
  'application/vnd.cyclonedx+json': renderCycloneDx,
};

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/**
 * Start `vigia serve`: open the advisory store (never downloading), the scan database and the
 * layer cache, recover jobs a previous process left, then listen.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const store = StoreHandle.open(options.cacheDir, options.maxAgeDays);
  let db: ScanDb | undefined;
  let cache: LayerCache | undefined;
  try {
    db = ScanDb.open(options.cacheDir);
    cache = options.layerCache ? LayerCache.open(options.cacheDir) : undefined;
    for (const w of cache?.warnings ?? []) options.log(`warning: ${w.message}`);
    const services: ScanServices = {
      store,
      ...(cache ? { cache } : {}),
      toolVersion: options.toolVersion,
      registry: options.registry,
      env: options.env,
      allowLocal: options.allowLocal,
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.secrets ? { secrets: options.secrets } : {}),
      ...(options.now ? { now: options.now } : {}),
    };
    const limits = { maxConcurrent: options.maxConcurrent, queueLimit: options.queueLimit };
    const service = new ScanService(db, services, limits, options.log);
    const loopbackNames = isLoopback(options.host) ? ['localhost', '127.0.0.1', '[::1]'] : [];
    const app = createApp({
      service,
      store,
      access: {
        ...(options.token ? { token: options.token } : {}),
        allowedHosts: loopbackNames.length ? [...loopbackNames, ...options.allowHosts] : options.allowHosts,
      },
      allowLocal: options.allowLocal,
      maxBodyBytes: options.maxBodyBytes,
      toolVersion: options.toolVersion,
      sbom: options.sbom ?? DEFAULT_SBOM,
      log: options.log,
    });
    const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
    await listen(server, options.host, options.port);
    const recovered = service.recover();
    const { port } = server.address() as AddressInfo;
    const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
    const opened = { db, cache };
    return {
      url: `http://${shown}:${port}`,
      port,
      recovered,
      close: async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await service.stop();
        opened.db.close();
        opened.cache?.close();
        store.close();
      },
    };
  } catch (err) {
    db?.close();
    cache?.close();
    store.close();
    throw err;
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE'
          ? 'the address is in use'
          : err.code === 'EACCES'
            ? 'permission denied'
            : err.message;
      reject(new VigiaError('USAGE', `--listen ${host}:${port}: cannot listen: ${why}`, { cause: err }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
