import type { Warning } from '../../core/warnings.js';
import { normaliseReference } from '../../policy/sources.js';
import { formatReference } from '../../registry/reference.js';
import type { MisconfigFinding } from '../../report/types.js';
import type { CheckDefinition } from '../misconfig/catalogue.js';
import { isRootUser } from '../misconfig/config-checks.js';
import { makeFinding } from '../misconfig/finding.js';
import { redact } from '../secrets/redact.js';
import { isPlaceholderValue, isSecretName } from '../shared/secret-names.js';
import { apkAdd, aptInstall, downloadPipedToShell } from '../shared/shell.js';
import { DOCKERFILE_CHECKS as C } from './catalogue.js';
import type { DockerfileInstruction, DockerfileStage, ParsedDockerfile } from './parse.js';
import { matchesSource } from './sources.js';

/** What the Dockerfile checks need besides the file. */
export interface DockerfileCheckOptions {
  /** The Dockerfile's path, as shown in findings. */
  path: string;
  /** Approved base sources (`policy.approvedSources`); the registry check runs only when given. */
  approvedSources?: readonly string[];
}

/** Collects findings and warnings for one Dockerfile. */
class Results {
  readonly findings: MisconfigFinding[] = [];
  readonly warnings: Warning[] = [];
  constructor(private readonly path: string) {}

  add(
    check: CheckDefinition,
    key: string,
    instruction: DockerfileInstruction,
    value: string,
    line = instruction.line,
  ): void {
    this.findings.push(makeFinding(check, 'dockerfile', key, { line, value }, { file: this.path, line }));
  }

  warn(code: string, instruction: DockerfileInstruction, message: string): void {
    this.warnings.push({ code, message: `${this.path}:${instruction.line}: ${message}`, path: this.path });
  }
}

/** Run every Dockerfile check; findings sorted by line, then check id. */
export function runDockerfileChecks(
  parsed: ParsedDockerfile,
  options: DockerfileCheckOptions,
): { findings: MisconfigFinding[]; warnings: Warning[] } {
  const r = new Results(options.path);
  fromChecks(parsed, options, r);
  userCheck(parsed, r);
  for (const stage of parsed.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'ADD') addChecks(instruction, r);
      if (instruction.keyword === 'RUN') runChecks(instruction, r);
    }
  }
  const declarations = [...parsed.globalArgs, ...parsed.stages.flatMap((s) => s.instructions)];
  for (const instruction of declarations) secretChecks(instruction, r);
  r.findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.checkId.localeCompare(b.checkId));
  return r;
}

function fromChecks(parsed: ParsedDockerfile, options: DockerfileCheckOptions, r: Results): void {
  const stageNames = new Set<string>();
  for (const stage of parsed.stages) {
    const ref = stage.image;
    const text = `FROM ${ref}`;
    const isStage = stageNames.has(ref.toLowerCase());
    if (stage.name) stageNames.add(stage.name);
    if (isStage || ref.toLowerCase() === 'scratch') continue;
    if (ref.includes('$')) {
      r.warn(
        'dockerfile-unresolved-from',
        stage.from,
        `FROM ${ref}: a variable without a default; base image not checked`,
      );
      continue;
    }
    const parsedRef = normaliseReference(ref);
    if (!parsedRef) {
      r.warn(
        'dockerfile-bad-from',
        stage.from,
        `FROM ${ref}: not a valid image reference; base image not checked`,
      );
      continue;
    }
    const digest = ref.includes('@');
    const name = ref.split('@')[0]!;
    const tag =
      name.lastIndexOf(':') > name.lastIndexOf('/') ? name.slice(name.lastIndexOf(':') + 1) : undefined;
    if (!digest && (tag === undefined || tag === 'latest'))
      r.add(C.latestTag, `from:${ref}`, stage.from, text);
    if (!digest) r.add(C.noDigest, `from:${ref}`, stage.from, text);
    const approved = options.approvedSources;
    if (approved && !approved.some((p) => matchesSource(ref, p))) {
      r.add(
        C.unapprovedRegistry,
        `from:${formatReference(parsedRef)}`,
        stage.from,
        `${text} (${formatReference(parsedRef)})`,
      );
    }
  }
}

/** The final stage's user: its last USER, else that of the stage it builds on. */
function userCheck(parsed: ParsedDockerfile, r: Results): void {
  const final = parsed.stages.at(-1)!;
  const byName = new Map(parsed.stages.filter((s) => s.name).map((s) => [s.name!, s]));
  let stage: DockerfileStage | undefined = final;
  const seen = new Set<DockerfileStage>();
  while (stage && !seen.has(stage)) {
    seen.add(stage);
    const user = stage.instructions.filter((i) => i.keyword === 'USER').at(-1);
    if (user) {
      const value = user.args[0] ?? '';
      if (value.includes('$'))
        return r.warn('dockerfile-unresolved-user', user, `USER ${value}: cannot tell whether it is root`);
      if (isRootUser(value)) r.add(C.rootUser, 'user', user, `USER ${value}`);
      return;
    }
    stage = byName.get(stage.image.toLowerCase());
  }
  r.add(C.rootUser, 'user', final.from, `no USER in the final stage (FROM ${final.image})`);
}

const ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;
const REMOTE = /^(?:https?|ftp):\/\//i;
const GIT = /^(?:git@|git:\/\/|https?:\/\/\S+\.git(?:#|$))/i;

function addChecks(instruction: DockerfileInstruction, r: Results): void {
  const sources = instruction.command.startsWith('<<') ? [] : instruction.args.slice(0, -1);
  const text = firstLine(instruction);
  const remote = sources.filter((s) => REMOTE.test(s) && !GIT.test(s));
  for (const url of remote) {
    if (!instruction.flags.has('checksum')) r.add(C.addRemoteUrl, `add:${url}`, instruction, `ADD ${url}`);
  }
  const local = sources.every((s) => !REMOTE.test(s) && !GIT.test(s) && !ARCHIVE.test(s));
  if (local) r.add(C.addInsteadOfCopy, `add:${sources.join(' ') || instruction.command}`, instruction, text);
}

function runChecks(instruction: DockerfileInstruction, r: Results): void {
  const command = instruction.command;
  const cacheMounts = (instruction.flags.get('mount') ?? []).flatMap((m): string[] => {
    const opts = new Map<string, string>();
    for (const kv of m.split(',')) {
      const eq = kv.indexOf('=');
      opts.set(eq < 0 ? kv : kv.slice(0, eq), eq < 0 ? '' : kv.slice(eq + 1));
    }
    const target = opts.get('target') ?? opts.get('dst') ?? opts.get('destination');
    return opts.get('type') === 'cache' && target ? [target] : [];
  });
  const key = `run:${command.replace(/\s+/g, ' ')}`;
  const apt = aptInstall(command, { cacheMounts });
  if (apt) {
    const line = lineOf(instruction, /\binstall\b/);
    if (!apt.noInstallRecommends) r.add(C.aptRecommends, key, instruction, cut(apt.install), line);
    if (!apt.cleansLists) r.add(C.aptLists, key, instruction, cut(apt.install), line);
  }
  const apk = apkAdd(command, { cacheMounts });
  if (apk && !apk.noCache)
    r.add(C.apkCache, key, instruction, cut(apk.add), lineOf(instruction, /\bapk\b.*\badd\b/));
  const piped = downloadPipedToShell(command);
  if (piped) r.add(C.curlPipeShell, key, instruction, cut(piped), lineOf(instruction, piped.slice(0, 12)));
}

function secretChecks(instruction: DockerfileInstruction, r: Results): void {
  if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') return;
  for (const { name, value } of instruction.properties) {
    if (!isSecretName(name)) continue;
    if (instruction.keyword === 'ENV' && (value === null || value.trim() === '')) continue;
    const shown =
      value === null
        ? `ARG ${name} (a build arg: recorded in the history of every RUN that uses it)`
        : `${instruction.keyword} ${name}=${isPlaceholderValue(value) ? value : redact(value)}`;
    r.add(
      C.secretInEnv,
      `${instruction.keyword.toLowerCase()}:${name}`,
      instruction,
      shown,
      lineOf(instruction, name),
    );
  }
}

/** The line of the instruction where `pattern` first occurs (its first line when nowhere). */
function lineOf(instruction: DockerfileInstruction, pattern: RegExp | string): number {
  const i = instruction.lines.findIndex((l) =>
    typeof pattern === 'string' ? l.includes(pattern) : pattern.test(l),
  );
  return i >= 0 ? instruction.line + i : instruction.line;
}

function firstLine(instruction: DockerfileInstruction): string {
  return cut(instruction.lines[0] ?? '');
}

function cut(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 160 ? `${one.slice(0, 157)}...` : one;
}
