import { createHash, type Hash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { VigiaError, describeError, isVigiaError } from '../core/errors.js';
import { type ChunkSource, EntryBody } from './body.js';
import { SNIFF_BYTES, createDecompressor, sniffCompression } from './decompress.js';
import { toEntryHeader } from './entry.js';
import type { Compression, EntryHeader, LayerRef, OpenedImage } from './types.js';

/** What walking one layer measured. */
export interface LayerWalkResult {
  /** sha256 of the uncompressed tar stream (checked against the config's diff_id). */
  diffID: string;
  /** sha256 of the blob as stored (checked when `layer.verifyDigest`). */
  digest?: string;
  /** The compression found by sniffing the blob's first bytes. */
  compression: Compression;
  compressedBytes: number;
  uncompressedBytes: number;
  /** Tar entries seen (every type, whiteouts included). */
  entries: number;
}

/** Receives each entry in tar order. Read `body` (once) before the returned promise settles. */
export type EntryVisitor = (header: EntryHeader, body: AsyncIterable<Buffer>) => void | Promise<void>;

export interface WalkOptions {
  signal?: AbortSignal;
  /** Called as the stored (compressed) bytes are read, with the running total. */
  onBytes?: (compressedBytesSoFar: number) => void;
}

/** How a layer is named in error messages: image, index and digest. */
export function layerLabel(image: Pick<OpenedImage, 'name'>, layer: LayerRef): string {
  return `${image.name}: layer ${layer.index} (${layer.digest})`;
}

/**
 * Stream one layer exactly once: stored blob → (sniffed) decompression → tar parse, calling
 * `visit` for every entry with its normalised header and its content. Whatever `visit` leaves
 * unread is drained; no file is ever held whole in memory by the walker, and back-pressure runs
 * end to end. At the end the blob digest (when the format carries one) and the diffID are
 * checked. Errors: `LAYER_CORRUPT` (truncated or corrupt compression or tar framing),
 * `DIGEST_MISMATCH`, `UNSAFE_PATH` (an entry escaping the root), each naming the layer; errors
 * thrown by `visit` are passed through unchanged.
 */
export async function walkLayer(
  image: OpenedImage,
  layer: LayerRef,
  visit: EntryVisitor,
  options: WalkOptions = {},
): Promise<LayerWalkResult> {
  const where = layerLabel(image, layer);
  options.signal?.throwIfAborted();
  const stored = await openStored(image, layer, where);
  const { head, stream: raw } = await peek(stored, SNIFF_BYTES, where);
  const compression = sniffCompression(head);
  const decompressor = createDecompressor(compression);

  // The blob digest uses the manifest's algorithm; the diffID is always sha256. One hash serves
  // both when the blob is the tar itself and the algorithms agree.
  const algorithm = layer.verifyDigest && layer.digest.startsWith('sha512:') ? 'sha512' : 'sha256';
  const rawHash = createHash(algorithm);
  const tarHash = decompressor || algorithm !== 'sha256' ? createHash('sha256') : rawHash;
  const counts = { compressed: 0, uncompressed: 0, entries: 0 };
  const rawTap = tap(rawHash, (n) => {
    counts.compressed += n;
    if (!decompressor) counts.uncompressed += n;
    options.onBytes?.(counts.compressed);
  });
  const tarTap =
    decompressor || tarHash !== rawHash
      ? tap(tarHash, (n) => {
          if (decompressor) counts.uncompressed += n;
        })
      : undefined;
  const extract = tar.extract();

  const failure: { stage?: Stage; error?: unknown; visitor?: unknown } = {};
  const record = (stage: Stage) => (err: unknown) => {
    if (failure.error === undefined) Object.assign(failure, { stage, error: err });
    stored.destroy(); // unblock the replaying source so that the pipeline can wind down
  };
  raw.on('error', record('read'));
  decompressor?.on('error', record('decompress'));
  extract.on('error', record('tar'));

  extract.on('entry', (rawHeader, stream, next) => {
    counts.entries++;
    const body = new EntryBody(stream as unknown as ChunkSource, `${where}: ${rawHeader.name}`);
    const done = (err?: unknown) => {
      body.drain();
      if (err === undefined) return next();
      // A visitor failing because the stream under it broke is not the visitor's fault.
      if (failure.error === undefined && failure.visitor === undefined) failure.visitor = err;
      extract.destroy(err instanceof Error ? err : new Error(describeError(err)));
    };
    try {
      const header = toEntryHeader(rawHeader, where);
      Promise.resolve(visit(header, body)).then(() => done(), done);
    } catch (err) {
      done(err);
    }
  });

  const stages = [raw, rawTap, ...(decompressor ? [decompressor] : []), ...(tarTap ? [tarTap] : []), extract];
  try {
    await pipeline(stages, options.signal ? { signal: options.signal } : {});
  } catch (err) {
    throw walkError(err, failure, where, compression, options.signal);
  }

  const result: LayerWalkResult = {
    diffID: `sha256:${tarHash.digest('hex')}`,
    compression,
    compressedBytes: counts.compressed,
    uncompressedBytes: counts.uncompressed,
    entries: counts.entries,
  };
  result.digest = tarHash === rawHash ? result.diffID : `${algorithm}:${rawHash.digest('hex')}`;
  if (layer.verifyDigest && result.digest !== layer.digest) {
    throw new VigiaError(
      'DIGEST_MISMATCH',
      `${where}: blob digest mismatch: expected ${layer.digest}, got ${result.digest}`,
    );
  }
  if (layer.diffID && result.diffID !== layer.diffID) {
    throw new VigiaError(
      'DIGEST_MISMATCH',
      `${where}: diffID mismatch: the config says ${layer.diffID}, the layer's content hashes to ${result.diffID}`,
    );
  }
  return result;
}

type Stage = 'read' | 'decompress' | 'tar';

async function openStored(image: OpenedImage, layer: LayerRef, where: string): Promise<Readable> {
  try {
    return await image.openLayer(layer);
  } catch (err) {
    if (isVigiaError(err)) throw err;
    throw new VigiaError('FILE_UNREADABLE', `${where}: cannot read the layer blob: ${describeError(err)}`, {
      cause: err,
    });
  }
}

/** A pass-through that hashes and counts. */
function tap(hash: Hash, count: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback) {
      hash.update(chunk);
      count(chunk.length);
      callback(null, chunk);
    },
  });
}

/**
 * Read the first `n` bytes of a stream without losing them: returns them and a stream that
 * yields everything from the start.
 */
async function peek(stream: Readable, n: number, where: string): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  try {
    while (length < n) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      chunks.push(next.value);
      length += next.value.length;
    }
  } catch (err) {
    if (isVigiaError(err)) throw err;
    throw new VigiaError('FILE_UNREADABLE', `${where}: cannot read the layer blob: ${describeError(err)}`, {
      cause: err,
    });
  }
  const head = Buffer.concat(chunks, length);
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { head, stream: Readable.from(replay(), { objectMode: false }) };
}

function walkError(
  err: unknown,
  failure: { stage?: Stage; error?: unknown; visitor?: unknown },
  where: string,
  compression: Compression,
  signal: AbortSignal | undefined,
): unknown {
  if (signal?.aborted) return signal.reason ?? err;
  if (failure.visitor !== undefined) return failure.visitor;
  const cause = failure.error ?? err;
  if (isVigiaError(cause)) return cause;
  const detail = describeError(cause);
  switch (failure.stage) {
    case 'decompress':
      return new VigiaError(
        'LAYER_CORRUPT',
        `${where}: truncated or corrupt ${compression} data (${detail})`,
        {
          cause,
        },
      );
    case 'tar':
      return new VigiaError('LAYER_CORRUPT', `${where}: truncated or corrupt tar stream (${detail})`, {
        cause,
      });
    default:
      return new VigiaError('FILE_UNREADABLE', `${where}: cannot read the layer blob: ${detail}`, { cause });
  }
}
