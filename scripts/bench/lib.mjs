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
