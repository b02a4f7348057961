import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigia } from '../test-support/cli.js';
import { FIXTURES, tempDir } from '../test-support/fixtures.js';
import { fixtureStoreCacheDir } from '../test-support/store.js';
import { validateCycloneDx, validateSarif, validateSpdx } from './__golden__/validators.js';
import { renderCycloneDx } from './cyclonedx/index.js';
import type { Renderer } from './format.js';
import { renderJunit } from './junit/index.js';
import { renderMarkdown } from './markdown/index.js';
import { renderSarif } from './sarif/index.js';
import { renderSpdx } from './spdx/index.js';
import type { ScanReport } from './types.js';

/**
 * Golden files for every format, from real fixture scans with a pinned timestamp. They change
 * only with an explicit flag: `VIGIA_UPDATE_GOLDEN=1 npx vitest run src/report`.
 */
const UPDATE = process.env.VIGIA_UPDATE_GOLDEN === '1';
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '__golden__');
const TIMESTAMP = '2026-01-01T00:00:00Z';
const IMAGES = join(FIXTURES, 'images');

const SCAN_FORMATS: [string, Renderer, string, ((doc: unknown) => string[]) | undefined][] = [
  ['sarif', renderSarif, 'json', validateSarif],
  ['junit', renderJunit, 'xml', undefined],
  ['markdown', renderMarkdown, 'md', undefined],
  ['cyclonedx', renderCycloneDx, 'json', validateCycloneDx],
  ['spdx', renderSpdx, 'json', validateSpdx],
];

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (UPDATE) {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path))
    throw new Error(`no golden file ${name}: run VIGIA_UPDATE_GOLDEN=1 npx vitest run src/report`);
  const expected = readFileSync(path, 'utf8');
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  const line = a.findIndex((l, i) => l !== e[i]);
  expect.fail(
    `${name} differs from its golden file at line ${line + 1}:\n  golden: ${e[line]}\n  actual: ${a[line]}\n(if the change is intended: VIGIA_UPDATE_GOLDEN=1 npx vitest run src/report)`,
  );
}

async function vigia(args: string[], cacheDir: string) {
  const r = await runVigia([...args, '--timestamp', TIMESTAMP], {
    env: { VIGIA_CACHE_DIR: cacheDir },
    cwd: IMAGES,
  });
  expect(r.stderr).toBe('');
  return r;
}

/**
 * The advisory DB's build time is when the test run built the fixture store: pin it so that
 * the goldens do not depend on the day they run (renderers are pure, so this only pins input).
 */
function pinDatabase(report: ScanReport): ScanReport {
  return report.database
    ? { ...report, database: { ...report.database, builtAt: '2025-12-31T00:00:00Z', ageHours: 24 } }
    : report;
}

describe('golden files: scan', () => {
  let store: { path: string; cleanup: () => void };
  const reports = new Map<string, ScanReport>();
  const SCANS = [
    ['alpine-310', 'alpine-310.tar.gz'],
    ['debian-node-app', 'debian-node-app.oci.tar:node-app'],
  ] as const;

  beforeAll(async () => {
    store = fixtureStoreCacheDir();
    for (const [name, image] of SCANS) {
      const r = await vigia(
        ['scan', image, '--format', 'json', '--skip-db-update', '--fail-on', 'HIGH'],
        store.path,
      );
      reports.set(name, JSON.parse(r.stdout) as ScanReport);
    }
  }, 240_000);
  afterAll(() => store?.cleanup());

  for (const [name] of SCANS) {
    for (const [format, render, ext, validate] of SCAN_FORMATS) {
      it(`${name} as ${format}: matches its golden file, renders deterministically${validate ? ', passes the official schema' : ''}`, () => {
        const report = pinDatabase(reports.get(name)!);
        const out = render(report, { color: false });
        expect(render(structuredClone(report), { color: false })).toBe(out);
        if (validate) expect(validate(JSON.parse(out))).toEqual([]);
        golden(`scan-${name}.${format}.golden.${ext}`, out);
      });
    }
  }

  it('vigia scan --format X writes what the renderer makes of the --format json report', async () => {
    const report = reports.get('alpine-310')!;
    for (const [format, render] of SCAN_FORMATS) {
      const r = await vigia(
        ['scan', 'alpine-310.tar.gz', '--format', format, '--skip-db-update', '--fail-on', 'HIGH'],
        store.path,
      );
      expect(r.status, format).toBe(report.verdict.status === 'fail' ? 1 : 0);
      expect(r.stdout, format).toBe(render(report, { color: false }));
    }
  }, 120_000);
});

describe('golden files and package counts: sbom', () => {
  let cache: { path: string; cleanup: () => void };
  const docs = new Map<string, { cdx: string; spdx: string }>();
  const SBOMS = [
    ['debian-bullseye', 'debian-bullseye.oci.tar'],
    ['rpm-centos7', 'rpm-centos7.tar.gz'],
    ['debian-node-app', 'debian-node-app.oci.tar:node-app'],
  ] as const;

  beforeAll(async () => {
    cache = tempDir('vigia-sbom-golden-');
    for (const [name, image] of SBOMS) {
      const cdx = await vigia(['sbom', image, '--format', 'cyclonedx'], cache.path);
      const spdx = await vigia(['sbom', image, '--format', 'spdx'], cache.path);
      expect(cdx.status).toBe(0);
      expect(spdx.status).toBe(0);
      docs.set(name, { cdx: cdx.stdout, spdx: spdx.stdout });
    }
  }, 300_000);
  afterAll(() => cache?.cleanup());

  for (const [name] of SBOMS) {
    it(`${name}: CycloneDX and SPDX match their golden files and the official schemas`, () => {
      const { cdx, spdx } = docs.get(name)!;
      expect(validateCycloneDx(JSON.parse(cdx))).toEqual([]);
      expect(validateSpdx(JSON.parse(spdx))).toEqual([]);
      golden(`sbom-${name}.cyclonedx.golden.json`, cdx);
      golden(`sbom-${name}.spdx.golden.json`, spdx);
    });
  }

  it('a second sbom run (layer cache warm) writes the same bytes', async () => {
    const again = await vigia(
      ['sbom', 'debian-node-app.oci.tar:node-app', '--format', 'cyclonedx'],
      cache.path,
    );
    expect(again.stdout).toBe(docs.get('debian-node-app')!.cdx);
  }, 120_000);

  /** Per-ecosystem counts from the fixtures README (images/README), not from our own output. */
  const EXPECTED: Record<string, (c: Counts) => void> = {
    'debian-bullseye': (c) => expect(c.byEcosystem).toEqual({ deb: 96 }),
    'rpm-centos7': (c) => expect(c.byEcosystem).toEqual({ rpm: 144 }),
    'debian-node-app': (c) => {
      expect(c.byEcosystem.deb).toBe(141);
      expect(c.npmUnderApp).toBe(70); // 69 packages plus the app itself
      expect(c.npmDebianOwned).toBe(25); // package.json files under /usr/share/nodejs
      expect(c.byEcosystem.pypi).toBe(10);
      expect(c.byEcosystem.maven).toBe(4);
      expect(c.fzf).toEqual(['stdlib@1.19.8']);
    },
  };

  interface Counts {
    byEcosystem: Record<string, number>;
    npmUnderApp: number;
    npmDebianOwned: number;
    fzf: string[];
  }

  for (const [name] of SBOMS) {
    it(`${name}: CycloneDX components and SPDX packages count what the fixtures README lists`, () => {
      const { cdx, spdx } = docs.get(name)!;
      const bom = JSON.parse(cdx) as {
        components: {
          type: string;
          name: string;
          version: string;
          purl?: string;
          properties?: { name: string; value: string }[];
        }[];
      };
      const prop = (c: (typeof bom.components)[number], n: string) =>
        (c.properties ?? []).filter((p) => p.name === n).map((p) => p.value);
      const libs = bom.components.filter((c) => c.type === 'library');
      const counts: Counts = { byEcosystem: {}, npmUnderApp: 0, npmDebianOwned: 0, fzf: [] };
      for (const c of libs) {
        const eco = prop(c, 'vigia:package:ecosystem')[0]!;
        counts.byEcosystem[eco] = (counts.byEcosystem[eco] ?? 0) + 1;
        const paths = prop(c, 'vigia:package:path');
        if (eco === 'npm' && paths[0]?.startsWith('/app/')) counts.npmUnderApp++;
        if (eco === 'npm' && paths[0]?.startsWith('/usr/share/nodejs/')) counts.npmDebianOwned++;
        if (paths.includes('/usr/bin/fzf')) counts.fzf.push(`${c.name}@${c.version}`);
      }
      EXPECTED[name]!(counts);
      const doc = JSON.parse(spdx) as {
        packages: { primaryPackagePurpose?: string; externalRefs?: { referenceLocator: string }[] }[];
      };
      const purls = doc.packages.flatMap((p) => p.externalRefs ?? []).map((r) => r.referenceLocator);
      expect(purls).toHaveLength(libs.length);
      expect(purls.sort()).toEqual(libs.map((c) => c.purl!).sort());
    });
  }
});
