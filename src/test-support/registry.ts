import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip } from 'node:zlib';
import { FIXTURES } from './fixtures.js';

const run = promisify(execFile);

/** A real `docker-registry` (distribution 2.8) on 127.0.0.1, started for a test. */
export interface TestRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  port: number;
  /** The registry's temp directory (config, log); blobs live under `dataDir`. */
  dir: string;
  /** Storage root: `docker/registry/v2/blobs/sha256/xx/<hex>/data` below it. */
  dataDir: string;
  /** Push an image with skopeo (`docker-archive:…`, `oci-archive:…:ref`, `.tar.gz` gunzipped first). */
  push(source: string, repoTag: string, options?: { all?: boolean }): Promise<void>;
  /** Kill the registry and remove its directory. */
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Start a registry with `../shared/fixtures/start-registry.sh`: anonymous, or htpasswd Basic auth
 * when `auth` is given. Resolves once `/v2/` answers.
 */
export async function startFixtureRegistry(auth?: { user: string; password: string }): Promise<TestRegistry> {
  const port = await freePort();
  const env = { ...process.env, ...(auth ? { REGISTRY_USER: auth.user, REGISTRY_PASS: auth.password } : {}) };
  const { stdout, stderr } = await run(join(FIXTURES, 'start-registry.sh'), [String(port)], { env });
  const pid = Number(stdout.trim());
  const dir = /dir (\S+),/.exec(stderr)?.[1];
  if (!Number.isInteger(pid) || !dir)
    throw new Error(`start-registry.sh: unexpected output: ${stdout} ${stderr}`);
  const creds = auth ? `${auth.user}:${auth.password}` : undefined;
  return handle(`127.0.0.1:${port}`, port, dir, join(dir, 'data'), () => killPid(pid), creds);
}

/**
 * Start `docker-registry serve` with a config written by `configYaml(dataDir, port)` (for token
 * auth, TLS, …) in a fresh temp dir. Resolves once it accepts connections.
 */
export async function startCustomRegistry(
  configYaml: (paths: { dir: string; dataDir: string; port: number }) => string,
  options: { host?: string; pushCreds?: string } = {},
): Promise<TestRegistry> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'vigia-registry-'));
  const dataDir = join(dir, 'data');
  const config = join(dir, 'config.yml');
  writeFileSync(config, configYaml({ dir, dataDir, port }));
  const log = createWriteStream(join(dir, 'registry.log'));
  const child: ChildProcess = spawn('/usr/bin/docker-registry', ['serve', config], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const host = `${options.host ?? '127.0.0.1'}:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  };
  for (let i = 0; !(await listening(options.host ?? '127.0.0.1', port)); i++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited early; see ${dir}/registry.log`);
    if (i > 100) {
      await stop();
      throw new Error(`docker-registry not listening on ${host}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return handle(host, port, dir, dataDir, stop, options.pushCreds);
}

/** True when something accepts TCP connections on host:port. */
function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Copy an image with skopeo to `docker://host/repoTag` over plain HTTP or unverified TLS. */
export async function skopeoPush(
  source: string,
  dest: string,
  options: { all?: boolean; creds?: string } = {},
): Promise<void> {
  let src = source;
  let cleanup: (() => void) | undefined;
  const gz = /^docker-archive:(.+\.tar\.gz)$/.exec(source);
  if (gz) {
    // skopeo 1.9 reads only uncompressed docker-archives.
    const tmp = mkdtempSync(join(tmpdir(), 'vigia-push-'));
    cleanup = () => rmSync(tmp, { recursive: true, force: true });
    const tar = join(tmp, 'image.tar');
    await pipeline(createReadStream(gz[1] as string), createGunzip(), createWriteStream(tar));
    src = `docker-archive:${tar}`;
  }
  const args = ['copy', '--insecure-policy', '--dest-tls-verify=false', '--retry-times=2'];
  if (options.all) args.push('--all');
  if (options.creds) args.push('--dest-creds', options.creds);
  try {
    await run('skopeo', [...args, src, `docker://${dest}`], { maxBuffer: 16 << 20 });
  } finally {
    cleanup?.();
  }
}

function handle(
  host: string,
  port: number,
  dir: string,
  dataDir: string,
  kill: () => Promise<void>,
  creds: string | undefined,
): TestRegistry {
  return {
    host,
    port,
    dir,
    dataDir,
    push: (source, repoTag, options = {}) =>
      skopeoPush(source, `${host}/${repoTag}`, { ...options, ...(creds ? { creds } : {}) }),
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function killPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(pid, 0);
      if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return; // zombie: dead
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.kill(pid, 'SIGKILL');
}

/** Path of a blob's data file in a registry's storage. */
export function blobPath(registry: TestRegistry, digest: string): string {
  const hex = digest.slice('sha256:'.length);
  return join(registry.dataDir, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
}
