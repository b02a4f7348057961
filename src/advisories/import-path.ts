import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeError, VigiaError } from '../core/errors.js';
import { noProgress, rebuildStore, type BuildOptions } from './build.js';
import { looksLikeSecdb, SECDB_SOURCE } from './importers/alpine-secdb.js';
import { importFeed, readJson } from './importers/feed.js';
import { KEV_FEED, looksLikeKev } from './importers/kev.js';
import { importOsvDocument, type OsvTarget } from './importers/osv.js';
import { newFeedReport, type UpdateReport } from './report.js';
import type { FeedKind } from './schema.js';
import { importStoreFile } from './store-file.js';

/** What `db import PATH` found at PATH. */
export type ImportDetection =
  | { kind: 'store'; gzipped: boolean }
  | { kind: 'osv-zip' }
  | { kind: 'osv-dir' }
  | { kind: 'osv-json' }
  | { kind: 'alpine-secdb'; distroversion: string; reponame: string }
  | { kind: 'kev' };

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Look at PATH and say what it is; FEED_INVALID when it is none of the supported things. */
export function detectImport(path: string): ImportDetection {
  let stat;
  try {
    stat = statSync(path);
  } catch (err) {
    throw new VigiaError('FILE_UNREADABLE', `${path}: cannot read: ${describeError(err)}`, { cause: err });
  }
  if (stat.isDirectory()) return { kind: 'osv-dir' };
  const head = readHead(path, 16);
  if (head.subarray(0, 16).equals(SQLITE_MAGIC)) return { kind: 'store', gzipped: false };
  if (head[0] === 0x1f && head[1] === 0x8b) return { kind: 'store', gzipped: true };
  if (head[0] === 0x50 && head[1] === 0x4b) return { kind: 'osv-zip' };
  let raw: unknown;
  try {
    raw = readJson(path, path);
  } catch (err) {
    if ((err as { code?: string }).code !== 'FEED_INVALID') throw err;
    throw notAFeed(path, 'neither a zip, an SQLite store, gzip nor JSON');
  }
  if (looksLikeKev(raw)) return { kind: 'kev' };
  if (looksLikeSecdb(raw)) {
    const r = raw as { distroversion?: unknown; reponame?: unknown };
    return { kind: 'alpine-secdb', distroversion: String(r.distroversion), reponame: String(r.reponame) };
  }
  if (raw && typeof raw === 'object' && 'id' in raw && 'modified' in raw) return { kind: 'osv-json' };
  throw notAFeed(path, 'JSON of an unknown shape');
}

function notAFeed(path: string, what: string): VigiaError {
  return new VigiaError(
    'FEED_INVALID',
    `${path}: not a feed vigia can import (${what}; expected an OSV zip, directory or JSON record, ` +
      'an Alpine secdb file, the CISA KEV catalogue, or a store from `vigia db export`)',
  );
}

/** Result of `db import PATH`: a feed import report, or the metadata of a swapped-in store. */
export type ImportResult =
  { kind: 'feed'; report: UpdateReport } | { kind: 'store'; path: string; builtAt: string; sources: number };

/**
 * `vigia db import PATH`, offline. A store file replaces the whole store. A feed file or
 * directory is imported as one feed next to the feeds already in the store (replacing a feed of the
 * same id): `…/<Ecosystem>/all.zip` becomes `osv:<Ecosystem>` exactly as `db update` stores it;
 * a secdb file becomes `alpine-secdb:<release>/<repo>`; the KEV catalogue `cisa-kev`; any other OSV
 * zip, directory or JSON file `osv-import:<absolute path>`.
 */
export async function importPath(path: string, opts: BuildOptions): Promise<ImportResult> {
  const detected = detectImport(path);
  if (detected.kind === 'store') {
    const meta = await importStoreFile(path, detected.gzipped, opts);
    return { kind: 'store', path: meta.path, builtAt: meta.builtAt, sources: meta.sources.length };
  }
  const abs = resolve(path);
  const { feed, kind, source, covers } = feedIdentity(abs, detected);
  const url = pathToFileURL(abs).href;
  const progress = opts.progress ?? noProgress;
  const report = await rebuildStore(
    opts,
    async (s) => {
      const feedReport = newFeedReport(feed, url);
      progress.start(`importing ${path}`);
      let newest: string | undefined;
      if (detected.kind === 'osv-json') {
        const target: OsvTarget = { writer: s.writer, feed, source, report: feedReport };
        importOsvDocument(basename(abs), readFileSync(abs), target);
        newest = target.newestModified;
      } else {
        newest = await importFeed(
          s.writer,
          {
            kind,
            feed,
            source,
            label: path,
            path: abs,
            isDirectory: detected.kind === 'osv-dir',
            undatedModified: statSync(abs).mtime.toISOString(),
            onRecord: () => progress.advance(1),
          },
          feedReport,
        );
      }
      s.writer.setSource({
        id: feed,
        kind,
        url,
        records: feedReport.records,
        ...(newest ? { newestModified: newest } : {}),
        fetchedAt: s.now.toISOString(),
        ...(covers ? { covers } : {}),
      });
      return [feedReport];
    },
    (id) => id !== feed,
  );
  return { kind: 'feed', report };
}

function feedIdentity(
  abs: string,
  d: Exclude<ImportDetection, { kind: 'store' }>,
): { feed: string; kind: FeedKind; source: string; covers?: string } {
  switch (d.kind) {
    case 'kev':
      return { feed: KEV_FEED, kind: 'kev', source: KEV_FEED };
    case 'alpine-secdb':
      return {
        feed: `${SECDB_SOURCE}:${d.distroversion}/${d.reponame}`,
        kind: 'alpine-secdb',
        source: SECDB_SOURCE,
      };
    case 'osv-zip':
      if (basename(abs) === 'all.zip') {
        const eco = basename(dirname(abs));
        return { feed: `osv:${eco}`, kind: 'osv', source: `osv:${eco}`, covers: eco };
      }
      return { feed: `osv-import:${abs}`, kind: 'osv', source: `osv-import:${abs}` };
    case 'osv-dir':
    case 'osv-json':
      return { feed: `osv-import:${abs}`, kind: 'osv', source: `osv-import:${abs}` };
  }
}

function readHead(path: string, n: number): Buffer {
  const buf = Buffer.alloc(n);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } catch (err) {
    throw new VigiaError('FILE_UNREADABLE', `${path}: cannot read: ${describeError(err)}`, { cause: err });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
