import type { Command } from 'commander';
import type { CommandContext } from '../context.js';

/** A command module adds its subcommand to the program. */
export type CommandRegistration = (program: Command, ctx: CommandContext) => void;

/**
 * A command of the CLI: its name and how to load its module. Modules load on demand, so that a
 * run pays only for the command it runs (`--help` loads them all).
 */
export interface CommandEntry {
  name: string;
  load: () => Promise<CommandRegistration>;
}

/** Every command of the CLI, in the order `--help` lists them. Explicit: no import side effects. */
export const commands: CommandEntry[] = [
  { name: 'scan', load: async () => (await import('./scan.js')).registerScan },
  { name: 'sbom', load: async () => (await import('./sbom.js')).registerSbom },
  { name: 'inspect', load: async () => (await import('./inspect.js')).registerInspect },
  { name: 'compare', load: async () => (await import('./compare.js')).registerCompare },
  { name: 'config', load: async () => (await import('./config.js')).registerConfig },
  { name: 'db', load: async () => (await import('./db.js')).registerDb },
  { name: 'policy', load: async () => (await import('./policy.js')).registerPolicy },
  { name: 'serve', load: async () => (await import('./serve.js')).registerServe },
];
