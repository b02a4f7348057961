import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import type { Agent, Dispatcher, request as undiciRequest } from 'undici';
import { VigiaError, describeError } from '../core/errors.js';
import {
  isRetryableNetworkError,
  isRetryableStatus,
  retryDelayMs,
  sleep,
  type RetryPolicy,
} from '../net/retry.js';

/** What went over the wire, for progress and the benchmark (warm scans must show 0 blob bytes). */
export interface TransferStats {
  /** HTTP requests sent (retries and auth round trips included). */
  requests: number;
  /** Response body bytes received, all requests. */
  bytes: number;
  /** Blob GETs (config and layers). */
  blobRequests: number;
  /** Layer blob bytes received. */
  layerBytes: number;
}

/** Transport settings: TLS trust, insecure hosts, timeouts, retry policy. */
export interface TransportOptions {
  /** `true`: every host may use plain HTTP / unverified TLS; a list: only these `host[:port]`. */
  insecure: boolean | readonly string[];
  /** Extra CA certificates (PEM) trusted on top of Node's bundled roots. */
  caFile?: string;
  timeoutMs: number;
  retry: RetryPolicy;
}

/** Hosts docker treats as insecure registries without being told (loopback). */
const IMPLICIT_INSECURE = new Set(['localhost', '127.0.0.1', '[::1]']);

type Response = Dispatcher.ResponseData;
type RequestFn = typeof undiciRequest;
type Headers = Record<string, string>;

/**
 * HTTP for the registry client on undici: one connection pool with verified TLS (plus `caFile`)
 * and one without verification for insecure hosts; per-request timeouts (headers and idle body);
 * retries with backoff, jitter and `Retry-After` on 408/429/5xx and connection failures.
 */
export class Transport {
  readonly stats: TransferStats = { requests: 0, bytes: 0, blobRequests: 0, layerBytes: 0 };
  private readonly schemes = new Map<string, Promise<'https' | 'http'>>();

  private constructor(
    private readonly options: TransportOptions,
    private readonly request: RequestFn,
    private readonly verified: Agent,
    private readonly unverified: Agent,
  ) {}

  /** Build the pools; an unreadable `caFile` is `CONFIG_INVALID`. */
  static async create(options: TransportOptions): Promise<Transport> {
    let ca: string[] | undefined;
    if (options.caFile) {
      try {
        ca = [...rootCertificates, await readFile(options.caFile, 'utf8')];
      } catch (err) {
        throw new VigiaError(
          'CONFIG_INVALID',
          `--ca-file ${options.caFile}: cannot read: ${(err as NodeJS.ErrnoException).code ?? describeError(err)}`,
          { cause: err },
        );
      }
    }
    const common = {
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: options.timeoutMs,
    };
    // Loaded on first use: importing undici costs ~170 ms, which archive scans need not pay.
    const undici = await import('undici');
    const { Agent } = undici;
    const verified = new Agent({ ...common, connect: { timeout: options.timeoutMs, ...(ca ? { ca } : {}) } });
    const unverified = new Agent({
      ...common,
      connect: { timeout: options.timeoutMs, rejectUnauthorized: false },
    });
    return new Transport(options, undici.request, verified, unverified);
  }

  /** True when `host[:port]` may use plain HTTP and unverified TLS. */
  isInsecure(host: string): boolean {
    const { insecure } = this.options;
    if (insecure === true) return true;
    if (insecure !== false && (insecure.includes(host) || insecure.includes(hostname(host)))) return true;
    return IMPLICIT_INSECURE.has(hostname(host));
  }

  /**
   * `https://host` or, for an insecure host that does not speak TLS, `http://host` (found by one
   * HTTPS attempt at `/v2/`, as docker does; remembered per host).
   */
  baseUrl(host: string): Promise<string> {
    if (!this.isInsecure(host)) return Promise.resolve(`https://${host}`);
    let scheme = this.schemes.get(host);
    if (!scheme) {
      scheme = this.probe(host);
      this.schemes.set(host, scheme);
    }
    return scheme.then((s) => `${s}://${host}`);
  }

  /**
   * Send one request, retrying network failures and retryable statuses before any body is read.
   * Returns the first non-retryable response (any status); the caller consumes or dumps its body.
   * Exhausted retries → `REGISTRY_UNREACHABLE` naming the host and the attempts.
   */
  async send(url: URL, method: string, headers: Headers, what: string, body?: string): Promise<Response> {
    const { retry } = this.options;
    const attempts = retry.retries + 1;
    let last = '';
    for (let attempt = 0; attempt < attempts; attempt++) {
      let res: Response;
      try {
        this.stats.requests++;
        res = await this.request(url, {
          method: method as Dispatcher.HttpMethod,
          headers,
          body,
          dispatcher: this.dispatcherFor(url),
          headersTimeout: this.options.timeoutMs,
          bodyTimeout: this.options.timeoutMs,
        });
      } catch (err) {
        last = networkMessage(err);
        if (!isRetryableNetworkError(err)) throw unreachable(url, what, last, attempt + 1, err);
        if (attempt + 1 < attempts) await sleep(retryDelayMs(attempt, retry));
        continue;
      }
      if (!isRetryableStatus(res.statusCode)) return res;
      last = `HTTP ${res.statusCode}`;
      const retryAfter = headerValue(res.headers['retry-after']);
      await res.body.dump().catch(() => undefined);
      if (attempt + 1 < attempts) await sleep(retryDelayMs(attempt, retry, retryAfter));
    }
    throw unreachable(url, what, last, attempts);
  }

  /** Read a whole (small) body, capped at `maxBytes`; counts the bytes. */
  async readBody(res: Response, maxBytes: number, what: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      this.stats.bytes += chunk.length;
      if (size > maxBytes) {
        res.body.destroy();
        throw new VigiaError('REGISTRY_PROTOCOL', `${what}: response larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  /** Close every pooled connection. */
  async close(): Promise<void> {
    await Promise.all([this.verified.close(), this.unverified.close()]);
  }

  private dispatcherFor(url: URL): Agent {
    return this.isInsecure(url.host) ? this.unverified : this.verified;
  }

  private async probe(host: string): Promise<'https' | 'http'> {
    try {
      const res = await this.request(`https://${host}/v2/`, {
        dispatcher: this.unverified,
        headersTimeout: this.options.timeoutMs,
      });
      this.stats.requests++;
      await res.body.dump().catch(() => undefined);
      return 'https';
    } catch {
      return 'http';
    }
  }
}

/** The first value of a response header. */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

function unreachable(url: URL, what: string, last: string, attempts: number, cause?: unknown): VigiaError {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  return new VigiaError('REGISTRY_UNREACHABLE', `${url.host}: ${what}: ${last} (after ${tries})`, { cause });
}

function networkMessage(err: unknown): string {
  const codes: string[] = [];
  let message = describeError(err);
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    if (e instanceof Error && e.message && e.message !== 'fetch failed') message = e.message;
    e = (e as { cause?: unknown }).cause;
  }
  if (codes.some((c) => /CERT|SELF_SIGNED|UNABLE_TO_|ERR_TLS/.test(c))) {
    return `TLS certificate verification failed (${message}); trust its CA with --ca-file, or use --insecure`;
  }
  return message;
}
