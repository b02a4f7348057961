#!/usr/bin/env node
// `npm run bench secrets`: what secret scanning costs on the large image (../bigimg/big.oci).
//  1. The CLI, cold (no layer cache): `vigia sbom` (inventory only) next to
//     `vigia scan --scanners secret` (inventory + every file of every layer through the secret
//     scanner + the image config). Target: ≤ 1.5 × the inventory-only time.
//  2. In process, from dist/: walkLayer() over every layer with bodies left unread, next to the
//     same walk feeding every wanted file to the streaming secret analyzer chunk by chunk. This
//     isolates the scanner (no other analyzer) and reports its text throughput.
// Other work shares the machine: the two sides of each pair alternate and each keeps its best
// round (VIGIA_BENCH_ROUNDS, default 3).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REPO_ROOT, bigImageDir, table, timed } from './lib.mjs';

const self = fileURLToPath(import.meta.url);
const dist = (p) => pathToFileURL(join(REPO_ROOT, 'dist', p)).href;

if (process.argv[2] === '--worker') {
  const scan = process.argv[4] === 'secrets';
  const { openImage, walkLayer } = await import(dist('image/index.js'));
  const { createSecretAnalyzer, createSecretScanner, scanImageConfig } = await import(
    dist('checks/secrets/index.js')
  );
  const scanner = createSecretScanner();
  const analyzer = createSecretAnalyzer(scanner);
  const image = await openImage(process.argv[3], {});
  const stats = { files: 0, scannedBytes: 0, hits: 0, warnings: 0 };
  for (const layer of image.layers) {
    await walkLayer(image, layer, async (header, body) => {
      if (!scan || header.type !== 'file' || !analyzer.wants(header)) return;
      const sink = analyzer.start(header);
      stats.files++;
      for await (const chunk of body) {
        sink.write(chunk);
        stats.scannedBytes += chunk.length;
      }
      const { results, warnings } = sink.end();
      stats.hits += results.length;
      stats.warnings += warnings.length;
    });
  }
  if (scan) stats.hits += scanImageConfig(image.config, scanner).length;
  await image.close();
  writeFileSync(process.argv[5], JSON.stringify(stats));
  process.exit(0);
}

const big = bigImageDir();
if (!big) process.exit(0);
if (!existsSync(join(REPO_ROOT, 'dist', 'checks', 'secrets', 'index.js'))) {
  console.log('skipped: dist/ not built; run `npm run build` first');
  process.exit(0);
}

const layout = join(big, 'big.oci');
const ref = `${layout}:big`;
const vigia = join(REPO_ROOT, 'bin/vigia.js');
const work = mkdtempSync(join(tmpdir(), 'vigia-bench-secrets-'));
const rounds = Number(process.env.VIGIA_BENCH_ROUNDS ?? 3);
const best = (a, b) => (a && a.seconds <= b.seconds ? a : b);
const cli = (args) =>
  timed(process.execPath, [vigia, ...args, '--no-cache', '--format', 'json', '-q'], {
    env: { ...process.env, VIGIA_CACHE_DIR: join(work, 'cache') },
  });
const worker = async (mode) => {
  const statsFile = join(work, `${mode}.json`);
  const run = await timed(process.execPath, [self, '--worker', layout, mode, statsFile]);
  return { ...run, stats: JSON.parse(readFileSync(statsFile, 'utf8')) };
};

try {
  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  // Warm the page cache so that neither side pays for the first disk read.
  await timed('sh', ['-c', `cat "${layout}"/blobs/sha256/* > /dev/null`]);

  let sbom;
  let secrets;
  let walk;
  let walkScan;
  for (let i = 0; i < rounds; i++) {
    sbom = best(sbom, await cli(['sbom', ref]));
    secrets = best(secrets, await cli(['scan', ref, '--scanners', 'secret']));
    walk = best(walk, await worker('walk'));
    walkScan = best(walkScan, await worker('secrets'));
  }
  const stats = walkScan.stats ?? {};
  const mib = (n) => (n === undefined ? 'n/a' : n.toFixed(0));
  const extra = Math.max(walkScan.seconds - walk.seconds, 1e-9);
  console.log(`large image (${layout}), best of ${rounds} alternating rounds\n`);
  console.log(
    table(
      ['run', 'seconds', 'peak RSS MiB', 'ratio'],
      [
        ['vigia sbom (inventory only), cold', sbom.seconds.toFixed(2), mib(sbom.rssMiB), '1.00'],
        [
          'vigia scan --scanners secret, cold',
          secrets.seconds.toFixed(2),
          mib(secrets.rssMiB),
          (secrets.seconds / sbom.seconds).toFixed(2),
        ],
        ['walkLayer only (in process)', walk.seconds.toFixed(2), mib(walk.rssMiB), '1.00'],
        [
          'walkLayer + secret analyzer',
          walkScan.seconds.toFixed(2),
          mib(walkScan.rssMiB),
          (walkScan.seconds / walk.seconds).toFixed(2),
        ],
      ],
    ),
  );
  console.log(
    `\nsecret analyzer: ${stats.files} files handed to it (${(stats.scannedBytes / 2 ** 20).toFixed(0)} MiB; ` +
      `binaries are dropped after their first 8000 bytes), ${stats.hits} hits, ${stats.warnings} warnings; ` +
      `it added ${extra.toFixed(2)} s to the walk`,
  );
  const ratio = secrets.seconds / sbom.seconds;
  console.log(
    `target: scan --scanners secret ≤ 1.5 × sbom: ${ratio <= 1.5 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
