import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { describeError, isVigiaError, VigiaError } from '../core/errors.js';
import {
  isRetryableNetworkError,
  isRetryableStatus,
  retryDelayMs,
  sleep,
  type RetryPolicy,
} from '../net/retry.js';
import { writeFailed } from './fsutil.js';

/** How to fetch one feed. */
export interface DownloadOptions {
  /** Idle timeout: no response headers, or no body bytes, for this long aborts the attempt. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** Validators from the previous fetch; a 304 answer then means "unchanged". */
  conditional?: { etag?: string; lastModified?: string };
  userAgent?: string;
  /** Progress: called once per attempt with Content-Length (if any), then with each chunk's size. */
  onStart?: (total: number | undefined) => void;
  onBytes?: (n: number) => void;
}

/** `not-modified`: the server answered 304 to the validators; `ok`: the file is in `dest`. */
export type DownloadResult =
  | { status: 'not-modified' }
  | { status: 'ok'; size: number; digest: string; etag?: string; lastModified?: string };

/** An attempt that may succeed if tried again (5xx, reset, stall, truncated or corrupt transfer). */
class Transient extends Error {
  constructor(
    message: string,
    readonly code: 'FEED_UNAVAILABLE' | 'FEED_INVALID',
    readonly retryAfter?: string | null,
  ) {
    super(message);
  }
}

/**
 * GET `url` into the file `dest` (streamed, never held in memory), with conditional headers,
 * an idle timeout on headers and body, retries with backoff on transient failures, and checks
 * of Content-Length and of `x-goog-hash: md5=…` when the server sends it (the OSV bucket does).
 * Errors: FEED_UNAVAILABLE (network, HTTP status), FEED_INVALID (size/checksum mismatch),
 * WRITE_FAILED (the temp file), each naming the URL or file.
 */
export async function download(url: string, dest: string, opts: DownloadOptions): Promise<DownloadResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptDownload(url, dest, opts);
    } catch (err) {
      if (isVigiaError(err)) throw err;
      const transient =
        err instanceof Transient
          ? err
          : isRetryableNetworkError(err)
            ? new Transient(describeNetworkError(err, opts), 'FEED_UNAVAILABLE')
            : undefined;
      if (!transient)
        throw new VigiaError('FEED_UNAVAILABLE', `${url}: ${describeNetworkError(err, opts)}`, {
          cause: err,
        });
      if (attempt >= opts.retry.retries) {
        const tries = attempt + 1;
        throw new VigiaError(
          transient.code,
          `${url}: ${transient.message}${tries > 1 ? ` (after ${tries} attempts)` : ''}`,
          { cause: err },
        );
      }
      await sleep(retryDelayMs(attempt, opts.retry, transient.retryAfter));
    }
  }
}

async function attemptDownload(url: string, dest: string, opts: DownloadOptions): Promise<DownloadResult> {
  const ctrl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () =>
        ctrl.abort(new DOMException(`no data for ${opts.timeoutMs / 1000} s (timed out)`, 'TimeoutError')),
      opts.timeoutMs,
    );
  };
  const headers: Record<string, string> = {
    'accept-encoding': 'identity',
    'user-agent': opts.userAgent ?? 'vigia',
  };
  if (opts.conditional?.etag) headers['if-none-match'] = opts.conditional.etag;
  if (opts.conditional?.lastModified) headers['if-modified-since'] = opts.conditional.lastModified;
  arm();
  try {
    const res = await fetch(url, { headers, signal: ctrl.signal, redirect: 'follow' });
    if (res.status === 304 && opts.conditional) {
      await res.body?.cancel();
      return { status: 'not-modified' };
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      const what = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
      if (isRetryableStatus(res.status))
        throw new Transient(what, 'FEED_UNAVAILABLE', res.headers.get('retry-after'));
      throw new VigiaError('FEED_UNAVAILABLE', `${url}: ${what}`);
    }
    const lengthHeader = res.headers.get('content-length');
    const encoded =
      !!res.headers.get('content-encoding') && res.headers.get('content-encoding') !== 'identity';
    const expected = lengthHeader && !encoded ? Number(lengthHeader) : undefined;
    opts.onStart?.(expected);
    const { size, sha256, md5 } = await saveBody(res, dest, arm, opts);
    if (expected !== undefined && size !== expected) {
      throw new Transient(
        `truncated or oversized transfer: got ${size} bytes, Content-Length says ${expected}`,
        'FEED_INVALID',
      );
    }
    const googMd5 = encoded ? undefined : parseGoogMd5(res.headers.get('x-goog-hash'));
    if (googMd5 && googMd5 !== md5) {
      throw new Transient(
        `checksum mismatch: x-goog-hash md5=${googMd5}, received md5=${md5}`,
        'FEED_INVALID',
      );
    }
    const etag = res.headers.get('etag') ?? undefined;
    const lastModified = res.headers.get('last-modified') ?? undefined;
    return {
      status: 'ok',
      size,
      digest: `sha256:${sha256}`,
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    };
  } finally {
    clearTimeout(timer);
  }
}

async function saveBody(
  res: Response,
  dest: string,
  arm: () => void,
  opts: DownloadOptions,
): Promise<{ size: number; sha256: string; md5: string }> {
  let fh: FileHandle;
  try {
    fh = await open(dest, 'w');
  } catch (err) {
    throw writeFailed(dest, err);
  }
  const sha = createHash('sha256');
  const md5 = createHash('md5');
  let size = 0;
  try {
    const reader = res.body?.getReader();
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      arm();
      sha.update(value);
      md5.update(value);
      size += value.byteLength;
      try {
        await fh.write(value);
      } catch (err) {
        await reader.cancel().catch(() => undefined);
        throw writeFailed(dest, err);
      }
      opts.onBytes?.(value.byteLength);
    }
  } finally {
    await fh.close().catch(() => undefined);
  }
  return { size, sha256: sha.digest('hex'), md5: md5.digest('base64') };
}

/** The base64 MD5 in `x-goog-hash: crc32c=…, md5=…`, if present. */
export function parseGoogMd5(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const [k, ...v] = part.trim().split('=');
    if (k?.toLowerCase() === 'md5' && v.length) return v.join('=');
  }
  return undefined;
}

function describeNetworkError(err: unknown, opts: DownloadOptions): string {
  if (err instanceof DOMException && err.name === 'TimeoutError') return err.message;
  if ((err as { name?: string }).name === 'TimeoutError')
    return `no data for ${opts.timeoutMs / 1000} s (timed out)`;
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return describeError(err);
}
