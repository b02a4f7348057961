import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isVigiaError } from '../core/errors.js';
import { fixtureImage, tempDir } from '../test-support/fixtures.js';
import { startCustomRegistry, type TestRegistry } from '../test-support/registry.js';
import { dockerArchiveFacts } from './__fixtures__/archive.js';
import { startTokenIssuer, type TokenIssuer } from './__fixtures__/token-issuer.js';
import { clearTokenCache } from './auth/token.js';
import { openRegistryImage, type RegistryOptions } from './open.js';

const ALPINE = fixtureImage('alpine-310.tar.gz');
const USER = 'ci-bot';
const PASS = 'token-pass-1';
const REFRESH = 'refresh-token-for-ci-bot';

let work: ReturnType<typeof tempDir>;
let issuer: TokenIssuer;
let registry: TestRegistry;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  work = tempDir('vigia-token-');
  issuer = await startTokenIssuer(work.path, { [USER]: PASS }, { [REFRESH]: USER });
  registry = await startCustomRegistry(
    ({ dataDir, port }) => `version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: ${dataDir}
http:
  addr: 127.0.0.1:${port}
  secret: token-test-not-secret
auth:
  token:
    realm: ${issuer.realm}
    service: ${issuer.service}
    issuer: ${issuer.issuer}
    rootcertbundle: ${issuer.bundlePath}
`,
    { pushCreds: `${USER}:${PASS}` },
  );
  await registry.push(`docker-archive:${ALPINE}`, 'private/alpine:3.10');
  await registry.push(`docker-archive:${ALPINE}`, 'public/alpine:3.10');
  mkdirSync(join(work.path, 'docker'));
  env = { PATH: process.env.PATH, HOME: work.path, DOCKER_CONFIG: join(work.path, 'docker') };
});

afterAll(async () => {
  await registry?.stop();
  await issuer?.close();
  work?.cleanup();
});

beforeEach(() => {
  clearTokenCache();
  issuer.naming = 'kid';
});

async function pull(repo: string, options: RegistryOptions = {}) {
  const image = await openRegistryImage(`${registry.host}/${repo}:3.10`, {
    retries: 0,
    timeoutMs: 5_000,
    config: {},
    env,
    ...options,
  });
  await image.close();
  return image;
}

async function refusal(repo: string, options: RegistryOptions): Promise<{ code: string; message: string }> {
  const err = await pull(repo, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isVigiaError(err)) throw new Error(`expected a VigiaError, got ${String(err)}`);
  return { code: err.code, message: err.message };
}

const vigiaRequests = () => issuer.requests.filter((r) => r.userAgent === 'vigia');

describe('Bearer token auth (registry auth.token + a JWT issuer)', () => {
  it.each(['kid', 'x5c'] as const)(
    'pulls with credentials, the token naming its key by %s',
    async (naming) => {
      issuer.naming = naming;
      const before = vigiaRequests().length;
      const image = await pull('private/alpine', { username: USER, password: PASS });
      expect(image.configDigest).toBe(dockerArchiveFacts(ALPINE).configDigest);
      const asked = vigiaRequests().slice(before);
      expect(asked).toEqual([
        { method: 'GET', user: USER, scope: ['repository:private/alpine:pull'], userAgent: 'vigia' },
      ]);
    },
  );

  it('pulls anonymously with an anonymous token where the issuer allows it', async () => {
    const before = vigiaRequests().length;
    const image = await pull('public/alpine');
    expect(image.layers).toHaveLength(1);
    expect(
      vigiaRequests()
        .slice(before)
        .map((r) => r.user),
    ).toEqual([undefined]);
  });

  it('caches a token until it expires: a second pull asks the issuer nothing', async () => {
    await pull('private/alpine', { username: USER, password: PASS });
    const after = vigiaRequests().length;
    const again = await pull('private/alpine', { username: USER, password: PASS });
    expect(again.layers).toHaveLength(1);
    expect(vigiaRequests().length).toBe(after);
  });

  it('uses an identity token from docker config with the OAuth2 refresh-token POST', async () => {
    writeFileSync(
      join(env.DOCKER_CONFIG!, 'config.json'),
      JSON.stringify({ auths: { [registry.host]: { identitytoken: REFRESH } } }),
    );
    try {
      const before = vigiaRequests().length;
      const image = await pull('private/alpine');
      expect(image.layers).toHaveLength(1);
      expect(
        vigiaRequests()
          .slice(before)
          .map((r) => [r.method, r.user]),
      ).toEqual([['POST', USER]]);
    } finally {
      writeFileSync(join(env.DOCKER_CONFIG!, 'config.json'), '{}');
    }
  });

  it('refuses a wrong password at the token service, naming the registry', async () => {
    const err = await refusal('private/alpine', { username: USER, password: 'nope' });
    expect(err.code).toBe('REGISTRY_UNAUTHORIZED');
    expect(err.message).toMatch(
      new RegExp(
        `^${registry.host}: unauthorized: invalid credentials \\(from --username/--password\\) for private/alpine`,
      ),
    );
  });

  it('is refused when the registry cannot verify the token (signed by a key outside its bundle)', async () => {
    issuer.naming = 'untrusted';
    const err = await refusal('private/alpine', { username: USER, password: PASS });
    expect(err.code).toBe('REGISTRY_UNAUTHORIZED');
    expect(err.message).toContain(`${registry.host}: unauthorized:`);
  });

  it('reports a private repository without credentials as needing authentication', async () => {
    const err = await refusal('private/alpine', {});
    expect(err.code).toBe('REGISTRY_UNAUTHORIZED');
    expect(err.message).toContain(`${registry.host}: unauthorized:`);
    expect(err.message).toContain('authentication required for private/alpine');
  });
});
