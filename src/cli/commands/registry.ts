import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerCompare } from './compare.js';
import { registerConfig } from './config.js';
import { registerDb } from './db.js';
import { registerInspect } from './inspect.js';
import { registerPolicy } from './policy.js';
import { registerSbom } from './sbom.js';
import { registerScan } from './scan.js';
import { registerServe } from './serve.js';

/** A command module adds its subcommand to the program. */
export type CommandRegistration = (program: Command, ctx: CommandContext) => void;

/** Every command of the CLI, in the order `--help` lists them. Explicit: no import side effects. */
export const commands: CommandRegistration[] = [
  registerScan,
  registerSbom,
  registerInspect,
  registerCompare,
  registerConfig,
  registerDb,
  registerPolicy,
  registerServe,
];
