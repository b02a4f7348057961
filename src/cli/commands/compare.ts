import type { Command } from 'commander';
import type { AdvisoryStore } from '../../advisories/index.js';
import { VigiaError } from '../../core/errors.js';
import { severityRank, type FindingKind } from '../../report/types.js';
import type { CommandContext } from '../context.js';
import { ExitStatus } from '../exit-codes.js';
import { type ImageFlags, addImageOptions, imageOpenOptions } from '../image-options.js';
import { writeResult } from '../io.js';
import {
  loadConfig,
  openCache,
  parseList,
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
    const { databaseInfo } = await import('../../scan/database.js');
    const { prepareStore, resolveDbSettings } = await import('../../advisories/index.js');
    const { createSecretScanner, loadSecretConfig } = await import('../../checks/secrets/index.js');
    const { renderComparisonJson, renderComparisonTable } = await import('../../report/compare/index.js');

    const globals = ctx.globals();
    const now = resolveNow(flags.timestamp, ctx.io.env);
    const options = defaultScanOptions(VERSION, now);
    options.scanners = parseList<FindingKind>(
      flags.scanners ?? 'vuln,secret,misconfig',
      ['vulnerability', 'secret', 'misconfig'],
      '--scanners',
      { vuln: 'vulnerability', secrets: 'secret' },
    );
    const failOn = flags.failOn ? parseSeverity(flags.failOn, '--fail-on') : undefined;
    const config = await loadConfig(flags.config, ctx.io.env);
    let store: AdvisoryStore | undefined;
    const warnings = [];
    if (options.scanners.includes('vulnerability')) {
      const prepared = await prepareStore({
        cacheDir: globals.cacheDir,
        settings: resolveDbSettings(config, ctx.io.env),
        offline: Boolean(flags.offline),
        skipDbUpdate: Boolean(flags.skipDbUpdate),
        now,
        vigiaVersion: VERSION,
      });
      store = prepared.store;
      warnings.push(...prepared.warnings);
    }
    const open = imageOpenOptions(flags, ctx.io.env);
    const progress = ctx.progress();
    const cache = openCache(globals.cacheDir, flags.cache);
    try {
      const deps = {
        ...(cache ? { cache } : {}),
        ...(store ? { store, database: databaseInfo(store.metadata(), now) } : {}),
        secretScanner: createSecretScanner(loadSecretConfig(config)),
        warnings,
        onEvent: progressByLayer(progress),
      };
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
      cache?.close();
      store?.close();
    }
  });
}
