import {
  type Credentials,
  configKeyFor,
  dockerConfigPath,
  helperFor,
  inlineCredentials,
  readDockerConfig,
} from './docker-config.js';
import { helperCredentials } from './helper.js';

/** Where credentials may come from, highest precedence first. */
export interface CredentialSources {
  /** `--username/--password` (or `$VIGIA_USERNAME/$VIGIA_PASSWORD`): used for every host of the pull. */
  username?: string;
  password?: string;
  env: NodeJS.ProcessEnv;
  /** Timeout for a credential helper to answer. */
  helperTimeoutMs?: number;
}

/**
 * Find credentials for `registry` (`host[:port]`, `docker.io` for Docker Hub): explicit
 * user/password (flags or env), else docker's config (`$DOCKER_CONFIG/config.json` or
 * `~/.docker/config.json`): `credHelpers[host]`, else `credsStore`, run as docker does; when the
 * helper has nothing (or there is none), the inline `auths` entry. Undefined means anonymous.
 */
export async function findCredentials(
  registry: string,
  sources: CredentialSources,
): Promise<Credentials | undefined> {
  const username = sources.username ?? sources.env.VIGIA_USERNAME;
  const password = sources.password ?? sources.env.VIGIA_PASSWORD;
  if (username !== undefined || password !== undefined) {
    const source =
      sources.username !== undefined ? '--username/--password' : '$VIGIA_USERNAME/$VIGIA_PASSWORD';
    return { username: username ?? '', password: password ?? '', source };
  }
  const path = dockerConfigPath(sources.env);
  const config = await readDockerConfig(path);
  if (!config) return undefined;
  const helper = helperFor(config, registry);
  if (helper) {
    const fromHelper = await helperCredentials(
      helper,
      configKeyFor(registry),
      sources.env,
      sources.helperTimeoutMs,
    );
    if (fromHelper) return fromHelper;
  }
  return inlineCredentials(config, registry, path);
}
