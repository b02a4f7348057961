import { Command, CommanderError } from 'commander';
import { describeError, isVigiaError } from '../core/errors.js';
import { commands } from './commands/registry.js';
import { CommandContext } from './context.js';
import { ExitStatus, exitStatusFor, type ExitStatusValue } from './exit-codes.js';
import { processIO, type CliIO } from './io.js';
import { VERSION } from './version.js';

export { VERSION };

/** Global options that take a value (their value is not a command name). */
const VALUE_OPTIONS = new Set(['--cache-dir']);

/**
 * The command named by `argv` (the first word that is not a global option), or undefined for
 * `--help`, `help` or no command at all.
 */
export function requestedCommand(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (VALUE_OPTIONS.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return arg === 'help' ? argv[i + 1] : arg;
  }
  return undefined;
}

/**
 * Build the program. Only the module of the command `argv` asks for is loaded (every module for
 * help or an unknown command, so that commander can list them). Exposed for tests.
 */
export async function buildProgram(
  io: CliIO,
  argv: readonly string[] = [],
): Promise<{ program: Command; ctx: CommandContext }> {
  const program = new Command('vigia');
  const ctx = new CommandContext(io, program);
  program
    .description('Container image security scanner: layers, packages, vulnerabilities, secrets and policy')
    .version(VERSION, '-v, --version')
    .option('-q, --quiet', 'no progress output on stderr')
    .option('--debug', 'print stack traces of internal errors')
    .option('--cache-dir <dir>', 'cache directory (default: $VIGIA_CACHE_DIR or ~/.cache/vigia)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  const wanted = requestedCommand(argv);
  const entry = commands.find((c) => c.name === wanted);
  for (const c of entry ? [entry] : commands) (await c.load())(program, ctx);
  for (const sub of program.commands) sub.exitOverride();
  return { program, ctx };
}

/**
 * Run the CLI with `argv` (without node and script). Returns the exit status; never throws and
 * never prints a stack trace unless --debug is given and the error is a bug.
 */
export async function run(argv: string[], io: CliIO = processIO()): Promise<ExitStatusValue> {
  const { program, ctx } = await buildProgram(io, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitStatus;
  } catch (err) {
    return reportError(err, io, argv.includes('--debug'));
  }
}

function reportError(err: unknown, io: CliIO, debug: boolean): ExitStatusValue {
  if (err instanceof CommanderError) {
    // Commander has printed the message already; help and version exit cleanly.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitStatus.OK;
    if (err.code === 'commander.help') return ExitStatus.OK;
    return ExitStatus.USAGE;
  }
  if (isVigiaError(err)) {
    io.stderr.write(`vigia: error: ${err.message}\n`);
    if (debug && err.cause) io.stderr.write(`  cause: ${describeError(err.cause)}\n`);
    return exitStatusFor(err.code);
  }
  io.stderr.write(
    `vigia: internal error: ${describeError(err)}${debug ? '' : ' (run with --debug for details)'}\n`,
  );
  if (debug && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
  return ExitStatus.INTERNAL;
}
