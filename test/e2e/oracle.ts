import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import semver from 'semver';
import yauzl from 'yauzl';
import { FIXTURES } from '../../src/test-support/fixtures.js';

/**
 * An independent oracle for end-to-end tests: advisories read straight from the fixture OSV
 * zips, versions compared by the reference tools (dpkg itself; npm's own `semver` library for
 * SEMVER ranges). Shares no code with vigia's matcher or version schemes.
 */
export interface OsvRecord {
  id: string;
  aliases?: string[];
  withdrawn?: string;
  affected?: {
    package: { ecosystem: string; name: string };
    ranges?: { type: string; events: Record<string, string>[] }[];
    versions?: string[];
  }[];
}

/** Every record of one fixture OSV zip (`osv/<Ecosystem>/all.zip`). */
export function readOsvZip(ecosystem: string): Promise<OsvRecord[]> {
  const path = join(FIXTURES, 'advisories/osv', ecosystem, 'all.zip');
  return new Promise((resolve, reject) => {
    const out: OsvRecord[] = [];
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OsvRecord);
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

/** `dpkg --compare-versions a lt b`. */
export function dpkgLessThan(a: string, b: string): boolean {
  try {
    execFileSync('dpkg', ['--compare-versions', a, 'lt', b]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Is `version` inside an OSV SEMVER range (events in order, introduced/fixed/last_affected),
 * judged by npm's `semver`? A leading `v` or `go` is dropped.
 */
export function inSemverRange(version: string, events: Record<string, string>[]): boolean {
  const v = clean(version);
  let affected = false;
  const sorted = [...events].sort((a, b) => semver.compare(clean(eventVersion(a)), clean(eventVersion(b))));
  for (const e of sorted) {
    if (e.introduced !== undefined) {
      if (e.introduced === '0' || semver.gte(v, clean(e.introduced))) affected = true;
    } else if (e.fixed !== undefined) {
      if (semver.gte(v, clean(e.fixed))) affected = false;
    } else if (e.last_affected !== undefined) {
      if (semver.gt(v, clean(e.last_affected))) affected = false;
    }
  }
  return affected;
}

function eventVersion(e: Record<string, string>): string {
  const v = e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '0';
  return v === '0' ? '0.0.0-0' : v;
}

function clean(v: string): string {
  const s = v.replace(/^(v|go)/, '');
  return semver.valid(s) ?? semver.coerce(s, { includePrerelease: true })?.version ?? s;
}

/** Ids of the records in `records` that affect `name@version` in `ecosystem` (SEMVER/explicit versions). */
export function affectingIds(
  records: OsvRecord[],
  ecosystem: string,
  name: string,
  version: string,
): string[] {
  const ids: string[] = [];
  for (const r of records) {
    if (r.withdrawn) continue;
    const hit = (r.affected ?? []).some(
      (a) =>
        a.package.ecosystem === ecosystem &&
        a.package.name === name &&
        ((a.versions ?? []).includes(version) ||
          (a.ranges ?? []).some((g) =>
            g.type === 'SEMVER' || g.type === 'ECOSYSTEM' ? inSemverRange(version, g.events) : false,
          )),
    );
    if (hit) ids.push(r.id);
  }
  return ids.sort();
}
