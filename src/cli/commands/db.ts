import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import {
  AdvisoryStore,
  dataAgeDays,
  defaultDbDir,
  ensureFreshEnough,
  exportStore,
  importPath,
  resolveDbSettings,
  updateStore,
  type DbFlags,
  type DbSettings,
} from '../../advisories/index.js';
import { renderStatus, renderUpdateReport, type StatusView } from '../../advisories/render.js';
import { findConfigFile, loadSourceFile } from '../../config/load.js';
import type { CommandContext } from '../context.js';
import { writeResult } from '../io.js';
import type { CommandRegistration } from './registry.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

interface CommonOpts {
  config?: string;
  format: 'text' | 'json';
}

/** `vigia db update|status|import|export`: the advisory database. */
export const registerDb: CommandRegistration = (program: Command, ctx: CommandContext) => {
  const db = program
    .command('db')
    .description('manage the advisory database (update, status, import, export)')
    .showHelpAfterError('(run with --help for usage)');

  db.command('update')
    .description('download the configured advisory feeds and rebuild the store atomically')
    .option(
      '--ecosystems <list>',
      'only these OSV ecosystems, comma-separated (others are kept as they are)',
      list,
    )
    .option('--osv-url <url>', 'OSV base URL (<url>/<Ecosystem>/all.zip); env VIGIA_OSV_URL')
    .option('--secdb-url <url>', 'Alpine secdb base URL (<url>/v3.X/main.json); env VIGIA_SECDB_URL')
    .option('--kev-url <url>', 'CISA KEV catalogue URL; env VIGIA_KEV_URL')
    .option('--timeout <seconds>', 'give up on a feed silent for this long (default 30)', positive)
    .option('--retries <n>', 'retries per feed on 5xx, reset or stall (default 4)', count)
    .option('--lock-timeout <seconds>', 'wait this long for another update to finish', positive, 60)
    .option('--config <file>', 'config file (default: $VIGIA_CONFIG or ./vigia.yaml)')
    .option('--format <format>', 'report format: text or json', format, 'text')
    .action(
      async (
        opts: CommonOpts & {
          ecosystems?: string[];
          osvUrl?: string;
          secdbUrl?: string;
          kevUrl?: string;
          timeout?: number;
          retries?: number;
          lockTimeout: number;
        },
      ) => {
        const flags: DbFlags = {
          ...(opts.osvUrl !== undefined ? { osvUrl: opts.osvUrl } : {}),
          ...(opts.secdbUrl !== undefined ? { secdbUrl: opts.secdbUrl } : {}),
          ...(opts.kevUrl !== undefined ? { kevUrl: opts.kevUrl } : {}),
          ...(opts.timeout !== undefined ? { timeoutSeconds: opts.timeout } : {}),
          ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
        };
        const settings = await settingsFor(ctx, opts.config, flags);
        const report = await updateStore({
          dbDir: defaultDbDir(ctx.globals().cacheDir),
          settings,
          ...(opts.ecosystems ? { only: opts.ecosystems } : {}),
          lockTimeoutMs: opts.lockTimeout * 1000,
          progress: ctx.progress(),
          userAgent: `vigia/${VERSION}`,
          vigiaVersion: VERSION,
        });
        for (const note of report.notes) ctx.io.stderr.write(`vigia: note: ${note}\n`);
        await writeResult(
          ctx.io,
          opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderUpdateReport(report),
        );
      },
    );

  db.command('status')
    .description('show the store: schema, build time, age, feeds and counts (warns when stale)')
    .option('--max-age-days <days>', 'warn when the data is older (default 3, or db.maxAgeDays)', positive)
    .option('--config <file>', 'config file (default: $VIGIA_CONFIG or ./vigia.yaml)')
    .option('--format <format>', 'output format: text or json', format, 'text')
    .action(async (opts: CommonOpts & { maxAgeDays?: number }) => {
      const settings = await settingsFor(
        ctx,
        opts.config,
        opts.maxAgeDays !== undefined ? { maxAgeDays: opts.maxAgeDays } : {},
      );
      const store = AdvisoryStore.open(defaultDbDir(ctx.globals().cacheDir));
      let view: StatusView;
      const now = new Date();
      try {
        const metadata = store.metadata();
        const warning = ensureFreshEnough(metadata, settings.maxAgeDays, now);
        view = {
          metadata,
          ageDays: dataAgeDays(metadata, now),
          maxAgeDays: settings.maxAgeDays,
          stale: warning !== undefined,
          counts: store.counts(),
          ecosystems: store.ecosystems(),
        };
        if (warning) ctx.io.stderr.write(`vigia: warning: ${warning.message}\n`);
        const json = {
          ...view,
          ageDays: Number(view.ageDays.toFixed(3)),
          warnings: warning ? [warning] : [],
        };
        await writeResult(
          ctx.io,
          opts.format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : renderStatus(view),
        );
      } finally {
        store.close();
      }
    });

  db.command('import <path>')
    .description(
      'import offline: an OSV zip/dir/JSON, an Alpine secdb file, the KEV catalogue, or a `db export` file',
    )
    .option('--lock-timeout <seconds>', 'wait this long for another update to finish', positive, 60)
    .option('--format <format>', 'report format: text or json', format, 'text')
    .action(async (path: string, opts: Omit<CommonOpts, 'config'> & { lockTimeout: number }) => {
      const result = await importPath(path, {
        dbDir: defaultDbDir(ctx.globals().cacheDir),
        lockTimeoutMs: opts.lockTimeout * 1000,
        progress: ctx.progress(),
        vigiaVersion: VERSION,
      });
      if (result.kind === 'store') {
        const text = `imported store built ${result.builtAt} (${result.sources} feeds) into ${result.path}\n`;
        await writeResult(ctx.io, opts.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : text);
        return;
      }
      for (const note of result.report.notes) ctx.io.stderr.write(`vigia: note: ${note}\n`);
      const out =
        opts.format === 'json'
          ? `${JSON.stringify(result.report, null, 2)}\n`
          : renderUpdateReport(result.report);
      await writeResult(ctx.io, out);
    });

  db.command('export <file>')
    .description(
      'write the whole store to one file (gzip-compressed if FILE ends in .gz) for air-gapped machines',
    )
    .action(async (file: string) => {
      const { bytes, metadata } = await exportStore(defaultDbDir(ctx.globals().cacheDir), file);
      ctx.io.stderr.write(
        `vigia: wrote ${file} (${bytes} bytes, store built ${metadata.builtAt}, ${metadata.sources.length} feeds)\n`,
      );
    });
};

async function settingsFor(
  ctx: CommandContext,
  explicit: string | undefined,
  flags: DbFlags,
): Promise<DbSettings> {
  const path = findConfigFile(process.cwd(), ctx.io.env, explicit);
  const file = path ? await loadSourceFile(path) : undefined;
  return resolveDbSettings(file, ctx.io.env, flags);
}

function list(value: string): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('expected a comma-separated list of OSV ecosystems');
  return items;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

function format(value: string): 'text' | 'json' {
  if (value !== 'text' && value !== 'json') throw new InvalidArgumentError('expected text or json');
  return value;
}
