import type { StreamAnalyzer, StreamSink } from '../../analyzers/types.js';
import type { SecretHit } from '../../core/secrets.js';
import type { Warning } from '../../core/warnings.js';
import type { EntryHeader } from '../../image/types.js';
import { toHits } from './hits.js';
import type { SecretScanner } from './scanner.js';
import type { CompiledRule, RawMatch } from './types.js';

/** Bytes looked at to decide text or binary: a NUL byte among them means binary (as git does). */
export const SNIFF_BYTES = 8000;
/** Text is scanned in blocks of about this size (cut at line ends). */
const BLOCK_BYTES = 256 * 1024;
/** A line longer than this is cut at a delimiter so that memory stays bounded. */
const MAX_LINE_BYTES = 1024 * 1024;

/** Options of the streaming secret analyzer. */
export interface SecretAnalyzerOptions {
  /** Files larger than this are not scanned; defaults to the scanner's cap. */
  maxFileBytes?: number;
}

/**
 * The streaming secret analyzer: every regular, non-empty file of every layer (minus paths an
 * allow-rule exempts) is a candidate. The first 8000 bytes decide text or binary (a NUL byte →
 * binary, skipped without a finding). Text larger than the cap is skipped with a
 * `secret-scan-skipped` warning. Text is scanned in blocks cut at line ends, with a carry-over
 * for multi-line rules (private keys), so matches that cross chunk boundaries are found, line
 * numbers run across chunks, and no file is ever held whole.
 */
export function createSecretAnalyzer(
  scanner: SecretScanner,
  options: SecretAnalyzerOptions = {},
): StreamAnalyzer<SecretHit> {
  const cap = options.maxFileBytes ?? scanner.maxFileBytes;
  const version =
    cap === scanner.maxFileBytes ? scanner.version : ((scanner.version * 31 + cap) % 0x7fffffff) + 1;
  return {
    id: 'secrets',
    version,
    wants: (header: EntryHeader) =>
      header.type === 'file' && header.size > 0 && scanner.scansPath(header.path),
    start: (header: EntryHeader) => new SecretSink(scanner, header, cap),
  };
}

type State = 'sniff' | 'scan' | 'skip';

class SecretSink implements StreamSink<SecretHit> {
  private state: State = 'sniff';
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Absolute offset and line of `pending[0][0]`. */
  private base = 0;
  private baseLine = 1;
  /** Absolute offset up to which the text has been scanned. */
  private scannedTo = 0;
  /** Pending size that triggers the next scan (grows while one long line is unfinished). */
  private threshold = BLOCK_BYTES;
  private readonly seen = new Set<string>();
  private readonly hits: SecretHit[] = [];
  private readonly warnings: Warning[] = [];

  constructor(
    private readonly scanner: SecretScanner,
    private readonly header: EntryHeader,
    private readonly cap: number,
  ) {}

  write(chunk: Buffer): void {
    if (this.state === 'skip' || chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.state === 'sniff') {
      if (this.pendingBytes >= SNIFF_BYTES) this.decide();
      return;
    }
    if (this.pendingBytes >= this.threshold) this.process(false);
  }

  end(): { results: SecretHit[]; warnings: Warning[] } {
    if (this.state === 'sniff') this.decide();
    if (this.state === 'scan') this.process(true);
    this.state = 'skip';
    this.pending = [];
    return { results: this.hits, warnings: this.warnings };
  }

  private decide(): void {
    const head = this.joined();
    if (head.subarray(0, SNIFF_BYTES).includes(0)) return this.skip();
    if (this.header.size > this.cap) {
      this.warnings.push({
        code: 'secret-scan-skipped',
        message: `${this.header.path}: not scanned for secrets: ${this.header.size} bytes is over the ${this.cap}-byte cap`,
        path: this.header.path,
      });
      return this.skip();
    }
    this.state = 'scan';
    if (this.pendingBytes >= BLOCK_BYTES) this.process(false);
  }

  private skip(): void {
    this.state = 'skip';
    this.pending = [];
    this.pendingBytes = 0;
  }

  private joined(): Buffer {
    const buf = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [buf];
    return buf;
  }

  /** Scan what is pending up to its last line end (or all of it at the end of the file). */
  private process(final: boolean): void {
    const buf = this.joined();
    const cut = final ? buf.length : this.cutPoint(buf);
    if (cut === undefined) {
      this.threshold = this.pendingBytes + BLOCK_BYTES; // one long unfinished line: wait for more
      return;
    }
    this.threshold = BLOCK_BYTES;
    let carry = cut;
    const active = this.scanner.candidates(buf.subarray(0, cut));
    if (active.length > 0) {
      // latin1: one character per byte, so string offsets are byte offsets.
      const region = buf.toString('latin1', 0, cut);
      const fresh = this.scanner
        .scan(region, this.header.path, active)
        .filter((m) => this.base + m.end > this.scannedTo && this.firstTime(m));
      this.hits.push(...toHits(fresh, region, this.header.path, this.baseLine, decodeLatin1));
      if (!final) carry = openMultiline(region, cut, active);
    }
    this.scannedTo = this.base + cut;
    this.baseLine += countNewlines(buf, carry);
    this.base += carry;
    const rest = buf.subarray(carry);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
  }

  /** Where to cut `buf` (after its last newline in unscanned data), or undefined to wait. */
  private cutPoint(buf: Buffer): number | undefined {
    const unscanned = this.scannedTo - this.base;
    const newline = buf.lastIndexOf(10);
    if (newline >= unscanned) return newline + 1;
    if (buf.length - unscanned < MAX_LINE_BYTES) return undefined;
    // A very long line: cut after a delimiter no token contains.
    for (let i = buf.length - 1; i > buf.length - 4096; i--) {
      if (DELIMITERS.has(buf[i]!)) return i + 1;
    }
    return buf.length;
  }

  private firstTime(m: RawMatch): boolean {
    const key = `${m.rule.rule.id}@${this.base + m.start}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}

/** Bytes that end a token: whitespace, quotes and punctuation around values. */
const DELIMITERS = new Set([...' \t\r\n"\'`,;<>(){}[]'].map((c) => c.charCodeAt(0)));

/**
 * Where the next block must start so that a multi-line match begun in `region` and not yet ended
 * (a private key cut by the block end) is scanned whole: the start of its first line, or `cut`.
 */
function openMultiline(region: string, cut: number, active: readonly CompiledRule[]): number {
  let from = cut;
  for (const { rule } of active) {
    if (!rule.multiline) continue;
    const { start, end, maxBytes } = rule.multiline;
    const at = region.lastIndexOf(start);
    if (at < 0 || cut - at > maxBytes) continue;
    if (end && region.indexOf(end, at) >= 0) continue;
    from = Math.min(from, region.lastIndexOf('\n', at) + 1);
  }
  return from;
}

function decodeLatin1(s: string): string {
  return Buffer.from(s, 'latin1').toString('utf8');
}

/** Number of newline bytes in `buf[0, to)`. */
function countNewlines(buf: Buffer, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(10); i >= 0 && i < to; i = buf.indexOf(10, i + 1)) n++;
  return n;
}
