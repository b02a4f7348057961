import type { Command } from 'commander';
import { VigiaError } from '../../core/errors.js';
import { type ImageDescription, describeImage, openImage } from '../../image/index.js';
import type { CommandContext } from '../context.js';
import { type ImageFlags, addImageOptions, imageOpenOptions } from '../image-options.js';
import { writeResult } from '../io.js';

interface InspectFlags extends ImageFlags {
  format: string;
  output?: string;
}

const FORMATS = ['table', 'json'] as const;

/** `vigia inspect IMAGE`: platform, config and layers (walked to count files and sizes). */
export function registerInspect(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('inspect')
    .description("show an image's platform, config and layers (digest, diffID, sizes, files, history)")
    .argument(
      '<image>',
      'image reference: archive, OCI layout, dir:PATH or registry reference (see docs/references.md)',
    )
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'table')
    .option('-o, --output <file>', 'write the result to a file instead of stdout');
  addImageOptions(cmd).action(async (reference: string, flags: InspectFlags) => {
    if (!(FORMATS as readonly string[]).includes(flags.format)) {
      throw new VigiaError('USAGE', `--format ${flags.format}: expected one of ${FORMATS.join(', ')}`);
    }
    const progress = ctx.progress();
    const options = imageOpenOptions(flags, ctx.io.env);
    options.onProgress = (e) => {
      if (e.kind === 'status') progress.status(e.message);
    };
    const image = await openImage(reference, options);
    let description: ImageDescription;
    let last = 0;
    try {
      description = await describeImage(image, {
        onLayer: (layer, count) => {
          progress.start(`layer ${layer.index + 1}/${count} ${shortDigest(layer.digest)}`, layer.size);
          last = 0;
        },
        onBytes: (_layer, n) => {
          progress.advance(n - last);
          last = n;
        },
      });
    } finally {
      progress.done();
      await image.close();
    }
    const text =
      flags.format === 'json' ? `${JSON.stringify(description, null, 2)}\n` : renderTable(description);
    await writeResult(ctx.io, text, flags.output);
  });
}

/** `sha256:0123456789abcdef…` → `0123456789ab`. */
export function shortDigest(digest: string): string {
  return digest.replace(/^[a-z0-9]+:/, '').slice(0, 12);
}

/** Bytes in binary units, one decimal. */
export function humanSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

function list(values: string[] | null | undefined): string {
  return values && values.length > 0 ? JSON.stringify(values) : '(none)';
}

/** The human-readable rendering of `vigia inspect`. */
export function renderTable(d: ImageDescription): string {
  const c = d.config;
  const hc = c.healthcheck;
  const fields: [string, string | string[]][] = [
    ['Image', `${d.reference} (${d.source})`],
    ['Tags', d.repoTags.length ? d.repoTags.join(', ') : '(none)'],
    ['Platform', d.platform],
    ...(d.indexDigest ? ([['Index', d.indexDigest]] as [string, string][]) : []),
    ...(d.manifestDigest ? ([['Manifest', d.manifestDigest]] as [string, string][]) : []),
    ['Config', d.configDigest],
    ['Created', d.created ?? '(unknown)'],
    ['User', c.user || '(not set: root)'],
    ['WorkingDir', c.workingDir || '(not set)'],
    ['Entrypoint', list(c.entrypoint)],
    ['Cmd', list(c.cmd)],
    ['Env', c.env.length ? c.env : '(none)'],
    ['Ports', c.exposedPorts.length ? c.exposedPorts.join(', ') : '(none)'],
    ['Volumes', c.volumes.length ? c.volumes.join(', ') : '(none)'],
    [
      'Labels',
      Object.keys(c.labels).length ? Object.entries(c.labels).map(([k, v]) => `${k}=${v}`) : '(none)',
    ],
    [
      'Healthcheck',
      hc
        ? `${JSON.stringify(hc.test)}${hc.intervalSeconds ? ` every ${hc.intervalSeconds}s` : ''}`
        : '(none)',
    ],
  ];
  const lines: string[] = [];
  for (const [key, value] of fields) {
    const values = Array.isArray(value) ? value : [value];
    values.forEach((v, i) => lines.push(`${(i === 0 ? key : '').padEnd(12)}${v}`));
  }
  lines.push('');
  const header = ['LAYER', 'DIGEST', 'DIFF ID', 'COMPRESSED', 'SIZE', 'FILES', 'CREATED BY'];
  const rows = d.layers.map((l) => [
    String(l.index),
    shortDigest(l.digest),
    shortDigest(l.diffID),
    humanSize(l.compressedSize),
    humanSize(l.uncompressedSize),
    String(l.files),
    oneLine(l.createdBy ?? ''),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  lines.push(line(header), ...rows.map(line));
  const t = d.totals;
  lines.push(
    '',
    `${t.layers} layer${t.layers === 1 ? '' : 's'}, ${humanSize(t.compressedSize)} compressed, ${humanSize(t.uncompressedSize)} uncompressed, ${t.files} files`,
  );
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
