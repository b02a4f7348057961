import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { describeError, VigiaError } from '../../core/errors.js';

/** Entries larger than this are refused (a zip bomb, not an advisory). */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

const WINDOW_BYTES = 4 * 1024 * 1024;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;

/** What the callback gets for each file of the zip. */
export interface ZipEntryData {
  name: string;
  data: Buffer;
}

/**
 * Read every file entry of the zip at `file`, in central-directory order. yauzl parses the
 * central directory; entry data is read through two cached 4 MiB windows of the file (bounded
 * memory, no per-entry I/O round trip) and inflated synchronously. Each entry's size and CRC-32
 * are checked against the central directory (yauzl itself does not check CRCs). A damaged or
 * truncated zip is a FEED_INVALID error naming `label` (the URL or path).
 */
export async function forEachZipEntry(
  file: string,
  label: string,
  onEntry: (entry: ZipEntryData) => void,
  onTooLarge: (name: string, size: number) => void,
): Promise<number> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new VigiaError('FILE_UNREADABLE', `${label}: cannot read: ${describeError(err)}`, { cause: err });
  }
  try {
    const reader = new WindowedReader(fd, fstatSync(fd).size);
    const zip = await yauzl
      .fromRandomAccessReaderPromise(reader, reader.size, { lazyEntries: true, autoClose: false })
      .catch((err: unknown) => Promise.reject(invalid(label, err)));
    return await new Promise<number>((resolve, reject) => {
      let count = 0;
      zip.on('error', (err: unknown) => reject(invalid(label, err)));
      zip.on('end', () => resolve(count));
      zip.on('entry', (entry: yauzl.Entry) => {
        try {
          if (!entry.fileName.endsWith('/')) {
            if (entry.uncompressedSize > MAX_ENTRY_BYTES) onTooLarge(entry.fileName, entry.uncompressedSize);
            else {
              onEntry({ name: entry.fileName, data: readEntry(reader, entry, label) });
              count++;
            }
          }
        } catch (err) {
          reject(err instanceof VigiaError ? err : invalid(label, err));
          return;
        }
        zip.readEntry();
      });
      zip.readEntry();
    });
  } finally {
    closeSync(fd);
  }
}

function readEntry(reader: WindowedReader, entry: yauzl.Entry, label: string): Buffer {
  const where = `${label}: ${entry.fileName}`;
  if (entry.generalPurposeBitFlag & 0x1) throw new VigiaError('FEED_INVALID', `${where}: encrypted entry`);
  const header = reader.bytes(entry.relativeOffsetOfLocalHeader, 30);
  if (header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) {
    throw new VigiaError('FEED_INVALID', `${where}: bad local file header (corrupt zip)`);
  }
  const dataStart =
    entry.relativeOffsetOfLocalHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = reader.bytes(dataStart, entry.compressedSize);
  let data: Buffer;
  if (entry.compressionMethod === 0) data = raw;
  else if (entry.compressionMethod === 8) {
    try {
      data = inflateRawSync(raw, { maxOutputLength: MAX_ENTRY_BYTES });
    } catch (err) {
      throw new VigiaError('FEED_INVALID', `${where}: cannot inflate (${describeError(err)})`, {
        cause: err,
      });
    }
  } else
    throw new VigiaError(
      'FEED_INVALID',
      `${where}: unsupported compression method ${entry.compressionMethod}`,
    );
  if (data.length !== entry.uncompressedSize) {
    throw new VigiaError(
      'FEED_INVALID',
      `${where}: ${data.length} bytes, the zip directory says ${entry.uncompressedSize}`,
    );
  }
  if (crc32(data) >>> 0 !== entry.crc32 >>> 0)
    throw new VigiaError('FEED_INVALID', `${where}: CRC-32 mismatch (corrupt zip)`);
  return data;
}

/** A RandomAccessReader over a file descriptor that serves reads from two cached windows. */
class WindowedReader extends yauzl.RandomAccessReader {
  private windows: { start: number; buf: Buffer }[] = [];

  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {
    super();
  }

  /** `length` bytes at `position`; throws at end of file (a truncated zip). */
  bytes(position: number, length: number): Buffer {
    if (position < 0 || position + length > this.size) {
      throw new Error(
        `unexpected end of file: wanted bytes ${position}..${position + length} of ${this.size}`,
      );
    }
    for (const w of this.windows) {
      if (position >= w.start && position + length <= w.start + w.buf.length) {
        return w.buf.subarray(position - w.start, position - w.start + length);
      }
    }
    if (length > WINDOW_BYTES) return this.load(position, length);
    const buf = this.load(position, Math.min(WINDOW_BYTES, this.size - position));
    this.windows = [{ start: position, buf }, ...this.windows].slice(0, 2);
    return buf.subarray(0, length);
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    try {
      this.bytes(position, length).copy(buffer, offset);
    } catch (err) {
      process.nextTick(callback, err as Error);
      return;
    }
    process.nextTick(callback, null, length);
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return Readable.from([this.bytes(start, end - start)]);
  }

  override close(callback: (err: Error | null) => void): void {
    process.nextTick(callback, null);
  }

  private load(position: number, length: number): Buffer {
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, buf, got, length - got, position + got);
      if (n === 0) throw new Error(`unexpected end of file at byte ${position + got}`);
      got += n;
    }
    return buf;
  }
}

function invalid(label: string, err: unknown): VigiaError {
  return new VigiaError('FEED_INVALID', `${label}: not a valid zip file (${describeError(err)})`, {
    cause: err,
  });
}
