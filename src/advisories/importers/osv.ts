import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeError, VigiaError } from '../../core/errors.js';
import type { FeedReport } from '../report.js';
import type { StoreWriter } from '../writer.js';
import { convertOsvRecord } from './osv-record.js';
import { forEachZipEntry, MAX_ENTRY_BYTES } from './zip.js';

/** Where imported OSV records go and what is counted. */
export interface OsvTarget {
  writer: StoreWriter;
  /** Source id of the feed (rows are replaced per feed). */
  feed: string;
  /** `Advisory.source` of the records. */
  source: string;
  report: FeedReport;
  /** Newest `modified` seen so far. */
  newestModified?: string;
  /** Called after each record (for progress). */
  onRecord?: () => void;
}

/** Import one OSV JSON document (file `name` in a zip or directory). Bad records are counted. */
export function importOsvDocument(name: string, data: Buffer, t: OsvTarget): void {
  t.onRecord?.();
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString('utf8'));
  } catch (err) {
    t.report.invalid.push({ name, reason: `invalid JSON (${describeError(err)})` });
    return;
  }
  const outcome = convertOsvRecord(raw, t.source, t.report);
  switch (outcome.kind) {
    case 'invalid':
      t.report.invalid.push({ name, reason: outcome.reason });
      return;
    case 'withdrawn':
      t.report.withdrawn++;
      return;
    case 'unusable':
      t.report.unusable.push({ name: outcome.id, reason: outcome.reason });
      return;
    case 'advisory': {
      const adv = outcome.advisory;
      if (!t.writer.addAdvisory(t.feed, adv)) {
        t.report.duplicates++;
        return;
      }
      t.report.records++;
      if (!t.newestModified || adv.modified > t.newestModified) t.newestModified = adv.modified;
    }
  }
}

/** Import every `*.json` entry of an OSV zip (the OSV bucket's `<Ecosystem>/all.zip`). */
export async function importOsvZip(file: string, label: string, t: OsvTarget): Promise<void> {
  await forEachZipEntry(
    file,
    label,
    ({ name, data }) => {
      if (name.toLowerCase().endsWith('.json')) importOsvDocument(name, data, t);
    },
    (name, size) =>
      t.report.invalid.push({ name, reason: `entry of ${size} bytes is too large for an advisory` }),
  );
}

/** Import every `*.json` file under `dir` (recursively, in name order). */
export function importOsvDir(dir: string, t: OsvTarget): void {
  const files = listJsonFiles(dir);
  if (files.length === 0)
    throw new VigiaError('FEED_INVALID', `${dir}: no OSV JSON files (*.json) in this directory`);
  for (const file of files) {
    const name = relative(dir, file);
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch (err) {
      throw new VigiaError('FILE_UNREADABLE', `${file}: cannot read: ${describeError(err)}`, { cause: err });
    }
    if (data.length > MAX_ENTRY_BYTES) {
      t.report.invalid.push({ name, reason: `file of ${data.length} bytes is too large for an advisory` });
      continue;
    }
    importOsvDocument(name, data, t);
  }
}

function listJsonFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (err) {
      throw new VigiaError('FILE_UNREADABLE', `${d}: cannot list: ${describeError(err)}`, { cause: err });
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = join(d, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.json')) out.push(path);
    }
  };
  walk(dir);
  return out;
}
