import pc from 'picocolors';
import type { Severity } from '../types.js';

/** Left-aligned columns, each cell cut to its column's maximum width. */
export function columns(rows: string[][], maxWidths: number[]): string[] {
  const widths = maxWidths.map((max, i) =>
    Math.min(max, Math.max(0, ...rows.map((r) => visible(r[i] ?? '').length))),
  );
  return rows.map((r) =>
    r
      .map((cell, i) => {
        const w = widths[i] ?? 0;
        const text = cut(cell, w);
        return i === r.length - 1 ? text : text.padEnd(w + (text.length - visible(text).length));
      })
      .join('  ')
      .trimEnd(),
  );
}

/** Cut to `max` visible characters with an ellipsis. */
export function cut(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, Math.max(0, max - 1))}…`;
}

function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** A severity word, coloured when colours are on. */
export function severityLabel(s: Severity, color: boolean): string {
  if (!color) return s;
  switch (s) {
    case 'CRITICAL':
      return pc.bold(pc.red(s));
    case 'HIGH':
      return pc.red(s);
    case 'MEDIUM':
      return pc.yellow(s);
    case 'LOW':
      return pc.blue(s);
    default:
      return pc.dim(s);
  }
}

/** `sha256:0123…` → `0123456789ab`. */
export function short(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

/** Bytes in human units. */
export function bytes(n: number | undefined): string {
  if (n === undefined) return '-';
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} B`;
}
