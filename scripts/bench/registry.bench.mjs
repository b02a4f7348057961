// Registry pull benchmark: the large image pushed to a local registry (Debian's docker-registry on
// loopback), scanned by vigia cold (nothing cached) and warm (every layer in the layer-fact cache:
// no blob downloaded), next to `skopeo copy docker://… oci:…` of the same image (the transfer
// floor) and vigia over the OCI layout on disk (the archive scan time).
// Targets: cold ≤ 1.3 × (skopeo copy + archive scan); warm < 1 s.
//
// Each vigia measurement runs in a child process (this file with --worker) using the built code in
// dist/ (`npm run build` first): open the image, then collect layer facts with the lead's pipeline
// (dist/scan/collect.js + dist/cache/layer-cache.js) when present, else only walk the layers.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, REPO_ROOT, bigImageDir, table, timed } from './lib.mjs';

const dist = (p) => join(REPO_ROOT, 'dist', p);

if (process.argv[2] === '--worker') {
  await worker(process.argv[3], process.argv[4]);
  process.exit(0);
}

const dir = bigImageDir();
if (!dir) process.exit(0);
if (!existsSync(dist('image/index.js'))) {
  console.log('skipped: dist/ not built; run `npm run build` first');
  process.exit(0);
}
for (const tool of ['skopeo', '/usr/bin/docker-registry']) {
  if (spawnSync(tool, ['--version']).status !== 0) {
    console.log(`skipped: ${tool} not installed (apt-get install skopeo docker-registry)`);
    process.exit(0);
  }
}

const port = await freePort();
const started = spawnSync(join(FIXTURES, 'start-registry.sh'), [String(port)], { encoding: 'utf8' });
if (started.status !== 0) throw new Error(`start-registry.sh failed: ${started.stderr}`);
const registryPid = Number(started.stdout.trim());
const registryDir = /dir (\S+),/.exec(started.stderr)?.[1];
const work = mkdtempSync(join(tmpdir(), 'vigia-bench-registry-'));
const host = `127.0.0.1:${port}`;
const ref = `${host}/bench/big:latest`;

try {
  console.log(`pushing ${dir}/big.oci:big to ${ref} …`);
  execFileSync(
    'skopeo',
    ['copy', '--insecure-policy', '--dest-tls-verify=false', `oci:${dir}/big.oci:big`, `docker://${ref}`],
    {
      stdio: 'ignore',
    },
  );
  // Warm the page cache so that neither side pays for the first disk read.
  await timed('skopeo', [
    'copy',
    '--insecure-policy',
    '--src-tls-verify=false',
    `docker://${ref}`,
    `oci:${join(work, 'warmup')}:big`,
  ]);
  rmSync(join(work, 'warmup'), { recursive: true, force: true });

  const floor = await timed('skopeo', [
    'copy', '--insecure-policy', '--src-tls-verify=false', `docker://${ref}`, `oci:${join(work, 'copy')}:big`,
  ]); // prettier-ignore
  const archive = await measure(`oci:${dir}/big.oci:big`, join(work, 'cache-archive'));
  const cacheDir = join(work, 'cache-registry');
  const cold = await measure(ref, cacheDir);
  // Warm: the median of three runs (one process each; the first may also checkpoint the cache's WAL).
  const warms = [];
  for (let i = 0; i < 3; i++) warms.push(await measure(ref, cacheDir));
  const warm = warms.sort((a, b) => a.seconds - b.seconds)[1];

  const mib = (n) => (n / 1048576).toFixed(1);
  const row = (name, r, bytes, note) => [
    name,
    r.seconds.toFixed(2),
    cpuSeconds(r),
    r.rssMiB?.toFixed(0) ?? '?',
    bytes,
    note,
  ];
  console.log(
    table(
      ['run', 'wall s', 'cpu s', 'peak RSS MiB', 'layer MiB pulled', 'note'],
      [
        row('skopeo copy docker:// → oci: (floor)', floor, 'all', 'transfer floor'),
        row(`vigia ${archive.result.mode}: OCI layout on disk`, archive, '-', 'archive scan time'),
        row(
          `vigia ${cold.result.mode}: registry cold`,
          cold,
          mib(cold.result.layerBytes),
          `${cold.result.requests} requests`,
        ),
        row(
          `vigia ${warm.result.mode}: registry warm (median of 3)`,
          warm,
          mib(warm.result.layerBytes),
          `${warm.result.cached}/${warm.result.layers} layers cached`,
        ),
      ],
    ),
  );
  const load = (await import('node:os')).loadavg()[0].toFixed(1);
  console.log(
    `load average when done: ${load} (wall times are only comparable on an idle machine; cpu s is steadier)`,
  );
  const budget = 1.3 * (floor.seconds + archive.seconds);
  console.log(
    `cold target ≤ 1.3 × (${floor.seconds.toFixed(2)} + ${archive.seconds.toFixed(2)}) = ${budget.toFixed(2)} s: ` +
      `${cold.seconds <= budget ? 'met' : 'MISSED'} (${cold.seconds.toFixed(2)} s)`,
  );
  if (warm.result.mode === 'collect') {
    console.log(
      `warm target < 1 s: ${warm.seconds < 1 ? 'met' : 'MISSED'} (${warm.seconds.toFixed(2)} s, ${warm.result.layerBytes} layer bytes)`,
    );
  } else {
    console.log(
      'TODO warm run: the layer-fact cache pipeline (dist/scan/collect.js) is not built; the warm row re-walked every layer',
    );
  }
} finally {
  process.kill(registryPid, 'SIGTERM');
  rmSync(work, { recursive: true, force: true });
  if (registryDir) rmSync(registryDir, { recursive: true, force: true });
}

/** User + system CPU seconds from /usr/bin/time -v output (robust to a loaded machine, unlike wall time). */
function cpuSeconds(r) {
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr ?? '');
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr ?? '');
  return user && sys ? (Number(user[1]) + Number(sys[1])).toFixed(2) : '?';
}

/** Run one worker process and parse the JSON it prints. */
async function measure(reference, cacheDir) {
  const r = await timed(process.execPath, [process.argv[1], '--worker', reference, cacheDir]);
  return { ...r, result: JSON.parse(readFileSync(`${cacheDir}.json`, 'utf8')) };
}

/** The child side: open `reference`, collect layer facts (cached in `cacheDir`) or walk. */
async function worker(reference, cacheDir) {
  const { openImage, walkLayer } = await import(pathToFileURL(dist('image/index.js')).href);
  const image = await openImage(reference, { insecure: true, config: {} });
  const out = { mode: 'walk', layers: image.layers.length, cached: 0, layerBytes: 0, requests: 0 };
  try {
    const collect = await importIfBuilt('scan/collect.js');
    const cache = await importIfBuilt('cache/layer-cache.js');
    const registry = await importIfBuilt('analyzers/registry.js');
    if (collect && cache && registry) {
      out.mode = 'collect';
      const layerCache = cache.LayerCache.open(cacheDir);
      const result = await collect.collectLayerFacts(
        image,
        { analyzers: registry.analyzers },
        { cache: layerCache },
      );
      out.cached = result.cached.length;
      layerCache.close?.();
    } else {
      const queue = [...image.layers];
      const walk = async () => {
        for (let layer = queue.shift(); layer; layer = queue.shift()) await walkLayer(image, layer, () => {});
      };
      await Promise.all([walk(), walk()]);
    }
    out.layerBytes = image.transfer?.layerBytes ?? 0;
    out.requests = image.transfer?.requests ?? 0;
  } finally {
    await image.close();
  }
  writeFileSync(`${cacheDir}.json`, JSON.stringify(out));
}

async function importIfBuilt(path) {
  return existsSync(dist(path)) ? import(pathToFileURL(dist(path)).href) : undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
