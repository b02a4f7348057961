// Helpers shared by the benchmark scripts: locating inputs, timing commands, peak RSS.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = process.env.VIGIA_FIXTURES ?? resolve(REPO_ROOT, '../shared/fixtures');
export const BIG_IMAGE_DIR = process.env.VIGIA_BIG_IMAGE_DIR ?? resolve(REPO_ROOT, '../bigimg');

/** The large benchmark image's directory, or undefined (with a hint printed) when not built. */
export function bigImageDir() {
  if (existsSync(join(BIG_IMAGE_DIR, 'big.oci', 'index.json'))) return BIG_IMAGE_DIR;
  console.log(
    `skipped: large image not found in ${BIG_IMAGE_DIR}; build it with ` +
      `sudo ../shared/fixtures/build-big-image.sh ${BIG_IMAGE_DIR} (or set VIGIA_BIG_IMAGE_DIR)`,
  );
  return undefined;
}

/**
 * Run a command (through /usr/bin/time -v when available) and return wall seconds and peak RSS
 * in MiB of the process tree's largest member.
 */
export function timed(cmd, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const useTime = existsSync('/usr/bin/time');
    const argv = useTime ? ['/usr/bin/time', ['-v', cmd, ...args]] : [cmd, args];
    const start = process.hrtime.bigint();
    const child = spawn(argv[0], argv[1], {
      stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'],
      ...options,
    });
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const rssMiB = m ? Number(m[1]) / 1024 : undefined;
      if (code !== 0)
        return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
      resolvePromise({ seconds, rssMiB, stderr });
    });
  });
}

/** Format a table of rows (arrays of cells) with a header. */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * Build an advisory store from every fixture feed into `cacheDir` with `vigia db import`
 * (offline; the download path is benchmarked by db.bench.mjs).
 */
export async function importFixtureStore(cacheDir) {
  const { readdirSync } = await import('node:fs');
  const adv = join(FIXTURES, 'advisories');
  const paths = [
    ...readdirSync(join(adv, 'osv')).map((e) => join(adv, 'osv', e, 'all.zip')),
    ...readdirSync(join(adv, 'alpine-secdb')).flatMap((v) =>
      readdirSync(join(adv, 'alpine-secdb', v)).map((f) => join(adv, 'alpine-secdb', v, f)),
    ),
    join(adv, 'kev', 'known_exploited_vulnerabilities.json'),
  ];
  for (const p of paths) {
    await timed(process.execPath, [join(REPO_ROOT, 'bin/vigia.js'), 'db', 'import', p], {
      env: { ...process.env, VIGIA_CACHE_DIR: cacheDir },
    });
  }
}

/** Sum of `gzip -dc LAYER | tar -t` over the layers of an OCI layout directory: the walk floor. */
export async function walkFloorSeconds(ociDir) {
  const { readFileSync } = await import('node:fs');
  const index = JSON.parse(readFileSync(join(ociDir, 'index.json'), 'utf8'));
  const blob = (d) => join(ociDir, 'blobs', ...d.split(':'));
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), 'utf8'));
  let total = 0;
  for (const layer of manifest.layers) {
    const r = await timed('sh', ['-c', `gzip -dc '${blob(layer.digest)}' | tar -t > /dev/null`]);
    total += r.seconds;
  }
  return total;
}
