import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isVigiaError } from '../core/errors.js';
import { fixtureImage, tempDir } from '../test-support/fixtures.js';
import { startFixtureRegistry, type TestRegistry } from '../test-support/registry.js';
import { dockerArchiveFacts } from './__fixtures__/archive.js';
import { openRegistryImage, type RegistryOptions } from './open.js';

const ALPINE = fixtureImage('alpine-310.tar.gz');
const USER = 'scanner';
const PASS = 'right-horse-battery';

let registry: TestRegistry;
let home: ReturnType<typeof tempDir>;
/** An environment with no credentials at all: empty docker config dir, no VIGIA_* variables. */
let cleanEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  registry = await startFixtureRegistry({ user: USER, password: PASS });
  await registry.push(`docker-archive:${ALPINE}`, 'private/alpine:3.10');
  home = tempDir('vigia-auth-');
  mkdirSync(join(home.path, 'empty'));
  cleanEnv = { PATH: process.env.PATH, HOME: home.path, DOCKER_CONFIG: join(home.path, 'empty') };
});

afterAll(async () => {
  await registry?.stop();
  home?.cleanup();
});

async function pull(options: RegistryOptions) {
  const image = await openRegistryImage(`${registry.host}/private/alpine:3.10`, {
    retries: 0,
    timeoutMs: 5_000,
    config: {},
    env: cleanEnv,
    ...options,
  });
  await image.close();
  return image;
}

async function refusal(options: RegistryOptions): Promise<{ code: string; message: string }> {
  const err = await pull(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isVigiaError(err)) throw new Error(`expected a VigiaError, got ${String(err)}`);
  return { code: err.code, message: err.message };
}

/** A docker config dir holding `config` as config.json. */
function dockerConfig(name: string, config: object): string {
  const dir = join(home.path, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

const basic = (u: string, p: string) => Buffer.from(`${u}:${p}`).toString('base64');

describe('HTTP Basic (htpasswd registry)', () => {
  it('pulls with the right password from the flags', async () => {
    const image = await pull({ username: USER, password: PASS });
    expect(image.configDigest).toBe(dockerArchiveFacts(ALPINE).configDigest);
  });

  it('pulls with $VIGIA_USERNAME/$VIGIA_PASSWORD', async () => {
    const image = await pull({ env: { ...cleanEnv, VIGIA_USERNAME: USER, VIGIA_PASSWORD: PASS } });
    expect(image.layers).toHaveLength(1);
  });

  it('refuses a wrong password with a clear error naming the registry and the repository', async () => {
    const err = await refusal({ username: USER, password: 'wrong' });
    expect(err.code).toBe('REGISTRY_UNAUTHORIZED');
    expect(err.message).toBe(
      `${registry.host}: unauthorized: invalid credentials (from --username/--password) for private/alpine`,
    );
  });

  it('asks for credentials when there are none', async () => {
    const err = await refusal({});
    expect(err.code).toBe('REGISTRY_UNAUTHORIZED');
    expect(err.message).toBe(`${registry.host}: unauthorized: authentication required for private/alpine`);
  });
});

describe('docker config.json', () => {
  it.each([
    ['base64 auth', { auth: basic(USER, PASS) }],
    ['username/password', { username: USER, password: PASS }],
  ])('uses auths[host] (%s)', async (_name, entry) => {
    const dir = dockerConfig(`auths-${_name.replace(/\W/g, '')}`, { auths: { [registry.host]: entry } });
    const image = await pull({ env: { ...cleanEnv, DOCKER_CONFIG: dir } });
    expect(image.layers).toHaveLength(1);
  });

  it('matches an auths key written as a URL', async () => {
    const dir = dockerConfig('auths-url', {
      auths: { [`http://${registry.host}/v2/`]: { auth: basic(USER, PASS) } },
    });
    const image = await pull({ env: { ...cleanEnv, DOCKER_CONFIG: dir } });
    expect(image.layers).toHaveLength(1);
  });

  it('reads ~/.docker/config.json when $DOCKER_CONFIG is unset', async () => {
    dockerConfig('.docker', { auths: { [registry.host]: { auth: basic(USER, PASS) } } });
    const env = { PATH: process.env.PATH, HOME: home.path };
    const image = await pull({ env });
    expect(image.layers).toHaveLength(1);
  });

  it('lets the flags win over the config file', async () => {
    const dir = dockerConfig('auths-wrong', { auths: { [registry.host]: { auth: basic(USER, 'stale') } } });
    await expect(pull({ env: { ...cleanEnv, DOCKER_CONFIG: dir } })).rejects.toThrow(
      /invalid credentials \(from .*config\.json\)/,
    );
    const image = await pull({ env: { ...cleanEnv, DOCKER_CONFIG: dir }, username: USER, password: PASS });
    expect(image.layers).toHaveLength(1);
  });

  it('rejects a config.json that is not JSON, naming it', async () => {
    const dir = join(home.path, 'broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{ "auths": ');
    const err = await refusal({ env: { ...cleanEnv, DOCKER_CONFIG: dir } });
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain(join(dir, 'config.json'));
  });
});

describe('docker credential helpers', () => {
  /** A real helper program on PATH that logs its stdin and answers for our registry only. */
  function installHelper(name: string, password: string): { env: NodeJS.ProcessEnv; log: string } {
    const bin = join(home.path, `bin-${name}`);
    mkdirSync(bin, { recursive: true });
    const log = join(bin, 'requests.log');
    const script = [
      '#!/bin/sh',
      '[ "$1" = get ] || exit 1',
      'read -r server',
      `echo "$server" >> '${log}'`,
      `if [ "$server" = '${registry.host}' ]; then`,
      `  printf '{"ServerURL":"%s","Username":"${USER}","Secret":"${password}"}' "$server"`,
      'else',
      '  echo "credentials not found in native keychain"; exit 1',
      'fi',
    ].join('\n');
    const file = join(bin, `docker-credential-${name}`);
    writeFileSync(file, `${script}\n`);
    chmodSync(file, 0o755);
    return { env: { ...cleanEnv, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` }, log };
  }

  it('runs credHelpers[host] with the server URL on stdin', async () => {
    const { env, log } = installHelper('vigiatest', PASS);
    const dir = dockerConfig('helpers', { credHelpers: { [registry.host]: 'vigiatest' } });
    const image = await pull({ env: { ...env, DOCKER_CONFIG: dir } });
    expect(image.layers).toHaveLength(1);
    expect(readFileSync(log, 'utf8')).toBe(`${registry.host}\n`);
  });

  it('runs credsStore for every registry, and reports the helper as the source of wrong credentials', async () => {
    const { env } = installHelper('vigiastore', 'wrong-secret');
    const dir = dockerConfig('store', { credsStore: 'vigiastore' });
    const err = await refusal({ env: { ...env, DOCKER_CONFIG: dir } });
    expect(err.code).toBe('REGISTRY_UNAUTHORIZED');
    expect(err.message).toContain('invalid credentials (from docker-credential-vigiastore)');
  });

  it('names a helper that is not installed', async () => {
    const dir = dockerConfig('missing-helper', { credHelpers: { [registry.host]: 'nosuchhelper' } });
    const err = await refusal({ env: { ...cleanEnv, DOCKER_CONFIG: dir } });
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain('docker-credential-nosuchhelper');
    expect(err.message).toContain('not found on PATH');
  });
});
