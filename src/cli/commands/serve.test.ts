import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startStallServer, waitForScan } from '../../server/__fixtures__/harness.js';
import { runVigia } from '../../test-support/cli.js';
import { fixtureImage, REPO_ROOT, tempDir } from '../../test-support/fixtures.js';
import { startFixtureRegistry, type TestRegistry } from '../../test-support/registry.js';
import { fixtureStoreCacheDir } from '../../test-support/store.js';
import { ExitStatus } from '../exit-codes.js';
import { parseListen } from './serve.js';

/** `vigia serve` as a real process; resolves with its URL once it listens. */
function serve(
  cacheDir: string,
  args: string[] = [],
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin/vigia.js'), '--cache-dir', cacheDir, 'serve', '--listen', '127.0.0.1:0', ...args],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, HOME: cacheDir },
    },
  );
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (b: Buffer) => {
      err += b.toString('utf8');
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve({ child, url: m[1] as string, stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`vigia serve exited (${code}): ${err}`)));
  });
}

function stopped(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('vigia serve (flags)', () => {
  it.each([
    ['127.0.0.1:8080', { host: '127.0.0.1', port: 8080 }],
    ['[::1]:0', { host: '::1', port: 0 }],
    ['0.0.0.0:443', { host: '0.0.0.0', port: 443 }],
  ])('parses --listen %s', (value, expected) => {
    expect(parseListen(value)).toEqual(expected);
  });

  it.each(['8080', 'localhost', '127.0.0.1:99999', 'http://127.0.0.1:80', '1.2.3.4:-1'])(
    'refuses --listen %s',
    (value) => {
      expect(() => parseListen(value)).toThrow(/--listen/);
    },
  );

  const store = fixtureStoreCacheDir();
  afterAll(() => store.cleanup());

  it.each([
    [['serve', '--listen', 'nowhere'], ExitStatus.USAGE, /--listen nowhere/],
    [['serve', '--max-concurrent', '0'], ExitStatus.USAGE, /--max-concurrent 0/],
    [['serve', '--queue-limit', 'many'], ExitStatus.USAGE, /--queue-limit many/],
    [
      ['serve', '--token-file', '/nonexistent/token'],
      ExitStatus.INPUT,
      /--token-file \/nonexistent\/token: cannot read/,
    ],
  ])('refuses %j', async (args, status, message) => {
    const r = await runVigia(['--cache-dir', store.path, ...args]);
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(message);
  });

  it('refuses a short token from the environment', async () => {
    const r = await runVigia(['--cache-dir', store.path, 'serve'], { env: { VIGIA_SERVE_TOKEN: 'short' } });
    expect(r.status).toBe(ExitStatus.USAGE);
    expect(r.stderr).toMatch(/\$VIGIA_SERVE_TOKEN: the token must be at least 16 characters/);
  });

  it('never downloads an advisory database', async () => {
    const empty = tempDir();
    try {
      const r = await runVigia(['--cache-dir', empty.path, 'serve', '--listen', '127.0.0.1:0']);
      expect(r.status).toBe(ExitStatus.DATABASE);
      expect(r.stderr).toMatch(/no advisory database in .*: vigia serve never downloads one/);
    } finally {
      empty.cleanup();
    }
  });
});

describe('vigia serve (restart)', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startFixtureRegistry();
    await registry.push(`docker-archive:${fixtureImage('alpine-310.tar.gz')}`, 'alpine:3.10');
  });
  afterAll(() => registry?.stop());

  it('loses nothing on a crash: the running scan is marked interrupted, the queued one runs after restart', async () => {
    const dir = fixtureStoreCacheDir();
    const stall = await startStallServer();
    const tokenFile = join(dir.path, 'token');
    writeFileSync(tokenFile, 'restart-token-0123456789\n');
    const auth = { authorization: 'Bearer restart-token-0123456789' };
    const first = await serve(dir.path, ['--max-concurrent', '1', '--token-file', tokenFile]);
    try {
      const submit = async (url: string, image: string) => {
        const res = await fetch(`${url}/api/scans`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
          body: JSON.stringify({ image }),
        });
        expect(res.status).toBe(202);
        return (await json(res)).id as string;
      };
      const hanging = await submit(first.url, `${stall.host}/hangs:1`);
      const waiting = await submit(first.url, `${registry.host}/alpine:3.10`);
      const status = async (url: string, id: string) =>
        (await json(await fetch(`${url}/api/scans/${id}`, { headers: auth }))).status;
      expect(await status(first.url, hanging)).toBe('running');
      expect(await status(first.url, waiting)).toBe('queued');
      first.child.kill('SIGKILL');
      await stopped(first.child);

      const second = await serve(dir.path, ['--token-file', tokenFile]);
      try {
        expect(second.stderr()).toMatch(/recovered jobs: 1 queued again, 1 marked interrupted/);
        const interrupted = await waitForScan(second.url, hanging, auth);
        expect(interrupted).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
        const done = await waitForScan(second.url, waiting, auth);
        expect(done.status).toBe('done');

        const third = await runVigia(['--cache-dir', dir.path, 'serve', '--listen', '127.0.0.1:0']);
        expect(third.status).toBe(ExitStatus.DATABASE);
        expect(third.stderr).toMatch(/scans\.db is in use by another vigia serve/);
      } finally {
        second.child.kill('SIGTERM');
        expect(await stopped(second.child)).toBe(0);
      }
    } finally {
      first.child.kill('SIGKILL');
      await stall.release();
      dir.cleanup();
    }
  });
});
