import { readFileSync } from 'node:fs';
import { describeError, VigiaError } from '../../core/errors.js';
import type { FeedReport } from '../report.js';
import type { FeedKind } from '../schema.js';
import type { StoreWriter } from '../writer.js';
import { convertSecdb, parseSecdb, SECDB_SOURCE } from './alpine-secdb.js';
import { convertKev } from './kev.js';
import { importOsvDir, importOsvZip, type OsvTarget } from './osv.js';

/** A feed's bytes on disk, ready to import. */
export interface FeedInput {
  kind: FeedKind;
  /** Source id the rows are stored under. */
  feed: string;
  /** `Advisory.source` for OSV feeds (secdb uses `alpine-secdb`). */
  source: string;
  /** Where it came from (URL or path), for messages. */
  label: string;
  /** A zip or JSON file, or (OSV only) a directory of JSON files. */
  path: string;
  isDirectory?: boolean;
  /** Timestamp for records without dates of their own (secdb): Last-Modified or file time. */
  undatedModified: string;
  onRecord?: () => void;
}

/** Import one feed into `writer`, filling `report`. Returns the newest `modified` seen. */
export async function importFeed(
  writer: StoreWriter,
  input: FeedInput,
  report: FeedReport,
): Promise<string | undefined> {
  switch (input.kind) {
    case 'osv': {
      const target: OsvTarget = {
        writer,
        feed: input.feed,
        source: input.source,
        report,
        ...(input.onRecord ? { onRecord: input.onRecord } : {}),
      };
      if (input.isDirectory) importOsvDir(input.path, target);
      else await importOsvZip(input.path, input.label, target);
      return target.newestModified;
    }
    case 'alpine-secdb': {
      const doc = parseSecdb(readJson(input.path, input.label), input.label);
      let newest: string | undefined;
      for (const adv of convertSecdb(doc, input.undatedModified, report)) {
        input.onRecord?.();
        if (!writer.addAdvisory(input.feed, { ...adv, source: SECDB_SOURCE })) {
          report.duplicates++;
          continue;
        }
        report.records++;
        newest = adv.modified;
      }
      return newest;
    }
    case 'kev': {
      const { entries, released } = convertKev(readJson(input.path, input.label), input.label, report);
      for (const entry of entries) {
        input.onRecord?.();
        writer.addKnownExploited(input.feed, entry);
        report.records++;
      }
      return released;
    }
  }
}

/** Read and parse a JSON feed file; bad JSON is FEED_INVALID naming `label`. */
export function readJson(path: string, label: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new VigiaError('FILE_UNREADABLE', `${label}: cannot read: ${describeError(err)}`, { cause: err });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new VigiaError('FEED_INVALID', `${label}: invalid JSON (${describeError(err)})`, { cause: err });
  }
}
