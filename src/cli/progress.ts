import type { CliIO } from './io.js';

/** Progress of long work. Goes to stderr; a bar on a TTY, nothing otherwise. */
export interface Progress {
  /** Start (or restart) a task with a label and an optional total (bytes, items). */
  start(label: string, total?: number): void;
  /** Advance the current task. */
  advance(amount: number): void;
  /** A one-line status update (replaces the label). */
  status(label: string): void;
  /** Clear the bar. */
  done(): void;
}

const silent: Progress = { start() {}, advance() {}, status() {}, done() {} };

/** A progress reporter for the given stderr: a redrawn bar when it is a TTY and not `quiet`. */
export function createProgress(io: CliIO, quiet: boolean): Progress {
  if (quiet || !io.stderr.isTTY) return silent;
  return new TtyProgress(io.stderr);
}

class TtyProgress implements Progress {
  private label = '';
  private total: number | undefined;
  private current = 0;
  private lastDraw = 0;

  constructor(private readonly out: NodeJS.WritableStream) {}

  start(label: string, total?: number): void {
    this.label = label;
    this.total = total;
    this.current = 0;
    this.draw(true);
  }

  advance(amount: number): void {
    this.current += amount;
    this.draw(false);
  }

  status(label: string): void {
    this.label = label;
    this.draw(true);
  }

  done(): void {
    this.out.write('\r\x1b[2K');
  }

  private draw(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 30;
    let bar = '';
    if (this.total && this.total > 0) {
      const ratio = Math.min(1, this.current / this.total);
      const filled = Math.round(ratio * width);
      bar = ` [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(ratio * 100)}%`;
    } else if (this.current > 0) {
      bar = ` ${formatCount(this.current)}`;
    }
    this.out.write(`\r\x1b[2K${this.label}${bar}`);
  }
}

function formatCount(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return String(n);
}
