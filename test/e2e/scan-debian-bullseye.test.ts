import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureImage } from '../../src/test-support/fixtures.js';
import { runVigia } from '../../src/test-support/cli.js';
import { fixtureStoreCacheDir } from '../../src/test-support/store.js';
import type { ScanReport, VulnerabilityFinding } from '../../src/report/types.js';
import { dpkgLessThan, readOsvZip } from './oracle.js';

/**
 * Correctness on real data: every Debian:11 DSA/DLA whose fixed version is above what
 * debian-bullseye.oci.tar has installed must be reported, matched through the source package.
 * The expected set is computed here independently: the advisory JSON read straight from the
 * fixture zip, versions compared by dpkg itself (`dpkg --compare-versions`).
 */

describe('scan debian-bullseye.oci.tar against the fixture Debian feed', () => {
  let store: { path: string; cleanup: () => void };
  let report: ScanReport;

  beforeAll(async () => {
    store = fixtureStoreCacheDir();
    const r = await runVigia(
      [
        'scan',
        fixtureImage('debian-bullseye.oci.tar'),
        '--format',
        'json',
        '--skip-db-update',
        '--scanners',
        'vuln',
      ],
      { env: { VIGIA_CACHE_DIR: store.path } },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    report = JSON.parse(r.stdout) as ScanReport;
  }, 120_000);
  afterAll(() => store?.cleanup());

  it('finds exactly the advisories dpkg says apply, through source packages, highest re-issued fix', async () => {
    const records = await readOsvZip('Debian');
    const installed = report.packages.filter((p) => p.ecosystem === 'deb');
    expect(installed).toHaveLength(96);

    // Expected: (binary package, advisory family) → highest fixed version among applicable records.
    const expected = new Map<string, string | null>();
    for (const rec of records) {
      for (const aff of rec.affected ?? []) {
        if (aff.package.ecosystem !== 'Debian:11') continue;
        for (const pkg of installed.filter((p) => (p.source?.name ?? p.name) === aff.package.name)) {
          for (const range of aff.ranges ?? []) {
            const fixed = range.events.find((e) => 'fixed' in e)?.fixed ?? null;
            const introducedAtZero = range.events.some((e) => e.introduced === '0');
            if (!introducedAtZero) continue;
            if (fixed !== null && !dpkgLessThan(pkg.version, fixed)) continue;
            const family = /^((?:DSA|DLA)-\d+)-\d+$/.exec(rec.id)?.[1] ?? rec.id;
            const key = `${pkg.name}\0${family}`;
            const prev = expected.get(key);
            if (prev === undefined || (prev !== null && fixed !== null && dpkgLessThan(prev, fixed))) {
              expected.set(key, fixed);
            } else if (fixed === null) {
              expected.set(key, null);
            }
          }
        }
      }
    }
    // 54 (binary package, advisory family) pairs in the fixture data; the DSA/DLAs behind them name well
    // over a hundred CVEs, which is what the fixtures README counts.
    expect(expected.size).toBeGreaterThan(40);

    const vulns = report.findings.filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability');
    const actual = new Map<string, string | null>();
    for (const f of vulns) {
      const family = /^((?:DSA|DLA)-\d+)-\d+$/.exec(f.id)?.[1] ?? f.id;
      actual.set(`${f.package.name}\0${family}`, f.fixedVersion ?? null);
    }
    const show = (m: Map<string, string | null>) => [...m.keys()].map((k) => k.replace('\0', ' ')).sort();
    expect(show(actual)).toEqual(show(expected));
    for (const [key, fixed] of expected) expect(actual.get(key), key).toBe(fixed);
  }, 120_000);

  it('matches glibc advisories to libc6 through its source package', () => {
    const libc6 = report.findings.filter(
      (f): f is VulnerabilityFinding => f.kind === 'vulnerability' && f.package.name === 'libc6',
    );
    expect(libc6.length).toBeGreaterThan(0);
    expect(report.packages.find((p) => p.name === 'libc6')?.source?.name).toBe('glibc');
  });
});
