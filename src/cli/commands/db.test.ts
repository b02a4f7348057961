import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AdvisoryStore } from '../../advisories/store.js';
import { runVigia, type CliResult } from '../../test-support/cli.js';
import { ADVISORY_FIXTURES, startFeedServer, type FeedServer } from '../../test-support/feed-server.js';
import { REPO_ROOT, tempDir } from '../../test-support/fixtures.js';

/**
 * `vigia db …` as users run it: the built CLI as a real process, against a real feed server on
 * loopback, writing real SQLite stores in temp cache directories.
 */
let server: FeedServer;
let tmp: ReturnType<typeof tempDir>;
let cache: string;
let config: string;

const env = () => ({
  VIGIA_CACHE_DIR: cache,
  VIGIA_OSV_URL: '',
  VIGIA_SECDB_URL: '',
  VIGIA_KEV_URL: '',
  VIGIA_CONFIG: '',
});
const vigia = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
  runVigia(args, { env: { ...env(), ...extraEnv }, cwd: tmp.path });

beforeAll(async () => {
  server = await startFeedServer();
  tmp = tempDir('vigia-cli-db-');
  cache = join(tmp.path, 'cache');
  config = join(tmp.path, 'vigia.yaml');
  // The config points at a dead mirror: the flags below must win over it.
  writeFileSync(
    config,
    [
      'db:',
      '  osv:',
      '    baseUrl: http://127.0.0.1:1/dead',
      '    ecosystems: [npm, crates.io]',
      '  alpineSecdb:',
      '    releases: [v3.10]',
      '    repos: [main]',
      '  kev:',
      '    url: http://127.0.0.1:1/dead.json',
      '  timeoutSeconds: 5',
      '  retries: 1',
      '',
    ].join('\n'),
  );
  const r = await vigia(['db', 'update', '--osv-url', server.osvUrl, '--secdb-url', server.secdbUrl], {
    VIGIA_KEV_URL: server.kevUrl,
  });
  if (r.status !== 0) throw new Error(`initial db update failed: ${r.stderr}`);
});

afterEach(() => server.reset());

afterAll(async () => {
  await server?.close();
  tmp?.cleanup();
});

const dbDir = () => join(cache, 'db');
const updateArgs = () => [
  'db',
  'update',
  '--osv-url',
  server.osvUrl,
  '--secdb-url',
  server.secdbUrl,
  '--kev-url',
  server.kevUrl,
];

function expectStoreIntact(): void {
  const store = AdvisoryStore.open(dbDir());
  try {
    expect(store.advisoriesFor('npm', 'lodash').map((a) => a.id)).toContain('GHSA-p6mc-m468-83gw');
    expect(store.metadata().sources.map((s) => s.id)).toEqual([
      'alpine-secdb:v3.10/main',
      'cisa-kev',
      'osv:crates.io',
      'osv:npm',
    ]);
  } finally {
    store.close();
  }
  expect(readdirSync(dbDir()).sort()).toEqual(['vigia.db']);
}

describe('vigia db update', () => {
  it('built the store from the config (vigia.yaml in cwd) with URLs from flags and env', () => {
    expectStoreIntact();
    const urls = server.requests.map((r) => r.path);
    expect(urls).toEqual(
      expect.arrayContaining([
        '/osv/npm/all.zip',
        '/osv/crates.io/all.zip',
        '/alpine-secdb/v3.10/main.json',
        '/kev/known_exploited_vulnerabilities.json',
      ]),
    );
  });

  it('prints a report per feed; a second run is all 304', async () => {
    const r = await vigia([...updateArgs(), '--format', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { feeds: { feed: string; status: string; records: number }[] };
    expect(report.feeds.map((f) => [f.feed, f.status, f.records])).toEqual([
      ['osv:npm', 'not-modified', 640],
      ['osv:crates.io', 'not-modified', 14],
      ['alpine-secdb:v3.10/main', 'not-modified', 1110],
      ['cisa-kev', 'not-modified', 1404],
    ]);
    const text = await vigia(updateArgs());
    expect(text.stdout).toMatch(/^osv:npm\s+not-modified\s+640 records$/m);
    expect(text.stdout).toContain(
      `advisory database written to ${join(dbDir(), 'vigia.db')} (3168 records from 4 feeds)`,
    );
  });

  it('rejects bad flag values as usage errors (exit 2) and a bad config with file:line (exit 3)', async () => {
    expect((await vigia(['db', 'update', '--timeout', 'soon'])).status).toBe(2);
    const bad = join(tmp.path, 'bad.yaml');
    writeFileSync(bad, 'db:\n  retries: lots\n');
    const r = await vigia(['db', 'update', '--config', bad]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(
      `vigia: error: ${bad}:2: db.retries: Invalid input: expected number, received string\n`,
    );
  });

  it('an unreachable feed exits 4 and keeps the store', async () => {
    server.failNext(10, { path: '/osv/npm/all.zip' });
    server.override('/osv/npm/all.zip', readFileSync(join(ADVISORY_FIXTURES, 'osv/NuGet/all.zip')));
    const r = await vigia(updateArgs());
    expect(r.status).toBe(4);
    expect(r.stderr).toBe(
      `vigia: error: ${server.osvUrl}/npm/all.zip: HTTP 500 Internal Server Error (after 2 attempts)\n`,
    );
    expectStoreIntact();
  });

  it('a write failure (file size limit, as on a full disk) exits 6 and keeps the store', async () => {
    // A changed npm feed (so it is downloaded, not a 304) larger than the 1 MiB the process may write.
    server.override('/osv/npm/all.zip', readFileSync(join(ADVISORY_FIXTURES, 'osv/Go/all.zip')));
    const r = await shell(
      `ulimit -f 1024; exec "${process.execPath}" "${join(REPO_ROOT, 'bin/vigia.js')}" ${updateArgs().join(' ')}`,
    );
    expect(r.status).toBe(6);
    expect(r.stderr).toMatch(
      new RegExp(
        `^vigia: error: cannot write ${dbDir()}/\\.tmp-\\S+: (EFBIG: file too large|database or disk is full)`,
      ),
    );
    expectStoreIntact();
  });

  it('a permission error exits 6 and keeps the store', async () => {
    server.override('/osv/npm/all.zip', readFileSync(join(ADVISORY_FIXTURES, 'osv/NuGet/all.zip')));
    // Root ignores file modes, so as root the CLI runs as `nobody`; otherwise the directory is made read-only.
    const asRoot = process.getuid?.() === 0;
    for (const dir of [tmp.path, cache, dbDir()]) chmodSync(dir, asRoot ? 0o755 : 0o555);
    chmodSync(join(dbDir(), 'vigia.db'), 0o644);
    try {
      const r = await run(
        process.execPath,
        [join(REPO_ROOT, 'bin/vigia.js'), ...updateArgs()],
        asRoot ? { uid: 65534, gid: 65534 } : {},
      );
      expect(r.status).toBe(6);
      expect(r.stderr).toBe(
        `vigia: error: cannot write ${dbDir()}/update.lock: EACCES: permission denied, open '${dbDir()}/update.lock'\n`,
      );
    } finally {
      for (const dir of [tmp.path, cache, dbDir()]) chmodSync(dir, 0o755);
    }
    expectStoreIntact();
  });

  it('a second update fails with DB_LOCKED (exit 5); a killed update leaves the store usable and is cleaned up', async () => {
    server.override('/osv/npm/all.zip', readFileSync(join(ADVISORY_FIXTURES, 'osv/NuGet/all.zip')));
    server.stall('/osv/npm/all.zip', { afterBytes: 500 });
    const first = start(process.execPath, [
      join(REPO_ROOT, 'bin/vigia.js'),
      ...updateArgs(),
      '--timeout',
      '60',
    ]);
    try {
      let exited: CliResult | undefined;
      void first.done.then((r) => (exited = r));
      await waitFor(() => {
        if (exited) throw new Error(`the first update ended early: ${exited.status} ${exited.stderr}`);
        return readdirSync(dbDir()).some((f) => f.startsWith('.tmp-download'));
      });
      const owner = JSON.parse(readFileSync(join(dbDir(), 'update.lock'), 'utf8')) as { pid: number };
      expect(owner.pid).toBe(first.child.pid);

      const second = await vigia([...updateArgs(), '--lock-timeout', '1']);
      expect(second.status).toBe(5);
      expect(second.stderr).toMatch(
        new RegExp(`update\\.lock is held by another vigia db update/import \\(pid ${first.child.pid} on `),
      );
      expectStoreReadable(); // readers are never blocked by an update

      first.child.kill('SIGKILL');
      await first.done;
    } finally {
      first.child.kill('SIGKILL');
    }
    expect(readdirSync(dbDir()).filter((f) => f.startsWith('.tmp-')).length).toBe(2); // the download and the new store
    server.reset();
    const third = await vigia(updateArgs());
    expect(third.status).toBe(0);
    expect(third.stderr).toContain('vigia: note: removed 2 temp file(s) left by an interrupted run');
    expectStoreIntact();
  }, 120_000);
});

describe('vigia db status', () => {
  it('shows schema, age, feeds and counts (table and JSON)', async () => {
    const r = await vigia(['db', 'status']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^database\s+.*vigia\.db$/m);
    expect(r.stdout).toMatch(/^schema\s+1$/m);
    expect(r.stdout).toMatch(/^known exploited\s+1404$/m);
    expect(r.stdout).toMatch(/^osv:npm\s+640\s+\S+\s+\S+\s+http:\/\/127\.0\.0\.1:\d+\/osv\/npm\/all\.zip$/m);
    const j = JSON.parse((await vigia(['db', 'status', '--format', 'json'])).stdout) as Record<
      string,
      unknown
    >;
    expect(j).toMatchObject({ stale: false, maxAgeDays: 3, warnings: [], counts: { knownExploited: 1404 } });
    expect(j.ecosystems).toEqual(expect.arrayContaining(['npm', 'crates.io', 'Alpine:v3.10']));
  });

  it('warns on stderr and in JSON when older than the limit, and still exits 0', async () => {
    const r = await vigia(['db', 'status', '--max-age-days', '0.000001', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /^vigia: warning: advisory database .* \(.* ago, limit 0\.000001 days\): run `vigia db update`\n$/,
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ stale: true, warnings: [{ code: 'db-stale' }] });
    const cfg = join(tmp.path, 'strict.yaml');
    writeFileSync(cfg, 'db:\n  maxAgeDays: 0.000001\n');
    expect((await vigia(['db', 'status', '--config', cfg])).stdout).toContain('STALE');
  });

  it('on a missing store says how to get one and exits 5', async () => {
    const r = await runVigia(['db', 'status'], {
      env: { ...env(), VIGIA_CACHE_DIR: join(tmp.path, 'empty') },
    });
    expect(r.status).toBe(5);
    expect(r.stderr).toBe(
      `vigia: error: no advisory database at ${join(tmp.path, 'empty', 'db', 'vigia.db')}: run \`vigia db update\` (online) or \`vigia db import FILE\` (offline)\n`,
    );
  });
});

describe('vigia db export / import', () => {
  it('moves the whole store as one file to an air-gapped cache', async () => {
    const file = join(tmp.path, 'vigia-db.sqlite.gz');
    const exp = await vigia(['db', 'export', file]);
    expect(exp.status).toBe(0);
    expect(exp.stderr).toMatch(
      /^vigia: wrote .*vigia-db\.sqlite\.gz \(\d+ bytes, store built .*, 4 feeds\)\n$/,
    );
    const airgap = join(tmp.path, 'airgap');
    const imp = await runVigia(['db', 'import', file], { env: { ...env(), VIGIA_CACHE_DIR: airgap } });
    expect(imp.status).toBe(0);
    expect(imp.stdout).toMatch(/^imported store built \S+ \(4 feeds\) into .*airgap\/db\/vigia\.db\n$/);
    const a = JSON.parse((await vigia(['db', 'status', '--format', 'json'])).stdout) as {
      counts: unknown;
      metadata: unknown;
    };
    const b = JSON.parse(
      (await runVigia(['db', 'status', '--format', 'json'], { env: { ...env(), VIGIA_CACHE_DIR: airgap } }))
        .stdout,
    ) as typeof a;
    expect(b.counts).toEqual(a.counts);
    expect((b.metadata as { sources: unknown }).sources).toEqual(
      (a.metadata as { sources: unknown }).sources,
    );
  });

  it('imports a feed file offline next to the others', async () => {
    const airgap = join(tmp.path, 'airgap2');
    const r = await runVigia(['db', 'import', join(ADVISORY_FIXTURES, 'alpine-secdb/v3.11/community.json')], {
      env: { ...env(), VIGIA_CACHE_DIR: airgap },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^alpine-secdb:v3\.11\/community\s+imported\s+\d+ records/m);
    expect(existsSync(join(airgap, 'db', 'vigia.db'))).toBe(true);
    const junk = join(tmp.path, 'junk.bin');
    writeFileSync(junk, 'nothing to see');
    const bad = await runVigia(['db', 'import', junk], { env: { ...env(), VIGIA_CACHE_DIR: airgap } });
    expect(bad.status).toBe(5);
    expect(bad.stderr).toMatch(/not a feed vigia can import/);
  });
});

function expectStoreReadable(): void {
  const store = AdvisoryStore.open(dbDir());
  try {
    expect(store.advisoriesFor('npm', 'lodash').length).toBeGreaterThan(0);
  } finally {
    store.close();
  }
}

function start(
  cmd: string,
  args: string[],
  opts: { uid?: number; gid?: number } = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(cmd, args, {
    env: { ...process.env, ...env() },
    cwd: tmp.path,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...opts,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ status: code ?? (signal ? 128 : -1), stdout, stderr })),
  );
  return { child, done };
}

function run(cmd: string, args: string[], opts: { uid?: number; gid?: number } = {}): Promise<CliResult> {
  return start(cmd, args, opts).done;
}

function shell(script: string): Promise<CliResult> {
  return run('/bin/sh', ['-c', script]);
}

async function waitFor(cond: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
