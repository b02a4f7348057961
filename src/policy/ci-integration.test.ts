import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCAN_FORMATS } from '../cli/commands/scan.js';
import { buildProgram } from '../cli/main.js';
import { REPO_ROOT } from '../test-support/fixtures.js';

/**
 * The CI files (action.yml, ci/gitlab/vigia.gitlab-ci.yml) call `vigia scan` with flags and
 * formats; these tests hold them to the real CLI. `PENDING` lists what the issue specifies for
 * `scan` but the CLI does not have yet (wired by the scan command's owner): remove an entry
 * once it exists, and never add one that the issue does not name.
 */
const SPECIFIED = new Set([
  '--format',
  '--output',
  '--policy',
  '--fail-on',
  'format:table',
  'format:json',
  'format:sarif',
  'format:junit',
  'format:markdown',
  'format:cyclonedx',
  'format:spdx',
  'format:html',
  'format:gitlab',
]);
const PENDING = new Set(['format:sarif', 'format:markdown']);

const CLI_SCAN = await loadCliScan();

function cliScan(): { flags: Set<string>; formats: Set<string> } {
  return CLI_SCAN;
}

async function loadCliScan(): Promise<{ flags: Set<string>; formats: Set<string> }> {
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), env: {} };
  const { program } = await buildProgram(io, ['scan']);
  const scan = program.commands.find((c) => c.name() === 'scan');
  const flags = new Set([...(scan?.options ?? []), ...program.options].map((o) => o.long ?? ''));
  return { flags, formats: new Set(Object.keys(SCAN_FORMATS)) };
}

/** The `--flags` and `--format X` values of every `vigia scan` call in some shell text. */
function scanCalls(text: string): { flags: string[]; formats: string[] } {
  const flags: string[] = [];
  const formats: string[] = [];
  for (const line of text.split('\n')) {
    if (!/args(\+)?=\(|vigia scan|_ARGS="/.test(line)) continue;
    for (const m of line.matchAll(/(?<![\w-])(--[a-z][a-z-]*)/g)) flags.push(m[1] ?? '');
    for (const m of line.matchAll(/--format "?([a-z]+)"?/g)) formats.push(m[1] ?? '');
  }
  return { flags, formats };
}

function expectKnown(used: { flags: string[]; formats: string[] }): void {
  const cli = cliScan();
  for (const flag of used.flags) {
    expect(cli.flags.has(flag) || PENDING.has(flag), `vigia scan has no ${flag}`).toBe(true);
  }
  for (const format of used.formats) {
    const key = `format:${format}`;
    expect(cli.formats.has(format) || PENDING.has(key), `vigia scan has no --format ${format}`).toBe(true);
  }
}

interface ActionStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean; description: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

describe('action.yml (GitHub composite action)', () => {
  const text = readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8');
  const action = parse(text) as Action;
  const steps = action.runs.steps;

  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['image', 'policy', 'format', 'output', 'fail-on', 'upload-sarif', 'summary']),
    );
    expect(action.inputs.image?.required).toBe(true);
    for (const step of steps)
      if (step.run) expect(step, `${step.name} needs a shell`).toHaveProperty('shell');
  });

  it('calls vigia scan only with flags and formats the CLI has (or the issue specifies, pending)', () => {
    const used = scanCalls(steps.map((s) => s.run ?? '').join('\n'));
    expect(new Set(used.flags)).toEqual(new Set(['--format', '--output', '--policy', '--fail-on']));
    expect(new Set(used.formats)).toEqual(new Set(['sarif', 'markdown']));
    expectKnown(used);
    const formatDefault = action.inputs.format?.default ?? '';
    expect(cliScan().formats.has(formatDefault)).toBe(true);
  });

  it('wires inputs to the flags: policy, format, output and fail-on reach the scan', () => {
    const scan = steps.find((s) => s.id === 'scan');
    expect(scan?.env).toMatchObject({
      INPUT_IMAGE: '${{ inputs.image }}',
      INPUT_POLICY: '${{ inputs.policy }}',
      INPUT_FORMAT: '${{ inputs.format }}',
      INPUT_OUTPUT: '${{ inputs.output }}',
      INPUT_FAIL_ON: '${{ inputs.fail-on }}',
    });
    expect(scan?.run).toContain('args+=(--policy "$INPUT_POLICY")');
    expect(scan?.run).toContain('args+=(--fail-on "$INPUT_FAIL_ON")');
    expect(scan?.run).toContain('args+=(--output "$INPUT_OUTPUT")');
  });

  it('uploads SARIF only when asked, and writes the Markdown summary to $GITHUB_STEP_SUMMARY', () => {
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.if).toContain("inputs.upload-sarif == 'true'");
    expect(upload?.with?.sarif_file).toBe('${{ steps.sarif.outputs.sarif }}');
    const summary = steps.find((s) => s.run?.includes('GITHUB_STEP_SUMMARY'));
    expect(summary?.run).toMatch(/--format markdown --output "\$summary"/);
    expect(summary?.run).toContain('cat "$summary" >> "$GITHUB_STEP_SUMMARY"');
  });

  it('references only inputs and step ids that exist, and ends with the verdict', () => {
    for (const m of text.matchAll(/inputs\.([a-z-]+)/g)) expect(action.inputs).toHaveProperty([m[1] ?? '']);
    const ids = new Set(steps.map((s) => s.id).filter(Boolean));
    for (const m of text.matchAll(/steps\.([a-z-]+)\./g)) expect(ids.has(m[1])).toBe(true);
    expect(steps.at(-1)?.run).toBe('exit "$STATUS"');
    expect(steps.at(-1)?.env?.STATUS).toBe('${{ steps.scan.outputs.exit-code }}');
  });
});

describe('ci/gitlab/vigia.gitlab-ci.yml (GitLab CI template)', () => {
  const text = readFileSync(join(REPO_ROOT, 'ci/gitlab/vigia.gitlab-ci.yml'), 'utf8');
  const doc = parse(text) as Record<string, unknown>;
  const job = doc.vigia_container_scanning as {
    stage: string;
    image: string;
    variables: Record<string, string>;
    script: string[];
    artifacts: { when: string; reports: { container_scanning: string }; paths: string[] };
  };

  it('publishes the report it writes as a container_scanning artifact, whatever the verdict', () => {
    expect(job.artifacts.when).toBe('always');
    expect(job.artifacts.reports.container_scanning).toBe(job.variables.VIGIA_REPORT);
    expect(job.artifacts.paths).toContain(job.variables.VIGIA_REPORT);
    expect(job.script.join('\n')).toContain('--format gitlab --output "$VIGIA_REPORT"');
  });

  it('calls vigia scan only with flags and formats the CLI has (or the issue specifies, pending)', () => {
    const used = scanCalls(job.script.join('\n'));
    expect(new Set(used.formats)).toEqual(new Set(['gitlab', 'table']));
    expectKnown(used);
    expect(job.script.join('\n')).toContain('POLICY_ARGS="--policy $VIGIA_POLICY"');
    expect(job.script.join('\n')).toContain('FAIL_ARGS="--fail-on $VIGIA_FAIL_ON"');
  });
});

describe('the pending list', () => {
  it('names only flags and formats the issue specifies', () => {
    for (const p of PENDING) expect(SPECIFIED.has(p)).toBe(true);
  });
});
