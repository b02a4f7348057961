#!/usr/bin/env node
// Writes golden package lists for the dpkg analyzer's tests, produced by the real dpkg-query
// from the shared fixtures (pkgdb status files and the Debian fixture images).
//
//   node scripts/analyzers/gen-dpkg-goldens.mjs
//
// Needs dpkg-query and tar on PATH. Status files are extracted into a temp directory that is
// removed afterwards; only the package lists (name, version, source, source version, arch of
// the packages dpkg-query reports as installed) are written, to
// src/analyzers/dpkg/__fixtures__/<case>.dpkg-query.tsv.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = process.env.VIGIA_FIXTURES ?? resolve(repo, '../shared/fixtures');
const outDir = join(repo, 'src/analyzers/dpkg/__fixtures__');

const cases = [
  {
    name: 'ubuntu18.04-full',
    status: () => readFileSync(join(fixtures, 'pkgdb/dpkg/ubuntu18.04-full/var/lib/dpkg/status')),
  },
  { name: 'bookworm', status: () => imageStatus('debian-node-app.oci.tar', 'bookworm') },
  { name: 'node-app', status: () => imageStatus('debian-node-app.oci.tar', 'node-app') },
  { name: 'bullseye', status: () => imageStatus('debian-bullseye.oci.tar', 'bullseye') },
];

const tar = (args, input) =>
  execFileSync('tar', args, { input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'ignore'] });

/** The /var/lib/dpkg/status of the top-most layer that has one, for an OCI-layout tar and ref. */
function imageStatus(image, ref) {
  const file = join(fixtures, 'images', image);
  const blob = (digest) =>
    JSON.parse(tar(['-xOf', file, `blobs/${digest.replace(':', '/')}`]).toString('utf8'));
  const index = JSON.parse(tar(['-xOf', file, 'index.json']).toString('utf8'));
  const top = index.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === ref);
  if (!top) throw new Error(`${image}: no ref ${ref}`);
  const layers = blob(top.digest).layers;
  for (const layer of [...layers].reverse()) {
    const gz = tar(['-xOf', file, `blobs/${layer.digest.replace(':', '/')}`]);
    try {
      return tar(['-xzO', 'var/lib/dpkg/status'], gz);
    } catch {
      // not in this layer
    }
  }
  throw new Error(`${image} ${ref}: no var/lib/dpkg/status`);
}

mkdirSync(outDir, { recursive: true });
const format =
  '${db:Status-Abbrev}\\t${Package}\\t${Version}\\t${source:Package}\\t${source:Version}\\t${Architecture}\\n';
for (const c of cases) {
  const admin = mkdtempSync(join(tmpdir(), 'vigia-dpkg-'));
  try {
    mkdirSync(join(admin, 'info'));
    mkdirSync(join(admin, 'updates'));
    writeFileSync(join(admin, 'status'), c.status());
    const out = execFileSync('dpkg-query', [`--admindir=${admin}`, '-W', `-f=${format}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    // Status-Abbrev: want, status, error flag; status `i` = installed.
    const rows = out
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => l.split('\t'))
      .filter(([abbrev]) => abbrev[1] === 'i')
      .map(([, ...rest]) => rest.join('\t'))
      .sort();
    const header = 'package\tversion\tsource\tsource_version\tarch';
    writeFileSync(join(outDir, `${c.name}.dpkg-query.tsv`), `${header}\n${rows.join('\n')}\n`);
    console.log(`${c.name}: ${rows.length} installed packages`);
  } finally {
    rmSync(admin, { recursive: true, force: true });
  }
}
