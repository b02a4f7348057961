import { DEFAULT_RETRY } from '../net/retry.js';
import { rebuildStore, noProgress, type BuildOptions, type BuildSession } from './build.js';
import type { DbSettings } from './config.js';
import { download } from './fetch.js';
import { planFeeds, type FeedPlan } from './feeds.js';
import { removeQuietly, tempPath } from './fsutil.js';
import { importFeed } from './importers/feed.js';
import { newFeedReport, type FeedReport, type UpdateReport } from './report.js';

/** Options of `db update`. */
export interface UpdateOptions extends BuildOptions {
  settings: DbSettings;
  /** `--ecosystems`: refresh only these OSV ecosystems (+ secdb if `Alpine`, + KEV); keep the rest. */
  only?: string[];
  userAgent?: string;
}

/**
 * `vigia db update`: fetch every planned feed (conditional GET: a 304 reuses the previous rows),
 * import it into a new store and swap the store in atomically. Without `only`, feeds no longer
 * configured are dropped; with it, feeds not asked for are carried over unchanged.
 */
export async function updateStore(opts: UpdateOptions): Promise<UpdateReport> {
  const plans = planFeeds(opts.settings, opts.only);
  const planned = new Set(plans.map((p) => p.id));
  return rebuildStore(
    opts,
    async (session) => {
      const reports: FeedReport[] = [];
      for (const [i, plan] of plans.entries()) {
        reports.push(await updateFeed(plan, session, opts, `[${i + 1}/${plans.length}]`));
      }
      return reports;
    },
    (id) => opts.only !== undefined && !planned.has(id),
  );
}

async function updateFeed(
  plan: FeedPlan,
  s: BuildSession,
  opts: UpdateOptions,
  step: string,
): Promise<FeedReport> {
  const progress = opts.progress ?? noProgress;
  const prev = s.previous?.sources.get(plan.id);
  // Validators only make sense against the same URL (a new mirror has its own ETags).
  const conditional =
    prev && prev.url === plan.url && (prev.etag || prev.lastModified)
      ? {
          ...(prev.etag ? { etag: prev.etag } : {}),
          ...(prev.lastModified ? { lastModified: prev.lastModified } : {}),
        }
      : undefined;
  const tmp = tempPath(opts.dbDir, 'download');
  try {
    progress.start(`${step} downloading ${plan.id}`);
    const res = await download(plan.url, tmp, {
      timeoutMs: opts.settings.timeoutSeconds * 1000,
      retry: { ...DEFAULT_RETRY, retries: opts.settings.retries },
      ...(conditional ? { conditional } : {}),
      ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
      onStart: (total) => progress.start(`${step} downloading ${plan.id}`, total),
      onBytes: (n) => progress.advance(n),
    });
    if (res.status === 'not-modified' && prev) {
      s.writer.copyFeed(plan.id);
      s.writer.setSource({ ...prev, fetchedAt: s.now.toISOString() });
      return { ...newFeedReport(plan.id, plan.url, 'not-modified'), records: prev.records };
    }
    if (res.status !== 'ok') throw new Error('unreachable: 304 without validators');
    progress.start(`${step} importing ${plan.id}`);
    const report = newFeedReport(plan.id, plan.url);
    const undated =
      res.lastModified && !Number.isNaN(Date.parse(res.lastModified)) ? new Date(res.lastModified) : s.now;
    const newest = await importFeed(
      s.writer,
      {
        kind: plan.kind,
        feed: plan.id,
        source: plan.source,
        label: plan.url,
        path: tmp,
        undatedModified: undated.toISOString(),
        onRecord: () => progress.advance(1),
      },
      report,
    );
    s.writer.setSource({
      id: plan.id,
      kind: plan.kind,
      url: plan.url,
      ...(res.etag ? { etag: res.etag } : {}),
      ...(res.lastModified ? { lastModified: res.lastModified } : {}),
      digest: res.digest,
      records: report.records,
      ...(newest ? { newestModified: newest } : {}),
      fetchedAt: s.now.toISOString(),
      ...(plan.covers ? { covers: plan.covers } : {}),
    });
    return report;
  } finally {
    removeQuietly(tmp);
  }
}
