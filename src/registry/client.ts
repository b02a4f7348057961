import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { VigiaError, describeError } from '../core/errors.js';
import { MAX_CONFIG_BYTES, MAX_MANIFEST_BYTES } from '../image/index.js';
import { parseChallenges } from './auth/challenge.js';
import type { AuthSession } from './auth/session.js';
import { MANIFEST_ACCEPT } from './manifest.js';
import { headerValue, type Transport } from './transport.js';
import { DigestVerifier, verifyBytes } from './verify.js';

const MAX_REDIRECTS = 5;
const MAX_AUTH_ROUNDS = 3;

type Target = { kind: 'manifest'; ref: string } | { kind: 'blob'; digest: string; label: string };

/** A fetched manifest: the bytes as served (their digest is the manifest digest) and its type. */
export interface FetchedManifest {
  bytes: Buffer;
  contentType: string | undefined;
  /** `Docker-Content-Digest` when the registry sent one. */
  headerDigest: string | undefined;
}

/**
 * The distribution-spec pull API of one repository on one endpoint: manifests and blobs, with
 * authentication challenges answered, same-origin auth re-applied across redirects (dropped on
 * cross-origin ones, e.g. to object storage), and errors mapped to vigia's codes.
 */
export class RepositoryClient {
  constructor(
    private readonly transport: Transport,
    private readonly auth: AuthSession,
    /** `host[:port]` the API is served on. */
    readonly host: string,
    /** The registry as shown to people (`docker.io`, a mirror host, `127.0.0.1:5000`). */
    readonly registry: string,
    /** Repository path on this endpoint (mirror prefix included). */
    readonly repository: string,
  ) {}

  /** GET a manifest by tag or digest with every supported `Accept` type. */
  async manifest(ref: string): Promise<FetchedManifest> {
    const target: Target = { kind: 'manifest', ref };
    const res = await this.get(`manifests/${ref}`, { accept: MANIFEST_ACCEPT }, target);
    const bytes = await this.transport.readBody(res, MAX_MANIFEST_BYTES, this.describe(target));
    return {
      bytes,
      contentType: headerValue(res.headers['content-type']),
      headerDigest: headerValue(res.headers['docker-content-digest']),
    };
  }

  /** GET a small blob (the image config) whole, verified against its digest. */
  async smallBlob(digest: string, label: string): Promise<Buffer> {
    const target: Target = { kind: 'blob', digest, label };
    this.transport.stats.blobRequests++;
    const res = await this.get(`blobs/${digest}`, {}, target);
    const bytes = await this.transport.readBody(res, MAX_CONFIG_BYTES, this.describe(target));
    verifyBytes(bytes, digest, this.describe(target));
    return bytes;
  }

  /**
   * Stream a blob, verified against `digest` (and `size`) as it flows. Retries happen only before
   * the first body byte; a connection lost mid-body is `REGISTRY_UNREACHABLE`.
   */
  async blobStream(
    digest: string,
    label: string,
    size: number | undefined,
    onBytes: (n: number) => void,
  ): Promise<Readable> {
    const target: Target = { kind: 'blob', digest, label };
    const what = this.describe(target);
    this.transport.stats.blobRequests++;
    const res = await this.get(`blobs/${digest}`, {}, target);
    const verifier = new DigestVerifier(digest, what, size, (n) => {
      this.transport.stats.bytes += n;
      this.transport.stats.layerBytes += n;
      onBytes(n);
    });
    res.body.on('error', (err: unknown) => {
      const lost = new VigiaError(
        'REGISTRY_UNREACHABLE',
        `${what}: interrupted mid-download: ${describeError(err)}`,
        {
          cause: err,
        },
      );
      verifier.destroy(lost);
    });
    verifier.on('close', () => {
      if (!res.body.destroyed) res.body.destroy();
    });
    res.body.pipe(verifier);
    return verifier;
  }

  /** `registry/repository@digest (label)` or `registry/repository:tag`, for messages. */
  describe(target: Target): string {
    if (target.kind === 'manifest') {
      const sep = target.ref.includes(':') ? '@' : ':';
      return `${this.registry}/${this.repository}${sep}${target.ref}`;
    }
    return `${this.registry}/${this.repository}: ${target.label} ${target.digest}`;
  }

  private async get(
    path: string,
    headers: Record<string, string>,
    target: Target,
  ): Promise<Dispatcher.ResponseData> {
    const base = new URL(await this.transport.baseUrl(this.host));
    let url = new URL(`/v2/${this.repository}/${path}`, base);
    const what = target.kind === 'manifest' ? `manifest ${target.ref}` : `blob ${target.digest}`;
    let redirects = 0;
    let authRounds = 0;
    for (;;) {
      const sameOrigin = url.origin === base.origin;
      const h: Record<string, string> = { 'user-agent': 'vigia', ...headers };
      const authorization = sameOrigin ? this.auth.headerFor(this.host, this.repository) : undefined;
      if (authorization) h.authorization = authorization;
      const res = await this.transport.send(url, 'GET', h, `${this.repository}: ${what}`);
      const status = res.statusCode;
      if (status === 200) return res;
      if (status >= 300 && status < 400 && status !== 304) {
        const location = headerValue(res.headers.location);
        await res.body.dump();
        if (!location) throw this.protocol(target, `HTTP ${status} redirect without Location`);
        if (++redirects > MAX_REDIRECTS) throw this.protocol(target, `more than ${MAX_REDIRECTS} redirects`);
        url = new URL(location, url);
        continue;
      }
      if (status === 401 && sameOrigin && authRounds < MAX_AUTH_ROUNDS) {
        authRounds++;
        const challenges = parseChallenges(res.headers['www-authenticate']);
        await res.body.dump();
        const answer = await this.auth.answer(this.host, this.registry, this.repository, challenges);
        if (answer.retry) continue;
        throw answer.error;
      }
      const body = await this.transport
        .readBody(res, 64 << 10, this.describe(target))
        .catch(() => Buffer.alloc(0));
      if (status === 401 || status === 403)
        throw await this.auth.refused(this.registry, this.repository, status);
      if (status === 404) throw this.notFound(target, body);
      throw this.protocol(target, `HTTP ${status}${registryMessage(body)}`);
    }
  }

  private notFound(target: Target, body: Buffer): VigiaError {
    if (target.kind === 'blob') {
      return new VigiaError(
        'BLOB_MISSING',
        `${this.describe(target)}: not found in the registry${registryMessage(body)}`,
      );
    }
    const isDigest = target.ref.includes(':');
    const why = isDigest ? 'no manifest with this digest' : 'tag not found';
    return new VigiaError('IMAGE_NOT_FOUND', `${this.describe(target)}: ${why}${registryMessage(body)}`);
  }

  private protocol(target: Target, why: string): VigiaError {
    return new VigiaError('REGISTRY_PROTOCOL', `${this.describe(target)}: ${why}`);
  }
}

/** The first error of a distribution-spec error body, as ` (CODE: message)`. */
function registryMessage(body: Buffer): string {
  try {
    const json = JSON.parse(body.toString('utf8')) as { errors?: { code?: unknown; message?: unknown }[] };
    const first = json.errors?.[0];
    if (!first) return '';
    const parts = [first.code, first.message].filter((p) => typeof p === 'string' && p.length > 0);
    return parts.length ? ` (${parts.join(': ')})` : '';
  } catch {
    return '';
  }
}
