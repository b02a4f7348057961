import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigia } from '../../src/test-support/cli.js';
import { fixtureImage } from '../../src/test-support/fixtures.js';
import { readImageFiles } from '../../src/test-support/image-files.js';
import { fixtureStoreCacheDir } from '../../src/test-support/store.js';
import type { ComparisonReport } from '../../src/scan/compare.js';
import type { ScanReport } from '../../src/report/types.js';
import { validateReport } from '../../src/report/__golden__/validators.js';

const ARCHIVE = fixtureImage('debian-node-app.oci.tar');

/** name → version of installed packages in the last dpkg status file of an image (read independently). */
async function dpkgInstalled(ref: string): Promise<Map<string, string>> {
  const files = await readImageFiles(ARCHIVE, (p) => p === '/var/lib/dpkg/status', ref);
  const status = files.at(-1)?.content.toString('utf8') ?? '';
  const out = new Map<string, string>();
  for (const stanza of status.split(/\n\n+/)) {
    const name = /^Package: (.+)$/m.exec(stanza)?.[1];
    const version = /^Version: (.+)$/m.exec(stanza)?.[1];
    const installed = /^Status: .* installed$/m.test(stanza);
    if (name && version && installed) out.set(name, version);
  }
  return out;
}

describe('layered validation: bookworm (base) → node-app (image)', () => {
  let store: { path: string; cleanup: () => void };
  let comparison: ComparisonReport;
  let onlyNew: ScanReport;

  beforeAll(async () => {
    store = fixtureStoreCacheDir();
    const env = { VIGIA_CACHE_DIR: store.path };
    const r = await runVigia(
      ['compare', `${ARCHIVE}:bookworm`, `${ARCHIVE}:node-app`, '--format', 'json', '--skip-db-update'],
      { env },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    comparison = JSON.parse(r.stdout) as ComparisonReport;
    const s = await runVigia(
      [
        'scan',
        `${ARCHIVE}:node-app`,
        '--base',
        `${ARCHIVE}:bookworm`,
        '--only-new',
        '--format',
        'json',
        '--skip-db-update',
      ],
      { env },
    );
    expect(s.status).toBe(0);
    onlyNew = JSON.parse(s.stdout) as ScanReport;
  }, 240_000);
  afterAll(() => store?.cleanup());

  it('shares the base layer', () => {
    expect(comparison.sharedLayers).toBe(1);
    expect(comparison.base.layers).toBe(1);
    expect(comparison.image.layers).toBe(5);
  });

  it('lists exactly the dpkg packages the app layers added or changed', async () => {
    const base = await dpkgInstalled('bookworm');
    const image = await dpkgInstalled('node-app');
    const added = [...image.keys()].filter((n) => !base.has(n)).sort();
    const changed = [...image.keys()].filter((n) => base.has(n) && base.get(n) !== image.get(n)).sort();
    const removed = [...base.keys()].filter((n) => !image.has(n)).sort();
    const deb = (list: { ecosystem: string; name: string }[]) =>
      list
        .filter((p) => p.ecosystem === 'deb')
        .map((p) => p.name)
        .sort();
    expect(deb(comparison.packages.added)).toEqual(added);
    expect(added).toHaveLength(141 - 88);
    expect(
      comparison.packages.changed
        .filter((c) => c.after.ecosystem === 'deb')
        .map((c) => c.after.name)
        .sort(),
    ).toEqual(changed);
    expect(deb(comparison.packages.removed)).toEqual(removed);
  });

  it('attributes the language packages to the layers that brought them', () => {
    const added = comparison.packages.added;
    const app = added.filter((p) => p.ecosystem === 'npm' && p.paths[0]?.startsWith('/app/'));
    expect(app).toHaveLength(70);
    expect(new Set(app.map((p) => p.layer.index))).toEqual(new Set([2]));
    expect(added.filter((p) => p.ecosystem === 'pypi')).toHaveLength(10);
    expect(added.filter((p) => p.ecosystem === 'maven')).toHaveLength(4);
    expect(added.filter((p) => p.ecosystem === 'go').map((p) => p.name)).toEqual(['stdlib']);
    expect(
      new Set(
        added
          .filter((p) => p.ecosystem !== 'npm' || !p.paths[0]?.startsWith('/app/'))
          .map((p) => p.layer.index),
      ),
    ).toEqual(new Set([1]));
  });

  it('says every vulnerability came with the app layers (the base has none in this data)', () => {
    expect(comparison.vulnerabilities.fixed).toEqual([]);
    expect(comparison.vulnerabilities.inherited).toBe(0);
    const vulnIds = onlyNew.findings
      .filter((f) => f.kind === 'vulnerability')
      .map((f) => f.fingerprint)
      .sort();
    expect(comparison.vulnerabilities.added.map((f) => f.fingerprint).sort()).toEqual(vulnIds);
    expect(vulnIds.length).toBeGreaterThan(10);
    for (const f of comparison.vulnerabilities.added) expect(f.layer.index).toBeGreaterThanOrEqual(1);
    expect(onlyNew.comparedBase).toMatchObject({ sharedLayers: 1, onlyNew: true });
    expect(validateReport(onlyNew)).toEqual([]);
    expect(onlyNew.layers[0]?.base).toBe(true);
  });

  it('lists the secrets and misconfigurations the app layers added, not those it inherited', () => {
    const paths = comparison.secrets.added.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['/app/.env', '/root/.ssh/id_rsa', 'config:Env[1]']));
    for (const f of comparison.secrets.added.filter((x) => x.path.startsWith('/'))) {
      expect(f.layer?.index).toBe(3);
    }
    const added = comparison.misconfigs.added.map((m) => m.checkId);
    expect(added).toEqual(expect.arrayContaining(['VIG-IMG-002', 'VIG-IMG-011']));
    // Both images run as root and have no HEALTHCHECK: inherited, not added.
    expect(added).not.toContain('VIG-IMG-001');
    expect(added).not.toContain('VIG-IMG-004');
    expect(comparison.misconfigs.inherited).toBeGreaterThanOrEqual(2);
  });
});
