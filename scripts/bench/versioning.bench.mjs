#!/usr/bin/env node
// compare() throughput per version scheme, on the committed real-tool fixture pairs.
// Needs the build (`npm run build`): imports dist/versioning/registry.js.
// "first pass" includes parsing every distinct version once (cold cache); "steady" is the
// matcher's situation (the same versions compared again and again, parsed forms cached).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, table } from './lib.mjs';

const registry = join(REPO_ROOT, 'dist', 'versioning', 'registry.js');
if (!existsSync(registry)) {
  console.log('skipped: dist/versioning/registry.js not built; run npm run build first');
  process.exit(0);
}
const { schemes } = await import(pathToFileURL(registry).href);

function pairs(id) {
  const dir = join(REPO_ROOT, 'src', 'versioning', id, 'fixtures');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

const rows = [];
for (const [id, scheme] of Object.entries(schemes)) {
  const ps = pairs(id);
  let t0 = process.hrtime.bigint();
  let sink = 0;
  for (const [a, b] of ps) sink += scheme.compare(a, b);
  const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
  let n = 0;
  t0 = process.hrtime.bigint();
  const end = t0 + 400_000_000n;
  while (process.hrtime.bigint() < end) {
    for (const [a, b] of ps) sink += scheme.compare(a, b);
    n += ps.length;
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  rows.push([id, ps.length, firstMs.toFixed(1), Math.round(n / secs / 1000).toLocaleString('en')]);
  if (Number.isNaN(sink)) console.log('(NaN)');
}
console.log(table(['scheme', 'pairs', 'first pass ms (parse+compare)', 'steady k compares/s'], rows));
console.log('\n(the matcher compares ~100k pairs per scan: at 1,000k/s that is 0.1 s)');
