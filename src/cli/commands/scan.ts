import type { Command } from 'commander';
import { VigiaError } from '../../core/errors.js';
import { SCAN_FORMATS } from '../../report/registry.js';
import type { MisconfigFinding } from '../../report/types.js';
import type { CommandContext } from '../context.js';
import { ExitStatus } from '../exit-codes.js';
import { type ImageFlags, addImageOptions, imageOpenOptions } from '../image-options.js';
import { writeResult } from '../io.js';
import {
  collect,
  loadConfig,
  progressByLayer,
  openScanServices,
  parseList,
  parseScanners,
  parseSeverity,
  resolveNow,
} from '../scan-setup.js';
import { VERSION } from '../version.js';

interface ScanFlags extends ImageFlags {
  format: string;
  output?: string;
  severity?: string;
  ignoreUnfixed?: boolean;
  pkgTypes?: string;
  scanners?: string;
  failOn?: string;
  offline?: boolean;
  skipDbUpdate?: boolean;
  cache: boolean;
  ownedLanguagePackages?: boolean;
  includeDevDeps?: boolean;
  timestamp?: string;
  ignorefile?: string;
  vex?: string[];
  base?: string;
  onlyNew?: boolean;
  policy?: string;
  dockerfile?: string;
}

/** Every format `scan --format` accepts (see src/report/registry.ts). */
export { SCAN_FORMATS };

/** `vigia scan IMAGE`: inventory, vulnerabilities, secrets, misconfigurations, verdict. */
export function registerScan(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('scan')
    .description('scan an image for vulnerabilities, secrets and misconfigurations and give a verdict')
    .argument('<image>', 'image reference (see docs/references.md)')
    .option('-f, --format <format>', `output format: ${Object.keys(SCAN_FORMATS).join(', ')}`, 'table')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--severity <list>', 'severities to report, e.g. CRITICAL,HIGH (default: all)')
    .option('--ignore-unfixed', 'leave out vulnerabilities that have no fixed version yet')
    .option('--pkg-types <list>', 'package types to report: os,library', 'os,library')
    .option('--scanners <list>', 'what to look for: vuln,secret,misconfig', 'vuln,secret,misconfig')
    .option('--fail-on <severity>', 'exit 1 when a finding at or above this severity remains')
    .option('--offline', 'never use the network for the advisory database')
    .option('--skip-db-update', 'use the advisory database as it is, even when stale')
    .option('--no-cache', 'do not read or write the layer-fact cache')
    .option('--owned-language-packages', 'also match language packages that belong to OS packages')
    .option('--include-dev-deps', 'keep packages that lockfiles mark as development-only')
    .option('--timestamp <rfc3339>', 'pin the report timestamp (default: $SOURCE_DATE_EPOCH or now)')
    .option('--ignorefile <file>', 'accepted findings (default: ./.vigiaignore.yaml when present)')
    .option(
      '--vex <file>',
      'OpenVEX document whose not_affected/fixed statements suppress findings (repeatable)',
      collect,
      [],
    )
    .option('--base <image>', 'the base image: mark findings inherited from it')
    .option('--dockerfile <file>', 'also check the Dockerfile the image was built from')
    .option('--policy <file>', "the organisation's policy (default: the config file's policy: section)")
    .option('--only-new', "with --base: report and fail only on what the image's own layers added");
  addImageOptions(cmd).action(async (reference: string, flags: ScanFlags) => {
    // Loaded on use so that `--help` and other commands start fast.
    const { defaultScanOptions } = await import('../../scan/scan.js');
    const { runScan } = await import('../../scan/run.js');
    const { loadIgnoreFile } = await import('../../scan/suppress/ignore-file.js');
    const { loadVex } = await import('../../scan/suppress/vex.js');
    const { resolvePolicy } = await import('../../policy/index.js');
    const loadRenderer = SCAN_FORMATS[flags.format];
    if (!loadRenderer) {
      throw new VigiaError(
        'USAGE',
        `--format ${flags.format}: expected one of ${Object.keys(SCAN_FORMATS).join(', ')}`,
      );
    }
    const globals = ctx.globals();
    const now = resolveNow(flags.timestamp, ctx.io.env);
    const options = defaultScanOptions(VERSION, now);
    if (flags.severity)
      options.severities = flags.severity.split(',').map((s) => parseSeverity(s, '--severity'));
    options.ignoreUnfixed = Boolean(flags.ignoreUnfixed);
    options.pkgTypes = parseList(flags.pkgTypes ?? 'os,library', ['os', 'library'] as const, '--pkg-types');
    options.scanners = parseScanners(flags.scanners);
    if (flags.failOn) options.failOn = parseSeverity(flags.failOn, '--fail-on');
    options.ownedLanguagePackages = Boolean(flags.ownedLanguagePackages);
    options.includeDevDependencies = Boolean(flags.includeDevDeps);

    // Check the references before anything slow (a database update) so a typo fails at once.
    const { parseReference } = await import('../../image/index.js');
    parseReference(reference);
    if (flags.base) parseReference(flags.base);
    const config = await loadConfig(flags.config, ctx.io.env);
    const progress = ctx.progress();
    if (flags.onlyNew && !flags.base) throw new VigiaError('USAGE', '--only-new needs --base IMAGE');
    const ignoreFile = await loadIgnoreFile(flags.ignorefile, process.cwd());
    const vex = await Promise.all((flags.vex ?? []).map((path) => loadVex(path)));
    const dockerfileFindings = flags.dockerfile ? await checkDockerfileFile(flags.dockerfile, config) : [];
    const policy = await resolvePolicy({
      ...(flags.policy ? { policyFile: flags.policy } : {}),
      ...(config ? { configFile: config.path } : {}),
    });
    const openOptions = imageOpenOptions(flags, ctx.io.env);
    openOptions.onProgress = (e) => e.kind === 'status' && progress.status(e.message);
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
      const report = await runScan(
        {
          reference,
          open: openOptions,
          options,
          ...(ignoreFile ? { ignoreFile } : {}),
          vex,
          policy,
          ...(flags.base ? { base: { reference: flags.base, onlyNew: Boolean(flags.onlyNew) } } : {}),
        },
        { ...services.deps, dockerfileFindings },
      );
      progress.done();
      const color = !flags.output && Boolean(ctx.io.stdout.isTTY) && !ctx.io.env.NO_COLOR;
      const render = await loadRenderer();
      await writeResult(ctx.io, render(report, { color }), flags.output);
      if (report.verdict.status === 'fail') ctx.exitStatus = ExitStatus.FAILED;
    } finally {
      progress.done();
      services.close();
    }
  });
}

/** Read and check a Dockerfile for `--dockerfile` (approved sources from the config's policy). */
async function checkDockerfileFile(
  path: string,
  config: Awaited<ReturnType<typeof loadConfig>>,
): Promise<MisconfigFinding[]> {
  const { readFile } = await import('node:fs/promises');
  const { approvedSourcesFromConfig, checkDockerfile } = await import('../../checks/dockerfile/index.js');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new VigiaError(
      'FILE_UNREADABLE',
      `${path}: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  const approved = approvedSourcesFromConfig(config);
  return checkDockerfile(text, { path, ...(approved ? { approvedSources: approved } : {}) }).findings;
}
