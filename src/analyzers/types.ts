import type { AnalyzerResult } from '../core/facts.js';
import type { EntryHeader } from '../image/types.js';
import type { Warning } from '../core/warnings.js';

/** Default cap on the bytes an analyzer may ask to hold in memory for one file. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/** The file an analyzer asked for, with its bytes (at most `maxBytes`). */
export interface AnalyzerInput {
  header: EntryHeader;
  content: Buffer;
}

/**
 * An analyzer turns the files of one layer into facts. It is pure: no I/O, no state between
 * files. It says from the tar header alone (`wants`) whether it needs a file, before any byte of
 * it is read; the walker then hands it the file's bytes. Its `version` is part of the
 * layer-cache key: bump it whenever its output changes.
 */
export interface Analyzer {
  readonly id: string;
  readonly version: number;
  /** Cheap decision from the path and header. Called for every entry of every layer. */
  wants(header: EntryHeader): boolean;
  /**
   * Largest file it will read; a bigger file is skipped with a `file-too-large` warning.
   * `0` means header-only: `analyze` receives an empty buffer. Defaults to DEFAULT_MAX_FILE_BYTES.
   */
  readonly maxBytes?: number;
  analyze(input: AnalyzerInput): AnalyzerResult;
}

/**
 * A streaming analyzer reads a file in chunks and never holds it whole (secret scanning).
 * `start` is called once per wanted file; chunks arrive in order; `end` returns the results,
 * which are cached with the layer's facts.
 */
export interface StreamAnalyzer<T> {
  readonly id: string;
  readonly version: number;
  wants(header: EntryHeader): boolean;
  start(header: EntryHeader): StreamSink<T>;
}

export interface StreamSink<T> {
  write(chunk: Buffer): void;
  end(): { results: T[]; warnings: Warning[] };
}
