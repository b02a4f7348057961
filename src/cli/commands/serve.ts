import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { VigiaError } from '../../core/errors.js';
import type { CommandContext } from '../context.js';
import { loadConfig } from '../scan-setup.js';
import { VERSION } from '../version.js';

interface ServeFlags {
  listen: string;
  maxConcurrent: string;
  queueLimit: string;
  maxBodyBytes: string;
  tokenFile?: string;
  allowLocal?: boolean;
  allowHost: string[];
  cache: boolean;
  insecure?: boolean;
  caFile?: string;
  timeout: string;
  config?: string;
  policy?: string;
}

/** Shortest bearer token accepted. */
export const MIN_TOKEN_LENGTH = 16;

/** `host:port`, `[v6]:port`; port 0 picks a free one. */
export function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(value.trim());
  const port = Number(m?.[3]);
  if (!m || port > 65535) {
    throw new VigiaError('USAGE', `--listen ${value}: expected host:port, e.g. 127.0.0.1:8080 or [::1]:8080`);
  }
  return { host: (m[1] ?? m[2]) as string, port };
}

function positive(value: string, flag: string, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new VigiaError('USAGE', `${flag} ${value}: expected a whole number from 1 to ${max}`);
  }
  return Number(value);
}

/** The API token: `--token-file` (first line), else `$VIGIA_SERVE_TOKEN`, else none. */
export function readToken(file: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  let token: string | undefined;
  let from = '$VIGIA_SERVE_TOKEN';
  if (file) {
    from = `--token-file ${file}`;
    try {
      token = readFileSync(file, 'utf8').split(/\r?\n/)[0]?.trim() ?? '';
    } catch (err) {
      throw new VigiaError(
        'FILE_UNREADABLE',
        `${from}: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
        {
          cause: err,
        },
      );
    }
  } else {
    token = env.VIGIA_SERVE_TOKEN?.trim();
    if (token === undefined) return undefined;
  }
  if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
    throw new VigiaError(
      'USAGE',
      `${from}: the token must be at least ${MIN_TOKEN_LENGTH} characters without spaces`,
    );
  }
  return token;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `vigia serve`: the HTTP API, the web UI and Harbor's scanner adapter API (docs/serve.md). */
export function registerServe(program: Command, ctx: CommandContext): void {
  program
    .command('serve')
    .description('run the scan API, web UI and Harbor scanner adapter over HTTP (docs/serve.md)')
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:8080')
    .option('--max-concurrent <n>', 'scans running at the same time', '2')
    .option('--queue-limit <n>', 'scans allowed to wait; more are refused with 503', '50')
    .option('--max-body-bytes <n>', 'largest request body accepted', String(256 * 1024))
    .option('--token-file <file>', 'require this bearer token on the API (or $VIGIA_SERVE_TOKEN)')
    .option('--allow-local', "accept local paths (the server's own files) as image references")
    .option('--allow-host <name>', 'also answer requests for this Host name (repeatable)', collect, [])
    .option('--no-cache', 'do not read or write the layer-fact cache')
    .option('--insecure', 'allow plain HTTP and unverified TLS for every registry')
    .option('--ca-file <file>', 'PEM bundle of extra CAs to trust for registries')
    .option('--timeout <seconds>', 'network timeout per registry request, in seconds', '60')
    .option('--config <file>', 'config file (registry mirrors/insecure hosts, db.maxAgeDays, policy)')
    .option(
      '--policy <file>',
      "policy for scans whose request brings none (default: the config file's policy:)",
    )
    .action(async (flags: ServeFlags) => {
      const { startServer, isLoopback } = await import('../../server/index.js');
      const { registryConfigFrom } = await import('../../registry/index.js');
      const { resolveDbSettings } = await import('../../advisories/index.js');
      const { resolvePolicy } = await import('../../policy/index.js');
      const { findConfigFile } = await import('../../config/load.js');
      const { loadSecretConfig } = await import('../../checks/secrets/index.js');
      const { host, port } = parseListen(flags.listen);
      const maxConcurrent = positive(flags.maxConcurrent, '--max-concurrent', 64);
      const queueLimit = positive(flags.queueLimit, '--queue-limit', 100_000);
      const maxBodyBytes = positive(flags.maxBodyBytes, '--max-body-bytes', 64 << 20);
      const timeoutSeconds = positive(flags.timeout, '--timeout', 3600);
      const token = readToken(flags.tokenFile, ctx.io.env);
      const config = await loadConfig(flags.config, ctx.io.env);
      const registryConfig = registryConfigFrom(config);
      const configFile = findConfigFile(process.cwd(), ctx.io.env, flags.config);
      const policy = await resolvePolicy({
        ...(flags.policy ? { policyFile: flags.policy } : {}),
        ...(configFile ? { configFile } : {}),
      });
      const stderr = ctx.io.stderr;
      const log = (line: string) => stderr.write(`${new Date().toISOString()} ${line}\n`);
      const server = await startServer({
        cacheDir: ctx.globals().cacheDir,
        host,
        port,
        maxConcurrent,
        queueLimit,
        maxBodyBytes,
        ...(token ? { token } : {}),
        allowHosts: flags.allowHost,
        allowLocal: Boolean(flags.allowLocal),
        layerCache: flags.cache,
        maxAgeDays: resolveDbSettings(config, ctx.io.env).maxAgeDays,
        registry: {
          ...(registryConfig ? { config: registryConfig } : {}),
          ...(flags.insecure ? { insecure: true } : {}),
          ...(flags.caFile ? { caFile: flags.caFile } : {}),
          timeoutMs: timeoutSeconds * 1000,
        },
        toolVersion: VERSION,
        env: ctx.io.env,
        policy,
        secrets: loadSecretConfig(config),
        log: ctx.globals().quiet ? () => {} : log,
      });
      if (!token && !isLoopback(host))
        log(`warning: listening on ${host} without --token-file: anyone who can reach it can scan`);
      if (flags.allowLocal)
        log('warning: --allow-local: API clients can scan any path this process can read');
      const { requeued, interrupted } = server.recovered;
      if (requeued || interrupted)
        log(`recovered jobs: ${requeued} queued again, ${interrupted} marked interrupted`);
      stderr.write(`vigia serve listening on ${server.url}\n`);
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: NodeJS.Signals) => {
          if (stopping) {
            log(`${signal} again: exiting without waiting for running scans`);
            process.exit(130);
          }
          stopping = true;
          log(`${signal}: waiting for running scans to finish (send it again to exit now)`);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
