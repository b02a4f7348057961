import type { Command } from 'commander';
import { VigiaError } from '../../core/errors.js';
import { severityRank } from '../../report/types.js';
import type { CommandContext } from '../context.js';
import { ExitStatus } from '../exit-codes.js';
import { type ImageFlags, addImageOptions, imageOpenOptions } from '../image-options.js';
import { writeResult } from '../io.js';
import {
  loadConfig,
  openScanServices,
  parseScanners,
  parseSeverity,
  progressByLayer,
  resolveNow,
} from '../scan-setup.js';
import { VERSION } from '../version.js';

interface CompareFlags extends ImageFlags {
  format: string;
  output?: string;
  scanners?: string;
  failOn?: string;
  offline?: boolean;
  skipDbUpdate?: boolean;
  cache: boolean;
  timestamp?: string;
}

const FORMATS = ['table', 'json'] as const;

/** `vigia compare BASE IMAGE`: what the image's own layers added to its base. */
export function registerCompare(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('compare')
    .description("scan a base image and an image built on it, and show what the image's own layers added")
    .argument('<base>', 'the base image')
    .argument('<image>', 'the image built on it')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'table')
    .option('-o, --output <file>', 'write the result to a file instead of stdout')
    .option('--scanners <list>', 'what to look for: vuln,secret,misconfig', 'vuln,secret,misconfig')
    .option('--fail-on <severity>', 'exit 1 when the image adds a finding at or above this severity')
    .option('--offline', 'never use the network for the advisory database')
    .option('--skip-db-update', 'use the advisory database as it is, even when stale')
    .option('--no-cache', 'do not read or write the layer-fact cache')
    .option('--timestamp <rfc3339>', 'pin the timestamp');
  addImageOptions(cmd).action(async (baseRef: string, imageRef: string, flags: CompareFlags) => {
    if (!(FORMATS as readonly string[]).includes(flags.format)) {
      throw new VigiaError('USAGE', `--format ${flags.format}: expected one of ${FORMATS.join(', ')}`);
    }
    const { defaultScanOptions } = await import('../../scan/scan.js');
    const { scanReference } = await import('../../scan/run.js');
    const { compareReports } = await import('../../scan/compare.js');
    const { renderComparisonJson, renderComparisonTable } = await import('../../report/compare/index.js');

    const globals = ctx.globals();
    const now = resolveNow(flags.timestamp, ctx.io.env);
    const options = defaultScanOptions(VERSION, now);
    options.scanners = parseScanners(flags.scanners);
    const failOn = flags.failOn ? parseSeverity(flags.failOn, '--fail-on') : undefined;
    // Check the references before anything slow (a database update) so a typo fails at once.
    const { parseReference } = await import('../../image/index.js');
    parseReference(baseRef);
    parseReference(imageRef);
    const config = await loadConfig(flags.config, ctx.io.env);
    const open = imageOpenOptions(flags, ctx.io.env);
    const progress = ctx.progress();
    const services = await openScanServices({
      cacheDir: globals.cacheDir,
      config,
      env: ctx.io.env,
      now,
      scanners: options.scanners,
      offline: Boolean(flags.offline),
      skipDbUpdate: Boolean(flags.skipDbUpdate),
      useCache: flags.cache,
      onEvent: progressByLayer(progress),
    });
    try {
      const deps = services.deps;
      const base = await scanReference(baseRef, open, options, deps);
      const image = await scanReference(imageRef, open, options, { ...deps, warnings: [] });
      progress.done();
      const comparison = compareReports(base, image);
      const text =
        flags.format === 'json' ? renderComparisonJson(comparison) : renderComparisonTable(comparison);
      await writeResult(ctx.io, text, flags.output);
      if (failOn) {
        const added = [
          ...comparison.vulnerabilities.added,
          ...comparison.secrets.added,
          ...comparison.misconfigs.added,
        ];
        if (added.some((f) => severityRank(f.severity) >= severityRank(failOn)))
          ctx.exitStatus = ExitStatus.FAILED;
      }
    } finally {
      progress.done();
      services.close();
    }
  });
}
