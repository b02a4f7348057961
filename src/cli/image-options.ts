import type { Command } from 'commander';
import { VigiaError } from '../core/errors.js';
import type { OpenOptions, Platform } from '../image/types.js';
import type { RegistryOptions } from '../registry/index.js';

/** Flags shared by every command that opens an image (inspect, sbom, scan, compare). */
export interface ImageFlags {
  platform?: string;
  username?: string;
  password?: string;
  insecure?: boolean;
  caFile?: string;
  timeout?: string;
  config?: string;
}

/** Declare the image-opening flags on a command. */
export function addImageOptions(cmd: Command): Command {
  return cmd
    .option(
      '--platform <os/arch[/variant]>',
      'platform to pick from a multi-platform image (default: this host)',
    )
    .option('--username <user>', 'registry user name (or $VIGIA_USERNAME)')
    .option('--password <password>', 'registry password or token (or $VIGIA_PASSWORD)')
    .option('--insecure', 'allow plain HTTP and unverified TLS for registries')
    .option('--ca-file <file>', 'PEM bundle of extra CAs to trust for registries')
    .option('--timeout <seconds>', 'network timeout per request, in seconds', '60')
    .option(
      '--config <file>',
      'config file (registry mirrors, insecure hosts; default: $VIGIA_CONFIG or ./vigia.yaml)',
    );
}

/** Parse `os/arch[/variant]`; a bad value is a usage error. */
export function parsePlatform(value: string): Platform {
  const parts = value.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p.length === 0)) {
    throw new VigiaError('USAGE', `--platform ${value}: expected os/arch[/variant], e.g. linux/amd64`);
  }
  const [os, architecture, variant] = parts as [string, string, string?];
  return variant ? { os, architecture, variant } : { os, architecture };
}

/** Turn the flags (and environment) into options for `openImage`. */
export function imageOpenOptions(flags: ImageFlags, env: NodeJS.ProcessEnv): OpenOptions & RegistryOptions {
  const timeoutSeconds = Number(flags.timeout ?? '60');
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new VigiaError('USAGE', `--timeout ${flags.timeout}: expected a positive number of seconds`);
  }
  const options: OpenOptions & RegistryOptions = { timeoutMs: timeoutSeconds * 1000, env };
  if (flags.platform) options.platform = parsePlatform(flags.platform);
  const username = flags.username ?? env.VIGIA_USERNAME;
  const password = flags.password ?? env.VIGIA_PASSWORD;
  if (username) options.username = username;
  if (password) options.password = password;
  if (flags.insecure) options.insecure = true;
  if (flags.caFile) options.caFile = flags.caFile;
  if (flags.config) options.configFile = flags.config;
  return options;
}
