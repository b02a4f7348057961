import type { Command } from 'commander';
import { VigiaError } from '../../core/errors.js';
import { SBOM_FORMATS } from '../../report/registry.js';
import { openImage } from '../../image/index.js';
import type { CommandContext } from '../context.js';
import { type ImageFlags, addImageOptions, imageOpenOptions } from '../image-options.js';
import { writeResult } from '../io.js';
import { VERSION } from '../version.js';
import { layerProgress, openCache, resolveNow } from '../scan-setup.js';

interface SbomFlags extends ImageFlags {
  format: string;
  output?: string;
  cache: boolean;
  timestamp?: string;
  includeDevDeps?: boolean;
}

/** The SBOM formats (see src/report/registry.ts). */
export { SBOM_FORMATS };

/** `vigia sbom IMAGE`: the inventory (every package and the layer that brought it in), no matching. */
export function registerSbom(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('sbom')
    .description('list every OS and language package of an image and the layer that introduced it')
    .argument('<image>', 'image reference (see docs/references.md)')
    .option('-f, --format <format>', `output format: ${Object.keys(SBOM_FORMATS).join(', ')}`, 'table')
    .option('-o, --output <file>', 'write the result to a file instead of stdout')
    .option('--no-cache', 'do not read or write the layer-fact cache')
    .option('--include-dev-deps', 'keep packages that lockfiles mark as development-only')
    .option('--timestamp <rfc3339>', 'pin the document timestamp (default: $SOURCE_DATE_EPOCH or now)');
  addImageOptions(cmd).action(async (reference: string, flags: SbomFlags) => {
    // Loaded on use so that `--help` and other commands start fast.
    const { defaultScanOptions, scanImage } = await import('../../scan/scan.js');
    const loadRenderer = SBOM_FORMATS[flags.format];
    if (!loadRenderer) {
      throw new VigiaError(
        'USAGE',
        `--format ${flags.format}: expected one of ${Object.keys(SBOM_FORMATS).join(', ')}`,
      );
    }
    const globals = ctx.globals();
    const options = defaultScanOptions(VERSION, resolveNow(flags.timestamp, ctx.io.env));
    options.scanners = [];
    options.includeDevDependencies = Boolean(flags.includeDevDeps);
    const progress = ctx.progress();
    const openOptions = imageOpenOptions(flags, ctx.io.env);
    openOptions.onProgress = (e) => e.kind === 'status' && progress.status(e.message);
    const cache = openCache(globals.cacheDir, flags.cache);
    const image = await openImage(reference, openOptions);
    try {
      const report = await scanImage(image, options, {
        ...(cache ? { cache } : {}),
        onEvent: layerProgress(progress, image.layers),
      });
      progress.done();
      const render = await loadRenderer();
      await writeResult(ctx.io, render(report, { color: false }), flags.output);
    } finally {
      progress.done();
      await image.close();
      cache?.close();
    }
  });
}
