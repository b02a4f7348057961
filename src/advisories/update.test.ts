import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/fixtures.js';
import {
  ADVISORY_FIXTURES,
  fixtureDbSettings,
  startFeedServer,
  type FeedServer,
} from '../test-support/feed-server.js';
import type { UpdateReport } from './report.js';
import { AdvisoryStore, defaultDbDir } from './store.js';
import { updateStore } from './update.js';

/**
 * The full fixture import through the real download path (feed server on loopback → db update),
 * held to the record counts of the fixtures' README and to advisories read by hand from the zips.
 */
let server: FeedServer;
let tmp: ReturnType<typeof tempDir>;
let dbDir: string;
let first: UpdateReport;
let store: AdvisoryStore;

beforeAll(async () => {
  server = await startFeedServer();
  tmp = tempDir('vigia-update-');
  dbDir = defaultDbDir(tmp.path);
  first = await updateStore({ dbDir, settings: fixtureDbSettings(server) });
  store = AdvisoryStore.open(dbDir);
});

afterAll(async () => {
  store?.close();
  await server?.close();
  tmp?.cleanup();
});

const feed = (report: UpdateReport, id: string) => {
  const f = report.feeds.find((x) => x.feed === id);
  if (!f) throw new Error(`no feed ${id} in report`);
  return f;
};

describe('db update from the fixture feeds', () => {
  // README counts; withdrawn counts read from the zips (records with a `withdrawn` field).
  it.each([
    ['osv:Debian', 11_271, 0],
    ['osv:Alpine', 1_954, 0],
    ['osv:Go', 4_298, 17],
    ['osv:PyPI', 2_661, 10],
    ['osv:npm', 640, 0],
    ['osv:Maven', 431, 0],
    ['osv:Ubuntu', 5, 2],
    ['osv:crates.io', 14, 0],
    ['osv:Packagist', 4, 0],
    ['osv:NuGet', 1, 0],
    ['osv:AlmaLinux', 6, 0],
    ['cisa-kev', 1_404, 0],
  ])('%s: %i records in the README, %i withdrawn', (id, readme, withdrawn) => {
    const f = feed(first, id);
    expect(f.status).toBe('imported');
    expect(f.withdrawn).toBe(withdrawn);
    expect(f.invalid).toEqual([]);
    expect(f.records).toBe(readme - withdrawn);
    expect(store.metadata().sources.find((s) => s.id === id)?.records).toBe(readme - withdrawn);
  });

  it('counts the GIT ranges it cannot evaluate, and names the one Alpine entry left with nothing', () => {
    expect(feed(first, 'osv:PyPI').skippedRanges).toEqual({ GIT: 1391 });
    expect(feed(first, 'osv:Alpine').skippedRanges).toEqual({ GIT: 1 });
    // CVE-2025-26519: a package-less affected entry carrying only a GIT range of musl's repo.
    expect(feed(first, 'osv:Alpine').unusable).toEqual([
      { name: 'CVE-2025-26519 affected[10]', reason: 'no package, only ranges of unsupported types' },
    ]);
  });

  it('stores every CVE of each secdb file under that release (except the never-affected key 0)', () => {
    for (const release of ['v3.10', 'v3.11']) {
      for (const repo of ['main', 'community']) {
        const doc = JSON.parse(
          readFileSync(join(ADVISORY_FIXTURES, 'alpine-secdb', release, `${repo}.json`), 'utf8'),
        ) as {
          packages: { pkg: { name: string; secfixes: Record<string, string[]> } }[];
        };
        let checked = 0;
        for (const { pkg } of doc.packages) {
          for (const [version, ids] of Object.entries(pkg.secfixes)) {
            if (version === '0') continue;
            for (const text of ids) {
              const cve = /CVE[-_ ](\d{4})-(\d+)/.exec(text);
              if (!cve) continue;
              const id = `CVE-${cve[1]}-${cve[2]}`;
              const adv = store
                .advisoriesFor(`Alpine:${release}`, pkg.name)
                .find((a) => a.id === id && a.source === 'alpine-secdb');
              expect(adv, `${release}/${repo} ${pkg.name} ${id}`).toBeDefined();
              const fixed = adv!.affected.flatMap((e) => e.ranges.flatMap((r) => r.events));
              expect(fixed).toContainEqual({ fixed: version });
              checked++;
            }
          }
        }
        expect(checked).toBeGreaterThan(500);
        expect(feed(first, `alpine-secdb:${release}/${repo}`).records).toBeGreaterThan(500);
      }
    }
  });

  it('returns lodash GHSA-p6mc-m468-83gw as in the npm zip, affected narrowed to lodash', () => {
    const adv = store.advisoriesFor('npm', 'lodash').find((a) => a.id === 'GHSA-p6mc-m468-83gw');
    expect(adv).toMatchObject({
      aliases: ['CVE-2020-8203'],
      summary: 'Prototype Pollution in lodash',
      published: '2020-07-15T19:15:48Z',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H' }],
      databaseSeverity: 'HIGH',
      source: 'osv:npm',
    });
    expect(adv?.affected).toEqual([
      {
        ecosystem: 'npm',
        name: 'lodash',
        ranges: [{ type: 'SEMVER', events: [{ introduced: '3.7.0' }, { fixed: '4.17.19' }] }],
        versions: [],
      },
    ]);
    // The same record's RubyGems entry is found under RubyGems, with its explicit versions.
    const gem = store.advisoriesFor('RubyGems', 'lodash-rails').find((a) => a.id === 'GHSA-p6mc-m468-83gw');
    expect(gem?.affected[0]?.versions).toHaveLength(24);
    expect(gem?.affected[0]?.ranges).toEqual([
      { type: 'ECOSYSTEM', events: [{ introduced: '3.7.0' }, { fixed: '4.17.19' }] },
    ]);
  });

  it('keys Debian records by source package and release (DLA-4181-1, glibc, Debian:11)', () => {
    const adv = store.advisoriesFor('Debian:11', 'glibc').find((a) => a.id === 'DLA-4181-1');
    expect(adv).toMatchObject({
      aliases: ['CVE-2025-4802'],
      modified: '2025-05-27T00:00:00Z',
      summary: 'glibc - security update',
    });
    expect(adv?.affected).toEqual([
      {
        ecosystem: 'Debian:11',
        name: 'glibc',
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.31-13+deb11u13' }] }],
        versions: [],
      },
    ]);
    expect(store.advisoriesFor('Debian:11', 'libc6')).toEqual([]);
    expect(store.advisoriesFor('Debian:12', 'glibc').some((a) => a.id === 'DLA-4181-1')).toBe(false);
  });

  it('has openssl CVE-2019-1547 for Alpine v3.10 twice: the secdb record (id = CVE) and ALPINE-CVE (upstream = CVE)', () => {
    const found = store
      .advisoriesFor('Alpine:v3.10', 'openssl')
      .filter((a) => a.id.endsWith('CVE-2019-1547'));
    expect(found.map((a) => [a.id, a.source, a.upstream ?? []])).toEqual([
      ['ALPINE-CVE-2019-1547', 'osv:Alpine', ['CVE-2019-1547']],
      ['CVE-2019-1547', 'alpine-secdb', []],
    ]);
    for (const a of found) {
      expect(a.affected).toEqual([
        {
          ecosystem: 'Alpine:v3.10',
          name: 'openssl',
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1.1d-r0' }] }],
          versions: [],
        },
      ]);
    }
  });

  it('marks KEV CVEs as known exploited', () => {
    expect(store.knownExploited('CVE-2021-44228')).toEqual({
      cve: 'CVE-2021-44228',
      dateAdded: '2021-12-10',
      dueDate: '2021-12-24',
      knownRansomwareCampaignUse: 'Known',
      vendorProject: 'Apache',
      product: 'Log4j2',
    });
    expect(store.knownExploited('CVE-2020-8203')).toBeUndefined();
  });

  it('says which ecosystems it has data for', () => {
    for (const eco of [
      'npm',
      'PyPI',
      'Go',
      'Debian:11',
      'Debian:12',
      'Alpine:v3.10',
      'crates.io',
      'Ubuntu:22.04:LTS',
    ]) {
      expect(store.hasEcosystem(eco), eco).toBe(true);
    }
    // RubyGems appears only inside GHSA records of other feeds: no feed covers it.
    expect(store.hasEcosystem('RubyGems')).toBe(false);
    expect(store.hasEcosystem('Debian:14')).toBe(false);
    expect(store.ecosystems()).toContain('Alpine:v3.11');
  });

  it('drops withdrawn records (PYSEC-2022-15 is withdrawn)', () => {
    expect(store.advisoriesFor('PyPI', 'loguru').map((a) => a.id)).not.toContain('PYSEC-2022-15');
  });

  it('records feed metadata: URL, ETag, digest, counts, newest modified', () => {
    const npm = store.metadata().sources.find((s) => s.id === 'osv:npm');
    expect(npm).toMatchObject({ kind: 'osv', url: `${server.osvUrl}/npm/all.zip`, covers: 'npm' });
    expect(npm?.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(npm?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(npm?.newestModified).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(readdirSync(dbDir).sort()).toEqual(['vigia.db']);
  });

  it('sends conditional requests on the next update and reuses the rows on 304', async () => {
    const before = store.advisoriesFor('Debian:11', 'glibc');
    const seen = server.requests.length;
    const second = await updateStore({ dbDir, settings: fixtureDbSettings(server) });
    expect(second.feeds.every((f) => f.status === 'not-modified')).toBe(true);
    const again = server.requests.slice(seen);
    expect(again.every((r) => r.status === 304 && r.ifNoneMatch)).toBe(true);
    const reopened = AdvisoryStore.open(dbDir);
    try {
      expect(reopened.advisoriesFor('Debian:11', 'glibc')).toEqual(before);
      const counts = Object.fromEntries(reopened.metadata().sources.map((s) => [s.id, s.records]));
      expect(counts).toEqual(Object.fromEntries(store.metadata().sources.map((s) => [s.id, s.records])));
      expect(reopened.counts()).toEqual(store.counts());
    } finally {
      reopened.close();
    }
  });

  it('--ecosystems refreshes only those and keeps the other feeds', async () => {
    const report = await updateStore({ dbDir, settings: fixtureDbSettings(server), only: ['crates.io'] });
    expect(feed(report, 'osv:crates.io').status).toBe('not-modified');
    expect(feed(report, 'cisa-kev').status).toBe('not-modified');
    expect(feed(report, 'osv:Debian').status).toBe('kept');
    expect(feed(report, 'alpine-secdb:v3.10/main').status).toBe('kept');
    const s = AdvisoryStore.open(dbDir);
    try {
      expect(s.advisoriesFor('crates.io', 'remove_dir_all').map((a) => a.id)).toEqual([
        'GHSA-mc8h-8q98-g5hr',
        'RUSTSEC-2023-0018',
      ]);
      expect(s.advisoriesFor('Debian:11', 'glibc').length).toBeGreaterThan(0);
    } finally {
      s.close();
    }
  });
});
