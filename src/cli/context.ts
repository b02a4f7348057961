import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliIO } from './io.js';
import { createProgress, type Progress } from './progress.js';
import { ExitStatus, type ExitStatusValue } from './exit-codes.js';

/** Options every command accepts (declared on the root program). */
export interface GlobalOptions {
  quiet: boolean;
  debug: boolean;
  cacheDir: string;
}

/** What a command needs from the CLI around it. */
export class CommandContext {
  /** The status the process exits with when the command returns normally. */
  exitStatus: ExitStatusValue = ExitStatus.OK;

  constructor(
    readonly io: CliIO,
    private readonly program: Command,
  ) {}

  /** The global options as parsed. */
  globals(): GlobalOptions {
    const opts = this.program.opts<{ quiet?: boolean; debug?: boolean; cacheDir?: string }>();
    return {
      quiet: Boolean(opts.quiet),
      debug: Boolean(opts.debug),
      cacheDir: opts.cacheDir ?? defaultCacheDir(this.io.env),
    };
  }

  /** A progress reporter on stderr (silent when not a TTY or with --quiet). */
  progress(): Progress {
    return createProgress(this.io, this.globals().quiet);
  }
}

/** `$VIGIA_CACHE_DIR`, else `$XDG_CACHE_HOME/vigia`, else `~/.cache/vigia`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.VIGIA_CACHE_DIR) return env.VIGIA_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'vigia');
  return join(homedir(), '.cache', 'vigia');
}
