#!/usr/bin/env node
// `npm run bench scan`: the inventory and scan pipeline, side by side with the physical floor
// measured in the same run.
//  - floor: `gzip -dc LAYER | tar -t` over the large image's layers (../bigimg/big.oci);
//  - `vigia sbom` of the large image, cold (empty layer cache) and warm (every layer cached);
//  - `vigia scan` of debian-node-app:node-app and of the large image, cold and warm, with the
//    advisory store built from the fixture feeds;
//  - matching alone: 1,000 packages of the large image against that store.
// Targets (issues 3 and 5): sbom cold ≤ 1.5× floor, sbom warm < 0.5 s; scan warm of node-app
// < 1 s; matching 1,000 packages < 100 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  FIXTURES,
  REPO_ROOT,
  bigImageDir,
  importFixtureStore,
  table,
  timed,
  walkFloorSeconds,
} from './lib.mjs';

const vigia = join(REPO_ROOT, 'bin/vigia.js');
const big = bigImageDir();
const nodeApp = `${join(FIXTURES, 'images/debian-node-app.oci.tar')}:node-app`;
const work = mkdtempSync(join(tmpdir(), 'vigia-bench-scan-'));
const run = (args, cacheDir) =>
  timed(process.execPath, [vigia, ...args, '-q'], { env: { ...process.env, VIGIA_CACHE_DIR: cacheDir } });

try {
  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const store = join(work, 'store');
  await importFixtureStore(store);
  const rows = [];
  const measure = async (label, args, cacheDir, floor) => {
    const r = await run(args, cacheDir);
    rows.push([
      label,
      r.seconds.toFixed(2),
      r.rssMiB?.toFixed(0),
      floor ? (r.seconds / floor).toFixed(2) : '-',
    ]);
  };
  if (big) {
    const bigRef = `${join(big, 'big.oci')}:big`;
    const floor = await walkFloorSeconds(join(big, 'big.oci'));
    rows.push(['floor: gzip -dc | tar -t (6 layers)', floor.toFixed(2), '-', '1.00']);
    const sbom = ['sbom', bigRef, '--format', 'json'];
    const scan = ['scan', bigRef, '--format', 'json', '--skip-db-update'];
    await measure('sbom big, cold', sbom, join(work, 'sbom'), floor);
    await measure('sbom big, warm', sbom, join(work, 'sbom'), floor);
    await measure('scan big, cold', scan, store, floor);
    await measure('scan big, warm', scan, store, floor);
  }
  const naCache = join(work, 'na');
  await importFixtureStore(naCache);
  const naScan = ['scan', nodeApp, '--format', 'json', '--skip-db-update'];
  await measure('scan node-app, cold', naScan, naCache);
  await measure('scan node-app, warm', naScan, naCache);
  console.log(table(['what', 'seconds', 'peak RSS MiB', 'x floor'], rows));
  if (big) await matching(join(big, 'big.oci'), store, join(work, 'sbom'));
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Matching alone: the large image's packages (from the warm layer cache) against the store. */
async function matching(ociDir, storeCache, layerCache) {
  const mod = (p) => import(pathToFileURL(join(REPO_ROOT, 'dist', p)).href);
  const { openImage } = await mod('image/index.js');
  const { analyzeImage, defaultScanOptions } = await mod('scan/scan.js');
  const { LayerCache } = await mod('cache/layer-cache.js');
  const { AdvisoryStore, defaultDbDir } = await mod('advisories/index.js');
  const { matchPackages } = await mod('matching/match.js');
  const { toFindings } = await mod('matching/findings.js');
  const image = await openImage(`${ociDir}:big`, {});
  const cache = LayerCache.open(layerCache);
  const options = { ...defaultScanOptions('bench'), scanners: [] };
  const analysis = await analyzeImage(image, options, { cache });
  const packages = analysis.inventory.packages.slice(0, 1000);
  const store = AdvisoryStore.open(defaultDbDir(storeCache));
  const once = () => {
    const t = process.hrtime.bigint();
    const m = matchPackages(packages, store, analysis.inventory.os, { ownedLanguagePackages: true });
    const f = toFindings(m.matches, store, (index) => ({ index, diffID: '' }));
    return { ms: Number(process.hrtime.bigint() - t) / 1e6, findings: f.findings.length };
  };
  const first = once();
  const runs = Array.from({ length: 5 }, once)
    .map((r) => r.ms)
    .sort((a, b) => a - b);
  console.log(
    `\nmatching ${packages.length} packages (all ecosystems, owned ones included): first ${first.ms.toFixed(1)} ms, ` +
      `median of 5 ${runs[2].toFixed(1)} ms, ${first.findings} findings`,
  );
  store.close();
  cache.close();
  await image.close();
}
