import { Transform, type TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';
import { Decompress as FzstdDecompress } from 'fzstd';
import type { Compression } from './types.js';

/**
 * Layer stream decompression. The compression is sniffed from the first bytes (gzip `1f 8b`,
 * zstd `28 b5 2f fd`, anything else is taken as a plain tar) rather than trusted from the media
 * type: docker-archive layers are plain tars whatever their names say, and registries mislabel.
 */

const GZIP_MAGIC = [0x1f, 0x8b] as const;
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd] as const;

/** How many leading bytes {@link sniffCompression} needs to decide. */
export const SNIFF_BYTES = 4;

/** The compression of a stream, from its first bytes. */
export function sniffCompression(head: Uint8Array): Compression {
  if (GZIP_MAGIC.every((b, i) => head[i] === b)) return 'gzip';
  if (ZSTD_MAGIC.every((b, i) => head[i] === b)) return 'zstd';
  return 'none';
}

/** Output chunk size of the decompressors: big enough to keep per-chunk overhead low. */
const CHUNK = 128 * 1024;

type ZstdFactory = (options?: { chunkSize?: number }) => Transform;

/** Node's native zstd (Node ≥ 22.15 / 23.8), when this runtime has it. */
function nativeZstd(): ZstdFactory | undefined {
  const factory = (zlib as unknown as { createZstdDecompress?: ZstdFactory }).createZstdDecompress;
  return typeof factory === 'function' ? factory : undefined;
}

/** Which zstd implementation {@link createDecompressor} uses on this runtime. */
export function zstdImplementation(): 'node:zlib' | 'fzstd' {
  return nativeZstd() ? 'node:zlib' : 'fzstd';
}

/**
 * A streaming zstd decoder over fzstd (pure JS), for runtimes without a native one. fzstd's
 * stream decoder handles multi-frame input and skippable frames, and rejects a truncated frame
 * when the stream ends.
 */
export class FzstdTransform extends Transform {
  private readonly decoder: FzstdDecompress;

  constructor() {
    super();
    this.decoder = new FzstdDecompress((chunk) => {
      if (chunk.length > 0) this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    try {
      this.decoder.push(chunk);
      callback();
    } catch (err) {
      callback(zstdError(err));
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.decoder.push(new Uint8Array(0), true);
      callback();
    } catch (err) {
      callback(zstdError(err));
    }
  }
}

function zstdError(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  return new Error(`zstd: ${message}`, { cause: err });
}

/** A decompressing transform for `compression`, or `undefined` for a plain stream. */
export function createDecompressor(compression: Compression): Transform | undefined {
  switch (compression) {
    case 'gzip':
      return zlib.createGunzip({ chunkSize: CHUNK });
    case 'zstd': {
      const native = nativeZstd();
      return native ? native({ chunkSize: CHUNK }) : new FzstdTransform();
    }
    case 'none':
      return undefined;
  }
}
