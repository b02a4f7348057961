import { VigiaError } from '../core/errors.js';

/** The minimal readable-stream surface an entry body needs (Node and streamx streams both fit). */
export interface ChunkSource {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/**
 * A tar entry's content, readable once as an async iterable, with back-pressure (the source is
 * paused while a chunk waits). Leaving the loop early (`break`) never destroys the source: the
 * walker then drains the rest with {@link EntryBody.drain}. A second iteration is a bug and throws.
 */
export class EntryBody implements AsyncIterable<Buffer> {
  private readonly queue: Buffer[] = [];
  private ended = false;
  private failed: Error | undefined;
  private wake: (() => void) | undefined;
  private iterated = false;
  private draining = false;

  constructor(
    private readonly source: ChunkSource,
    private readonly name: string,
  ) {
    source.on('data', (chunk: Buffer) => {
      if (this.draining) return;
      this.queue.push(chunk);
      source.pause();
      this.notify();
    });
    source.on('end', () => {
      this.ended = true;
      this.notify();
    });
    source.on('close', () => {
      if (!this.ended && !this.failed) this.failed = new Error(`${name}: entry stream closed early`);
      this.notify();
    });
    source.on('error', (err: Error) => {
      this.failed = err;
      this.notify();
    });
    source.pause();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    if (this.iterated) {
      throw new VigiaError('INTERNAL', `${this.name}: an entry body can only be read once`);
    }
    this.iterated = true;
    return {
      next: async (): Promise<IteratorResult<Buffer>> => {
        for (;;) {
          if (this.draining) return { value: undefined, done: true };
          const chunk = this.queue.shift();
          if (chunk) return { value: chunk, done: false };
          if (this.failed) throw this.failed;
          if (this.ended) return { value: undefined, done: true };
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            this.source.resume();
          });
        }
      },
      return: async (): Promise<IteratorResult<Buffer>> => ({ value: undefined, done: true }),
    };
  }

  /** Discard whatever the visitor left unread, letting the source flow to its end. */
  drain(): void {
    this.draining = true;
    this.queue.length = 0;
    this.source.resume();
  }
}

/**
 * Read a body into one buffer, up to `maxBytes`. Returns the bytes and whether the content was
 * longer than the cap (then only the first `maxBytes` are returned and the rest is left unread).
 */
export async function readCapped(
  body: AsyncIterable<Buffer>,
  maxBytes: number,
): Promise<{ data: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    if (length + chunk.length > maxBytes) {
      chunks.push(chunk.subarray(0, maxBytes - length));
      return { data: Buffer.concat(chunks, maxBytes), truncated: true };
    }
    chunks.push(chunk);
    length += chunk.length;
  }
  return { data: Buffer.concat(chunks, length), truncated: false };
}
