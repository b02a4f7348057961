import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigia } from '../../src/test-support/cli.js';
import { fixtureImage } from '../../src/test-support/fixtures.js';
import { fixtureStoreCacheDir } from '../../src/test-support/store.js';
import type { ScanReport, VulnerabilityFinding } from '../../src/report/types.js';
import { affectingIds, readOsvZip } from './oracle.js';

const IMAGE = `${fixtureImage('debian-node-app.oci.tar')}:node-app`;

async function scan(cacheDir: string, extra: string[] = []): Promise<ScanReport> {
  const r = await runVigia(
    ['scan', IMAGE, '--format', 'json', '--skip-db-update', '--scanners', 'vuln', ...extra],
    {
      env: { VIGIA_CACHE_DIR: cacheDir },
    },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as ScanReport;
}

const vulns = (r: ScanReport) =>
  r.findings.filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability');

/** (package@version → advisory ids) as vigia reports them, merged findings expanded. */
function reported(r: ScanReport, ecosystem: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of vulns(r).filter((v) => v.package.ecosystem === ecosystem)) {
    const key = `${f.package.name}@${f.package.version}`;
    out.set(key, [...(out.get(key) ?? []), ...f.advisories.map((a) => a.id)].sort());
  }
  return out;
}

describe('scan debian-node-app.oci.tar:node-app', () => {
  let store: { path: string; cleanup: () => void };
  let report: ScanReport;
  let optedIn: ScanReport;

  beforeAll(async () => {
    store = fixtureStoreCacheDir();
    report = await scan(store.path);
    optedIn = await scan(store.path, ['--owned-language-packages']);
  }, 180_000);
  afterAll(() => store?.cleanup());

  it('inventories the packages the fixtures README lists, with their owners', () => {
    const count = (eco: string, owned: boolean) =>
      report.packages.filter((p) => p.ecosystem === eco && Boolean(p.ownedBy) === owned).length;
    expect(count('deb', false)).toBe(141);
    expect(
      report.packages.filter((p) => p.ecosystem === 'npm' && p.paths[0]?.startsWith('/app/')).length,
    ).toBe(70);
    expect(count('npm', true)).toBe(25);
    expect(count('pypi', true)).toBe(10);
    expect(count('maven', true)).toBe(4);
    const fzf = report.packages.filter((p) => p.paths.includes('/usr/bin/fzf'));
    expect(fzf.map((p) => `${p.name}@${p.version}`)).toEqual(['stdlib@1.19.8']);
    expect(fzf[0]?.ownedBy?.name).toBe('fzf');
  });

  it('reports every npm advisory whose range holds the installed version, and nothing else', async () => {
    const records = await readOsvZip('npm');
    const expected = new Map<string, string[]>();
    for (const p of report.packages.filter((x) => x.ecosystem === 'npm' && !x.ownedBy)) {
      const ids = affectingIds(records, 'npm', p.name, p.version);
      if (ids.length) expected.set(`${p.name}@${p.version}`, ids);
    }
    // lodash, minimist, node-fetch, qs and path-to-regexp have advisories in the fixture feed.
    expect([...expected.keys()].map((k) => k.split('@')[0]).sort()).toEqual([
      'lodash',
      'minimist',
      'node-fetch',
      'path-to-regexp',
      'qs',
    ]);
    expect(Object.fromEntries(reported(report, 'npm'))).toEqual(Object.fromEntries(expected));
  });

  it('includes the known matches named in the fixtures README', () => {
    const ids = (name: string) =>
      vulns(report)
        .filter((f) => f.package.name === name)
        .flatMap((f) => [f.id, ...f.aliases]);
    expect(ids('lodash')).toEqual(
      expect.arrayContaining(['GHSA-p6mc-m468-83gw', 'GHSA-35jh-r3h4-6jhm', 'GHSA-29mw-wpgm-hmr9']),
    );
    expect(ids('minimist')).toEqual(expect.arrayContaining(['GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h']));
    expect(ids('node-fetch')).toEqual(expect.arrayContaining(['GHSA-w7rc-rwvf-8q5r', 'GHSA-r683-j2x4-v87g']));
    expect(ids('qs')).toContain('GHSA-hrpp-h998-j3pp');
    const lodash = vulns(report).find((f) => f.aliases.includes('GHSA-p6mc-m468-83gw'));
    expect(lodash?.id).toBe('CVE-2020-8203');
    expect(lodash?.fixedVersion).toBe('4.17.19');
    expect(lodash?.layer.index).toBe(2);
  });

  it('matches the Go stdlib compiled into /usr/bin/fzf (the distro does not track it)', async () => {
    const records = await readOsvZip('Go');
    const expected = affectingIds(records, 'Go', 'stdlib', '1.19.8');
    expect(expected.length).toBeGreaterThan(20);
    expect(reported(report, 'go').get('stdlib@1.19.8')).toEqual(expected);
  });

  it('leaves Debian-owned Python and Java packages to the distro unless opted in', () => {
    expect(
      vulns(report).filter((f) => f.package.ecosystem === 'pypi' || f.package.ecosystem === 'maven'),
    ).toEqual([]);
    const ids = (eco: string) =>
      vulns(optedIn)
        .filter((f) => f.package.ecosystem === eco)
        .flatMap((f) => f.advisories.map((a) => a.id));
    expect(ids('pypi')).toEqual(
      expect.arrayContaining(['PYSEC-2023-74', 'PYSEC-2023-192', 'PYSEC-2023-212']),
    );
    expect(
      vulns(optedIn).some((f) => f.package.name === 'org.yaml:snakeyaml' && f.id === 'CVE-2022-1471'),
    ).toBe(true);
  });
});
