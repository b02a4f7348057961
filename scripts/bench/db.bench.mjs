#!/usr/bin/env node
// Advisory database benchmark (`npm run bench db`):
//  1. import: `vigia db update` (the built CLI, a fresh cache each run) of every fixture feed
//     (11 OSV zips, ~21,000 records; Alpine secdb v3.10/v3.11; CISA KEV) from a local HTTP
//     server (src/test-support/feed-server.ts), against the floor of `unzip -p` of the same zips
//     to /dev/null, measured in the same run; plus the no-change update (every feed answers 304).
//  2. lookups: 10,000 (ecosystem, name) queries on the store just built, half names that have
//     advisories (drawn from the store's own (ecosystem, name) pairs), half names that do not.
// Targets (issue): import under 15 s on the 2-core machine; over 50,000 lookups per second.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, REPO_ROOT, table, timed } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const advisories = join(FIXTURES, 'advisories');
const dist = join(REPO_ROOT, 'dist');
if (!existsSync(join(dist, 'advisories', 'store.js'))) {
  console.log('skipped: dist/ is not built (run npm run build)');
  process.exit(0);
}
if (!existsSync(join(advisories, 'osv'))) {
  console.log(`skipped: no advisory fixtures in ${advisories}`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'vigia-bench-db-'));
try {
  const server = await startServer(work);
  try {
    await run(server);
  } finally {
    await server.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function run(server) {
  const ecosystems = readdirSync(join(advisories, 'osv')).sort();
  const zips = ecosystems.map((e) => join(advisories, 'osv', e, 'all.zip'));
  const config = join(work, 'vigia.yaml');
  writeFileSync(
    config,
    `db:\n  osv:\n    ecosystems: [${ecosystems.map((e) => JSON.stringify(e)).join(', ')}]\n` +
      `  alpineSecdb:\n    releases: [v3.10, v3.11]\n`,
  );
  const args = (cache) => [
    join(REPO_ROOT, 'bin/vigia.js'),
    '--quiet',
    '--cache-dir',
    cache,
    'db',
    'update',
    '--config',
    config,
    '--osv-url',
    server.osvUrl,
    '--secdb-url',
    server.secdbUrl,
    '--kev-url',
    server.kevUrl,
    '--format',
    'json',
  ];

  const hasUnzip = !spawnSync('unzip', ['-v']).error;
  const floor = [];
  const full = [];
  const noChange = [];
  let cache;
  for (let i = 0; i < RUNS; i++) {
    if (hasUnzip)
      floor.push(await timed('sh', ['-c', zips.map((z) => `unzip -p '${z}' > /dev/null`).join(' && ')]));
    cache = join(work, `cache-${i}`);
    full.push(await timed(process.execPath, args(cache)));
    noChange.push(await timed(process.execPath, args(cache)));
  }
  const report = spawnSync(process.execPath, [
    join(REPO_ROOT, 'bin/vigia.js'),
    '--cache-dir',
    cache,
    'db',
    'status',
    '--format',
    'json',
  ]);
  const status = JSON.parse(report.stdout.toString());
  const records = status.counts.advisories;

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const row = (label, rs, note) =>
    rs.length === 0
      ? [label, '-', '-', note]
      : [
          label,
          `${median(rs.map((r) => r.seconds)).toFixed(2)} s`,
          rs[0].rssMiB ? `${Math.round(median(rs.map((r) => r.rssMiB)))} MiB` : '-',
          note,
        ];
  console.log(
    `import of ${zips.length} OSV zips + secdb v3.10/v3.11 + KEV from ${server.url} (median of ${RUNS})`,
  );
  console.log(
    table(
      ['what', 'wall', 'peak RSS', 'note'],
      [
        row(
          'unzip -p (floor)',
          floor,
          hasUnzip ? 'decompress the same zips to /dev/null' : 'unzip not installed',
        ),
        row(
          'vigia db update',
          full,
          `${records} advisories + ${status.counts.knownExploited} KEV; target < 15 s`,
        ),
        row('vigia db update (304s)', noChange, 'nothing changed: conditional requests, rows copied'),
      ],
    ),
  );

  // Lookups, in process, on the store just built.
  const { AdvisoryStore } = await import(pathToFileURL(join(dist, 'advisories', 'store.js')).href);
  const Database = (
    await import(pathToFileURL(join(REPO_ROOT, 'node_modules/better-sqlite3/lib/index.js')).href)
  ).default;
  const dbFile = join(cache, 'db', 'vigia.db');
  const raw = new Database(dbFile, { readonly: true });
  const pairs = raw.prepare('SELECT ecosystem, name FROM lookup ORDER BY ecosystem, name').raw().all();
  raw.close();
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const queries = [];
  for (let i = 0; i < 10_000; i++) {
    const [eco, name] = pairs[Math.floor(rand() * pairs.length)];
    queries.push(i % 2 === 0 ? [eco, name] : [eco, `${name}-not-a-real-package`]);
  }
  const rounds = [];
  let found = 0;
  for (let round = 0; round < 5; round++) {
    const store = AdvisoryStore.open(join(cache, 'db'));
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    found = 0;
    for (const [eco, name] of queries) found += store.advisoriesFor(eco, name).length;
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    rounds.push({ wall, cpu: (used.user + used.system) / 1e6 });
    store.close();
  }
  const rate = (s) => `${Math.round(10_000 / s).toLocaleString('en')} /s`;
  const byWall = [...rounds].sort((a, b) => a.wall - b.wall);
  const med = byWall[Math.floor(byWall.length / 2)];
  console.log(
    `\nlookups: 10,000 (ecosystem, name) queries, half with advisories (${found} advisories returned), fresh store each round`,
  );
  console.log(
    table(
      ['what', 'wall', 'rate (wall)', 'CPU', 'rate (CPU time)', 'note'],
      [
        [
          'advisoriesFor, best of 5',
          `${(byWall[0].wall * 1000).toFixed(0)} ms`,
          rate(byWall[0].wall),
          `${(byWall[0].cpu * 1000).toFixed(0)} ms`,
          rate(byWall[0].cpu),
          'target > 50,000 /s',
        ],
        [
          'advisoriesFor, median of 5',
          `${(med.wall * 1000).toFixed(0)} ms`,
          rate(med.wall),
          `${(med.cpu * 1000).toFixed(0)} ms`,
          rate(med.cpu),
          '',
        ],
      ],
    ),
  );
  console.log(
    `load average during the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );
}

/**
 * The feed server is TypeScript in src/test-support (not part of the build): transpile it (and the
 * fixtures helper it imports) into a temp dir whose siblings link to dist/, so its imports of
 * ../advisories/*.js resolve to the built code.
 */
async function startServer(dir) {
  const ts = (await import('typescript')).default;
  const root = join(dir, 'mod');
  mkdirSync(join(root, 'test-support'), { recursive: true });
  for (const entry of readdirSync(dist)) symlinkSync(join(dist, entry), join(root, entry));
  for (const file of ['feed-server', 'fixtures']) {
    const source = readFileSync(join(REPO_ROOT, 'src/test-support', `${file}.ts`), 'utf8');
    const out = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: false,
      },
    });
    writeFileSync(join(root, 'test-support', `${file}.js`), out.outputText);
  }
  writeFileSync(join(root, 'package.json'), '{"type": "module"}');
  process.env.VIGIA_FIXTURES = FIXTURES;
  const { startFeedServer } = await import(pathToFileURL(join(root, 'test-support', 'feed-server.js')).href);
  return startFeedServer({ root: advisories });
}
