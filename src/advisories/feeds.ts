import type { DbSettings } from './config.js';
import { SECDB_SOURCE } from './importers/alpine-secdb.js';
import { KEV_FEED } from './importers/kev.js';
import type { FeedKind } from './schema.js';

/** One feed `db update` fetches. */
export interface FeedPlan {
  /** Source id: `osv:<Ecosystem>`, `alpine-secdb:<release>/<repo>`, `cisa-kev`. */
  id: string;
  kind: FeedKind;
  url: string;
  /** `Advisory.source` of its records. */
  source: string;
  /** The ecosystem family it is authoritative for (OSV feeds), see `hasEcosystem`. */
  covers?: string;
}

/**
 * The feeds to fetch. With `only` (the `--ecosystems` list) just those OSV ecosystems, the secdb
 * files if `Alpine` is among them, and the KEV catalogue; else everything configured.
 */
export function planFeeds(settings: DbSettings, only?: readonly string[]): FeedPlan[] {
  const plans: FeedPlan[] = [];
  const wanted = (eco: string) => !only || only.includes(eco);
  if (settings.osv.enabled || only) {
    const ecosystems = only ?? settings.osv.ecosystems;
    for (const eco of [...new Set(ecosystems)]) {
      plans.push({
        id: `osv:${eco}`,
        kind: 'osv',
        url: `${settings.osv.baseUrl}/${encodeURIComponent(eco)}/all.zip`,
        source: `osv:${eco}`,
        covers: eco,
      });
    }
  }
  if (settings.alpineSecdb.enabled && wanted('Alpine')) {
    for (const release of settings.alpineSecdb.releases) {
      for (const repo of settings.alpineSecdb.repos) {
        plans.push({
          id: `${SECDB_SOURCE}:${release}/${repo}`,
          kind: 'alpine-secdb',
          url: `${settings.alpineSecdb.baseUrl}/${release}/${repo}.json`,
          source: SECDB_SOURCE,
        });
      }
    }
  }
  if (settings.kev.enabled)
    plans.push({ id: KEV_FEED, kind: 'kev', url: settings.kev.url, source: KEV_FEED });
  return plans;
}
