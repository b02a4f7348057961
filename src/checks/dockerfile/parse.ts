import { DockerfileParser, ModifiableInstruction, type Instruction, type Property } from 'dockerfile-ast';
import { VigiaError } from '../../core/errors.js';

/**
 * A Dockerfile parsed with `dockerfile-ast` (maintained, used by the VS Code Docker language
 * server): it handles line continuations (with the `# escape=` directive), comments inside
 * continuations, heredocs (`RUN <<EOF`), `ARG` before the first `FROM`, `FROM … AS name` and
 * flags such as `--platform` and `--mount`. This module turns its tree into the small model the
 * checks need.
 */
export interface DockerfileInstruction {
  /** Upper-case keyword: `RUN`, `FROM`, … */
  keyword: string;
  /** 1-based first and last line. */
  line: number;
  endLine: number;
  /** The instruction's lines as written. */
  lines: string[];
  /** Arguments with flags left out and ARG variables expanded (words, as the parser splits them). */
  args: string[];
  /** Flags (`--mount`, `--platform`, `--checksum`, `--from`): name → values, in order. */
  flags: Map<string, string[]>;
  /** The arguments as one text: continuations joined, comment lines dropped, heredoc bodies kept, flags removed. */
  command: string;
  /** `ENV`/`ARG`/`LABEL` name–value pairs (`value` null for an `ARG` without a default). */
  properties: Array<{ name: string; value: string | null }>;
}

/** One build stage: its `FROM` and what follows until the next `FROM`. */
export interface DockerfileStage {
  index: number;
  /** `AS name`, lower-cased. */
  name?: string;
  from: DockerfileInstruction;
  /** The base as written after expanding ARGs declared before the first FROM. */
  image: string;
  instructions: DockerfileInstruction[];
}

export interface ParsedDockerfile {
  /** `ARG`s before the first `FROM`. */
  globalArgs: DockerfileInstruction[];
  stages: DockerfileStage[];
}

/** Parse a Dockerfile. A file without any `FROM` is not a Dockerfile: CONFIG_INVALID naming it. */
export function parseDockerfile(text: string, path: string): ParsedDockerfile {
  const dockerfile = DockerfileParser.parse(text);
  const escape = dockerfile.getEscapeCharacter();
  const textLines = text.split(/\r?\n/);
  const globalArgs: DockerfileInstruction[] = [];
  const stages: DockerfileStage[] = [];
  for (const raw of dockerfile.getInstructions()) {
    const instruction = toInstruction(raw, textLines, escape);
    if (instruction.keyword === 'FROM') {
      const asIndex = instruction.args.findIndex((a) => a.toUpperCase() === 'AS');
      const name = asIndex >= 0 ? instruction.args[asIndex + 1]?.toLowerCase() : undefined;
      const stage: DockerfileStage = {
        index: stages.length,
        from: instruction,
        image: instruction.args[0] ?? '',
        instructions: [],
      };
      if (name) stage.name = name;
      stages.push(stage);
    } else if (stages.length === 0) {
      if (instruction.keyword === 'ARG') globalArgs.push(instruction);
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  if (stages.length === 0) {
    throw new VigiaError('CONFIG_INVALID', `${path}: no FROM instruction: not a Dockerfile`);
  }
  return { globalArgs, stages };
}

function toInstruction(
  raw: Instruction,
  textLines: readonly string[],
  escape: string,
): DockerfileInstruction {
  const range = raw.getRange();
  const lines = textLines.slice(range.start.line, range.end.line + 1);
  const flags = new Map<string, string[]>();
  if (raw instanceof ModifiableInstruction) {
    for (const flag of raw.getFlags()) {
      const name = flag.getName().toLowerCase();
      flags.set(name, [...(flags.get(name) ?? []), flag.getValue() ?? '']);
    }
  }
  const properties: DockerfileInstruction['properties'] = [];
  if ('getProperties' in raw && typeof raw.getProperties === 'function') {
    for (const p of raw.getProperties() as Property[]) {
      const name = p.getName();
      if (name) properties.push({ name, value: p.getValue() });
    }
  }
  return {
    keyword: raw.getKeyword().toUpperCase(),
    line: range.start.line + 1,
    endLine: range.end.line + 1,
    lines,
    args: raw.getExpandedArguments().map((a) => a.getValue()),
    flags,
    command: commandText(lines, escape),
    properties,
  };
}

/** Join continuation lines, drop comment lines inside them, strip the keyword and leading flags. */
function commandText(lines: readonly string[], escape: string): string {
  const kept = lines.filter((l, i) => i === 0 || !/^\s*#/.test(l));
  let joined = '';
  for (const line of kept) {
    const trimmed = line.replace(/\s+$/, '');
    joined += trimmed.endsWith(escape) ? `${trimmed.slice(0, -1)} ` : `${trimmed}\n`;
  }
  return joined
    .replace(/^\s*\S+\s*/, '')
    .replace(/^(?:--\S+\s+)+/, '')
    .trim();
}
