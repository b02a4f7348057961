import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { VigiaError } from '../core/errors.js';

const ALGORITHMS: Record<string, string> = { sha256: 'sha256', sha512: 'sha512' };

/** A hash for a digest's algorithm; unknown algorithms are `REGISTRY_PROTOCOL`. */
export function hashFor(digest: string, what: string): Hash {
  const algorithm = ALGORITHMS[digest.slice(0, digest.indexOf(':'))];
  if (!algorithm)
    throw new VigiaError('REGISTRY_PROTOCOL', `${what}: unsupported digest algorithm in ${digest}`);
  return createHash(algorithm);
}

/** `algorithm:hex` of `bytes` using `digest`'s algorithm. */
export function digestOf(bytes: Buffer, digest: string, what: string): string {
  return `${digest.slice(0, digest.indexOf(':'))}:${hashFor(digest, what).update(bytes).digest('hex')}`;
}

/** Check bytes against an expected digest; mismatch → `DIGEST_MISMATCH` naming `what`. */
export function verifyBytes(bytes: Buffer, digest: string, what: string): void {
  const actual = digestOf(bytes, digest, what);
  if (actual !== digest) {
    throw new VigiaError('DIGEST_MISMATCH', `${what}: content hashes to ${actual}, expected ${digest}`);
  }
}

/**
 * A pass-through stream that hashes what flows through it and, at the end, fails with
 * `DIGEST_MISMATCH` when the content does not match `digest`; more bytes than `size` fail as soon
 * as they arrive, fewer are `LAYER_CORRUPT` (truncated). `onBytes` sees each chunk's length (transfer counters).
 */
export class DigestVerifier extends Transform {
  private readonly hash: Hash;
  private seen = 0;

  constructor(
    private readonly digest: string,
    private readonly what: string,
    private readonly size: number | undefined,
    private readonly onBytes?: (n: number) => void,
  ) {
    super();
    this.hash = hashFor(digest, what);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    this.onBytes?.(chunk.length);
    if (this.size !== undefined && this.seen > this.size) {
      done(
        new VigiaError(
          'DIGEST_MISMATCH',
          `${this.what}: more than the ${this.size} bytes the manifest declares`,
        ),
      );
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.size !== undefined && this.seen !== this.size) {
      done(
        new VigiaError(
          'LAYER_CORRUPT',
          `${this.what}: got ${this.seen} bytes, the manifest declares ${this.size} (truncated blob)`,
        ),
      );
      return;
    }
    const actual = `${this.digest.slice(0, this.digest.indexOf(':'))}:${this.hash.digest('hex')}`;
    if (actual !== this.digest) {
      done(
        new VigiaError(
          'DIGEST_MISMATCH',
          `${this.what}: content hashes to ${actual}, expected ${this.digest}`,
        ),
      );
      return;
    }
    done();
  }
}
