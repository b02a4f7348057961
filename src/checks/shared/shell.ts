/**
 * Small, careful heuristics over shell command lines (Dockerfile `RUN` instructions and image
 * history `created_by` lines), shared by the image and Dockerfile checks. They look at the text
 * only; nothing is executed or expanded.
 */

/** The command of a history line without the builder's wrapping (`/bin/sh -c`, `#(nop)`, `# buildkit`, `|N ARG=…`). */
export function historyCommand(createdBy: string): {
  instruction: string;
  args: string;
  buildArgs: string[];
} {
  let text = createdBy.trim().replace(/\s+# buildkit$/, '');
  const buildArgs: string[] = [];
  // Legacy builder and BuildKit record build args used by a RUN as `|2 A=1 B=2 /bin/sh -c …`.
  const piped = /^(?:RUN\s+)?\|(\d+)\s+/.exec(text);
  if (piped) {
    text = text.slice(piped[0].length);
    for (let i = 0; i < Number(piped[1]); i++) {
      const arg = /^(\S+=(?:"[^"]*"|'[^']*'|\S*))\s*/.exec(text);
      if (!arg) break;
      buildArgs.push(arg[1]!);
      text = text.slice(arg[0].length);
    }
  }
  const nop = /^\/bin\/sh -c #\(nop\)\s+/.exec(text);
  if (nop) text = text.slice(nop[0].length);
  else if (/^(?:\/bin\/(?:ba)?sh|sh|bash) -c /.test(text)) text = `RUN ${text.replace(/^\S+ -c /, '')}`;
  const m = /^([A-Z]+)\b\s*([\s\S]*)$/.exec(text);
  if (!m) return { instruction: 'RUN', args: text, buildArgs };
  const args = m[1] === 'RUN' ? m[2]!.replace(/^(?:\/bin\/)?(?:ba)?sh -c /, '') : m[2]!;
  return { instruction: m[1]!, args, buildArgs };
}

/**
 * The part of `command` that downloads a script and runs it with a shell: `curl … | sh`,
 * `wget -O- … | sudo bash`, `sh -c "$(curl …)"`, `bash <(curl …)`. Undefined when none.
 */
export function downloadPipedToShell(command: string): string | undefined {
  const shell = String.raw`(?:sudo\s+(?:-\S+\s+)*)?(?:\/\S*\/)?(?:ba|z|da|k|a)?sh\b`;
  const patterns = [
    new RegExp(String.raw`\b(?:curl|wget)\b[^|;&\n]*\|\s*${shell}`),
    new RegExp(String.raw`\b(?:ba|z|da|k)?sh\s+-c\s+["']?\$\((?:curl|wget)\b[^)]*\)`),
    new RegExp(String.raw`\b(?:ba|z|da|k)?sh\s+<\(\s*(?:curl|wget)\b[^)]*\)`),
  ];
  for (const re of patterns) {
    const m = re.exec(command);
    if (m) return m[0];
  }
  return undefined;
}

/** Split a shell command line into its simple commands (on `&&`, `||`, `;`, `|`, newlines). */
export function simpleCommands(command: string): string[] {
  return command
    .replace(/\\\r?\n/g, ' ')
    .split(/&&|\|\||;|\||\n/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/** What an `apt-get`/`apt install` in one RUN does about recommends and the package lists. */
export interface AptInstallUse {
  /** The first `apt-get install` / `apt install` command. */
  install: string;
  noInstallRecommends: boolean;
  /** `rm -rf /var/lib/apt/lists/*` (or a cache mount) in the same RUN. */
  cleansLists: boolean;
}

/** Analyse the `apt-get install` of one RUN; undefined when it installs nothing with apt. */
export function aptInstall(
  command: string,
  options: { cacheMounts?: readonly string[] } = {},
): AptInstallUse | undefined {
  const commands = simpleCommands(command);
  const install = commands.find((c) => /^(?:sudo\s+)?(?:\S*\/)?apt(?:-get)?\s+(?:-\S+\s+)*install\b/.test(c));
  if (!install) return undefined;
  const noInstallRecommends =
    /--no-install-recommends\b/.test(install) ||
    /APT::Install-Recommends\s*=?\s*["']?(?:false|0)/i.test(command);
  const cleansLists =
    commands.some((c) =>
      /^(?:sudo\s+)?rm\s+(?:-\S+\s+)*.*\/var\/lib\/apt\/lists(?:\/\*|\/?\s|\/?$)/.test(c),
    ) || (options.cacheMounts ?? []).some((t) => /^\/var\/lib\/apt(?:\/lists)?\/?$/.test(t));
  return { install, noInstallRecommends, cleansLists };
}

/** What an `apk add` in one RUN does about its cache; undefined when it adds nothing. */
export function apkAdd(
  command: string,
  options: { cacheMounts?: readonly string[] } = {},
): { add: string; noCache: boolean } | undefined {
  const commands = simpleCommands(command);
  const add = commands.find((c) => /^(?:sudo\s+)?(?:\S*\/)?apk\s+(?:-\S+\s+)*add\b/.test(c));
  if (!add) return undefined;
  const noCache =
    /--no-cache\b/.test(add) ||
    commands.some((c) => /^(?:sudo\s+)?rm\s+(?:-\S+\s+)*.*\/var\/cache\/apk/.test(c)) ||
    (options.cacheMounts ?? []).some((t) => /^\/(?:var\/)?cache\/apk\/?$|^\/etc\/apk\/cache\/?$/.test(t));
  return { add, noCache };
}
