import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  approvedSourcesFromConfig,
  checkDockerfile,
  type DockerfileResult,
} from '../../checks/dockerfile/index.js';
import { VigiaError } from '../../core/errors.js';
import { columns, severityLabel } from '../../report/table/text.js';
import { severityRank, type Severity } from '../../report/types.js';
import type { CommandContext } from '../context.js';
import { ExitStatus } from '../exit-codes.js';
import { writeResult } from '../io.js';
import { loadConfig, parseSeverity } from '../scan-setup.js';

interface ConfigFlags {
  format: string;
  output?: string;
  config?: string;
  failOn: string;
}

const FORMATS = ['table', 'json'] as const;

/** Default `--fail-on`: a HIGH or CRITICAL finding fails the check (documented in docs/checks.md). */
export const CONFIG_DEFAULT_FAIL_ON = 'HIGH';

/**
 * `vigia config DOCKERFILE`: check a Dockerfile. Exit 0 when no finding is at or above
 * `--fail-on` (default HIGH; `none` never fails), 1 when one is, 3 when the Dockerfile or the
 * config file cannot be read or is invalid.
 */
export function registerConfig(program: Command, ctx: CommandContext): void {
  program
    .command('config')
    .description(
      'check a Dockerfile for misconfigurations (base image, user, ADD, apt/apk, secrets, curl | sh)',
    )
    .argument('<dockerfile>', 'the Dockerfile to check')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'table')
    .option('-o, --output <file>', 'write the result to a file instead of stdout')
    .option(
      '--config <file>',
      'config file whose policy.approvedSources lists approved base registries (default: $VIGIA_CONFIG or ./vigia.yaml)',
    )
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding is at or above this severity (LOW, MEDIUM, HIGH, CRITICAL, or none)',
      CONFIG_DEFAULT_FAIL_ON,
    )
    .action(async (path: string, flags: ConfigFlags) => {
      if (!(FORMATS as readonly string[]).includes(flags.format)) {
        throw new VigiaError('USAGE', `--format ${flags.format}: expected one of ${FORMATS.join(', ')}`);
      }
      const failOn =
        flags.failOn.toLowerCase() === 'none' ? undefined : parseSeverity(flags.failOn, '--fail-on');
      const approvedSources = approvedSourcesFromConfig(await loadConfig(flags.config, ctx.io.env));
      const text = await readDockerfile(path);
      const result = checkDockerfile(text, { path, ...(approvedSources ? { approvedSources } : {}) });
      const color = !flags.output && Boolean(ctx.io.stdout.isTTY) && !ctx.io.env.NO_COLOR;
      const out = flags.format === 'json' ? renderJson(path, result) : renderTable(path, result, color);
      await writeResult(ctx.io, out, flags.output);
      if (failOn && result.findings.some((f) => severityRank(f.severity) >= severityRank(failOn))) {
        ctx.exitStatus = ExitStatus.FAILED;
      }
    });
}

async function readDockerfile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new VigiaError('FILE_UNREADABLE', `${path}: cannot read: ${code}`, { cause: err });
  }
  if (bytes.subarray(0, 8000).includes(0)) {
    throw new VigiaError('FILE_UNREADABLE', `${path}: binary file, not a Dockerfile`);
  }
  return bytes.toString('utf8');
}

function renderJson(path: string, result: DockerfileResult): string {
  const summary: Record<Severity, number> = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
  for (const f of result.findings) summary[f.severity]++;
  return `${JSON.stringify({ file: path, summary, findings: result.findings, warnings: result.warnings }, null, 2)}\n`;
}

function renderTable(path: string, result: DockerfileResult, color: boolean): string {
  const lines: string[] = [];
  if (result.findings.length === 0) {
    lines.push(`${path}: no misconfiguration found`);
  } else {
    const rows = [['LINE', 'SEVERITY', 'CHECK', 'TITLE', 'EVIDENCE']];
    for (const f of result.findings) {
      rows.push([
        String(f.line ?? ''),
        severityLabel(f.severity, color),
        f.checkId,
        f.title,
        f.evidence.value ?? '',
      ]);
    }
    lines.push(`${path}: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}`, '');
    lines.push(...columns(rows, [6, 8, 10, 48, 80]));
    lines.push('', 'Remediation:');
    const seen = new Set<string>();
    for (const f of result.findings) {
      if (seen.has(f.checkId)) continue;
      seen.add(f.checkId);
      lines.push(`  ${f.checkId}  ${f.remediation}`);
    }
  }
  for (const w of result.warnings) lines.push(`warning: ${w.message}`);
  return `${lines.join('\n')}\n`;
}
