import { z } from 'zod';
import { VigiaError } from '../core/errors.js';
import { validateSection, type SourceFile } from '../config/load.js';

/** The public OSV bucket: `<base>/<Ecosystem>/all.zip`. */
export const DEFAULT_OSV_URL = 'https://osv-vulnerabilities.storage.googleapis.com';
/** Alpine secdb: `<base>/<release>/{main,community}.json`. */
export const DEFAULT_SECDB_URL = 'https://secdb.alpinelinux.org';
/** CISA KEV catalogue (JSON). */
export const DEFAULT_KEV_URL =
  'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json';

/** OSV ecosystems fetched by default: the ones vigia's analyzers produce packages for. */
export const DEFAULT_OSV_ECOSYSTEMS = [
  'AlmaLinux',
  'Alpine',
  'Chainguard',
  'Debian',
  'Go',
  'Maven',
  'npm',
  'NuGet',
  'Packagist',
  'PyPI',
  'Red Hat',
  'Rocky Linux',
  'RubyGems',
  'SUSE',
  'Ubuntu',
  'Wolfi',
  'crates.io',
  'openSUSE',
] as const;

/** Alpine releases whose secdb files are fetched by default. */
export const DEFAULT_SECDB_RELEASES = ['v3.17', 'v3.18', 'v3.19', 'v3.20', 'v3.21', 'v3.22'] as const;

/** Everything `db update` and the freshness check need, after precedence is applied. */
export interface DbSettings {
  osv: { enabled: boolean; baseUrl: string; ecosystems: string[] };
  alpineSecdb: { enabled: boolean; baseUrl: string; releases: string[]; repos: string[] };
  kev: { enabled: boolean; url: string };
  maxAgeDays: number;
  timeoutSeconds: number;
  retries: number;
}

const url = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** The `db:` section of a config file. Every key is optional. */
export const dbSectionSchema = z
  .object({
    osv: z
      .object({ enabled: z.boolean(), baseUrl: url, ecosystems: z.array(z.string().min(1)).min(1) })
      .partial()
      .strict(),
    alpineSecdb: z
      .object({
        enabled: z.boolean(),
        baseUrl: url,
        releases: z.array(z.string().regex(/^(v\d+\.\d+|edge)$/, 'expected a release like v3.20 or edge')),
        repos: z.array(z.enum(['main', 'community'])).min(1),
      })
      .partial()
      .strict(),
    kev: z.object({ enabled: z.boolean(), url }).partial().strict(),
    maxAgeDays: z.number().positive(),
    timeoutSeconds: z.number().positive(),
    retries: z.number().int().min(0).max(20),
  })
  .partial()
  .strict();

/** Overrides from the command line (highest precedence). */
export interface DbFlags {
  osvUrl?: string;
  secdbUrl?: string;
  kevUrl?: string;
  timeoutSeconds?: number;
  retries?: number;
  maxAgeDays?: number;
}

/**
 * Resolve settings: flag > environment (`VIGIA_OSV_URL`, `VIGIA_SECDB_URL`, `VIGIA_KEV_URL`) >
 * config file `db:` section > defaults.
 */
export function resolveDbSettings(
  file: SourceFile | undefined,
  env: NodeJS.ProcessEnv,
  flags: DbFlags = {},
): DbSettings {
  const cfg = validateSection(file, 'db', dbSectionSchema) ?? {};
  return {
    osv: {
      enabled: cfg.osv?.enabled ?? true,
      baseUrl: trimSlash(
        pick('--osv-url', flags.osvUrl, env.VIGIA_OSV_URL, cfg.osv?.baseUrl, DEFAULT_OSV_URL),
      ),
      ecosystems: cfg.osv?.ecosystems ?? [...DEFAULT_OSV_ECOSYSTEMS],
    },
    alpineSecdb: {
      enabled: cfg.alpineSecdb?.enabled ?? true,
      baseUrl: trimSlash(
        pick('--secdb-url', flags.secdbUrl, env.VIGIA_SECDB_URL, cfg.alpineSecdb?.baseUrl, DEFAULT_SECDB_URL),
      ),
      releases: cfg.alpineSecdb?.releases ?? [...DEFAULT_SECDB_RELEASES],
      repos: cfg.alpineSecdb?.repos ?? ['main', 'community'],
    },
    kev: {
      enabled: cfg.kev?.enabled ?? true,
      url: pick('--kev-url', flags.kevUrl, env.VIGIA_KEV_URL, cfg.kev?.url, DEFAULT_KEV_URL),
    },
    maxAgeDays: flags.maxAgeDays ?? cfg.maxAgeDays ?? 3,
    timeoutSeconds: flags.timeoutSeconds ?? cfg.timeoutSeconds ?? 30,
    retries: flags.retries ?? cfg.retries ?? 4,
  };
}

function pick(
  flag: string,
  fromFlag: string | undefined,
  fromEnv: string | undefined,
  fromFile: string | undefined,
  dflt: string,
): string {
  if (fromFlag !== undefined) return checkUrl(fromFlag, flag);
  if (fromEnv) return checkUrl(fromEnv, `environment ${envName(flag)}`);
  return fromFile ?? dflt;
}

function envName(flag: string): string {
  return (
    { '--osv-url': 'VIGIA_OSV_URL', '--secdb-url': 'VIGIA_SECDB_URL', '--kev-url': 'VIGIA_KEV_URL' }[flag] ??
    flag
  );
}

function checkUrl(value: string, where: string): string {
  if (url.safeParse(value).success) return value;
  throw new VigiaError('USAGE', `${where}: "${value}" is not an http(s) URL`);
}

function trimSlash(u: string): string {
  return u.replace(/\/+$/, '');
}
