import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { VigiaError } from '../../core/errors.js';
import { DOCKER_HUB } from '../reference.js';

/** Credentials for one registry. `identityToken` is an OAuth2 refresh token (docker's `identitytoken`). */
export interface Credentials {
  username?: string;
  password?: string;
  identityToken?: string;
  /** Where they came from, for messages (`--username`, `~/.docker/config.json`, `docker-credential-x`). */
  source: string;
}

/** The key docker uses for Docker Hub in `config.json` and with credential helpers. */
export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';

const authEntrySchema = z.looseObject({
  auth: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  identitytoken: z.string().optional(),
});

const dockerConfigSchema = z.looseObject({
  auths: z.record(z.string(), authEntrySchema).optional(),
  credsStore: z.string().optional(),
  credHelpers: z.record(z.string(), z.string()).optional(),
});

/** The parts of docker's `config.json` that carry credentials. */
export type DockerConfig = z.output<typeof dockerConfigSchema>;

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  const dir = env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker');
  return join(dir, 'config.json');
}

/** Read docker's config file; undefined when it does not exist. Invalid JSON is `CONFIG_INVALID`. */
export async function readDockerConfig(path: string): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new VigiaError('CONFIG_INVALID', `${path}: cannot read: ${(err as NodeJS.ErrnoException).code}`, {
      cause: err,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new VigiaError('CONFIG_INVALID', `${path}: not valid JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const parsed = dockerConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VigiaError(
      'CONFIG_INVALID',
      `${path}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/** The key a registry has in `auths`/`credHelpers` and the server URL given to helpers. */
export function configKeyFor(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : registry;
}

/**
 * Credentials stored inline in `auths` for `registry`. Keys are matched after stripping a scheme
 * and any path, as docker does (`https://reg.example/v1/` matches `reg.example`).
 */
export function inlineCredentials(
  config: DockerConfig,
  registry: string,
  source: string,
): Credentials | undefined {
  const auths = config.auths ?? {};
  const wanted = configKeyFor(registry);
  const entry =
    auths[wanted] ?? Object.entries(auths).find(([key]) => normaliseKey(key) === normaliseKey(wanted))?.[1];
  if (!entry) return undefined;
  const creds: Credentials = { source };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0)
      throw new VigiaError(
        'CONFIG_INVALID',
        `${source}: auths["${wanted}"].auth is not base64 of user:password`,
      );
    creds.username = decoded.slice(0, colon);
    creds.password = decoded.slice(colon + 1);
  }
  if (entry.username) creds.username = entry.username;
  if (entry.password) creds.password = entry.password;
  if (entry.identitytoken) creds.identityToken = entry.identitytoken;
  if (!creds.username && !creds.password && !creds.identityToken) return undefined;
  return creds;
}

/** The credential helper docker would use for `registry`: `credHelpers[host]`, else `credsStore`. */
export function helperFor(config: DockerConfig, registry: string): string | undefined {
  const key = configKeyFor(registry);
  const helpers = config.credHelpers ?? {};
  const named = helpers[key] ?? helpers[registry];
  if (named) return named;
  return config.credsStore || undefined;
}

function normaliseKey(key: string): string {
  const stripped = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  return stripped === 'index.docker.io' || stripped === 'registry-1.docker.io' ? DOCKER_HUB : stripped;
}
