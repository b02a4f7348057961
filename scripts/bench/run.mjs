#!/usr/bin/env node
// `npm run bench [name…]`: runs every scripts/bench/*.bench.mjs (or the named ones) in turn.
// Each benchmark prints its own side-by-side table (vigia vs the physical floor or a peer,
// measured in the same run) and may skip itself with a reason when an input is missing.
//
// The large image (../shared/fixtures/build-big-image.sh OUTDIR) is found at $VIGIA_BIG_IMAGE_DIR,
// else ../bigimg beside the checkout.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort();
const chosen = wanted.length ? all.filter((f) => wanted.some((w) => f.startsWith(w))) : all;
if (chosen.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const file of chosen) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
