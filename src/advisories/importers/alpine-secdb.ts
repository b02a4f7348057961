import { z } from 'zod';
import type { Advisory, AdvisoryRange } from '../../core/advisory.js';
import { VigiaError } from '../../core/errors.js';
import type { FeedReport } from '../report.js';

/**
 * Alpine secdb (https://secdb.alpinelinux.org/, `<release>/{main,community}.json`) → advisories
 * for ecosystem `Alpine:<release>`.
 *
 * Each `secfixes` key is the package version that fixed the listed CVEs: the package is affected
 * from the start (`introduced: 0`) until that version. A CVE listed under several versions (a fix
 * and a later regression fix) gets one range per version, so it counts as fixed only from the last
 * of them. The key `0` is Alpine's way to say the package was never affected by those CVEs (a
 * rejected or inapplicable CVE): no advisory is produced for it, only a count in the report.
 *
 * One advisory per vulnerability id (the CVE when there is one, so that the matcher can merge it
 * with the `ALPINE-CVE-*` OSV record whose `upstream` is that CVE), source `alpine-secdb`.
 */
export const SECDB_SOURCE = 'alpine-secdb';

const secdbSchema = z.object({
  distroversion: z.string().regex(/^(v\d+\.\d+|edge)$/, 'expected a release like v3.10 or edge'),
  reponame: z.string().min(1),
  packages: z.array(
    z.object({
      pkg: z.object({
        name: z.string().min(1),
        secfixes: z.record(z.string(), z.array(z.string()).nullable()).nullish(),
      }),
    }),
  ),
});

/** A validated secdb document. */
export type SecdbDocument = z.infer<typeof secdbSchema>;

/** Parse and validate a secdb document; FEED_INVALID naming `label` when it is not one. */
export function parseSecdb(raw: unknown, label: string): SecdbDocument {
  const parsed = secdbSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new VigiaError(
    'FEED_INVALID',
    `${label}: not an Alpine secdb file: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
  );
}

/** True when a parsed JSON value looks like a secdb document (used by `db import` detection). */
export function looksLikeSecdb(raw: unknown): boolean {
  return !!raw && typeof raw === 'object' && 'distroversion' in raw && 'packages' in raw;
}

const CVE = /\bCVE[-_ ](\d{4})-(\d{4,})\b/i;
const OTHER_ID = /^[A-Z][A-Z0-9]*-[0-9A-Za-z][0-9A-Za-z._:-]*$/;

/** `CVE-2017-2616 (+ regression fix)` → { id: CVE-2017-2616 }; `CVE-2016-10013 XSA-204` → alias XSA-204. */
export function parseSecfixId(text: string): { id: string; aliases: string[] } | undefined {
  const tokens = text
    .replace(/\(.*?\)/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const cve = CVE.exec(text);
  if (cve) {
    const id = `CVE-${cve[1]}-${cve[2]}`;
    const aliases = tokens.filter((t) => OTHER_ID.test(t) && !CVE.test(t) && !/^\d/.test(t));
    return { id, aliases };
  }
  // No CVE (or a placeholder like `CVE-????-?????  XSA-295`): the first well-formed other id.
  const ids = tokens.filter((t) => OTHER_ID.test(t) && !/^CVE-/i.test(t));
  const [id, ...aliases] = ids;
  return id ? { id, aliases } : undefined;
}

/**
 * The advisories of one secdb document. `modified` stamps every record (secdb has no dates: the
 * file's Last-Modified, or the import time).
 */
export function convertSecdb(doc: SecdbDocument, modified: string, report: FeedReport): Advisory[] {
  const ecosystem = `Alpine:${doc.distroversion}`;
  const byId = new Map<string, { aliases: Set<string>; fixes: Map<string, Set<string>> }>();
  for (const { pkg } of doc.packages) {
    for (const [version, ids] of Object.entries(pkg.secfixes ?? {})) {
      for (const text of ids ?? []) {
        const parsed = parseSecfixId(text);
        if (!parsed) {
          report.invalid.push({
            name: `${pkg.name}@${version}`,
            reason: `unrecognised vulnerability id "${text}"`,
          });
          continue;
        }
        if (version.trim() === '0') {
          report.notAffected++;
          continue;
        }
        let rec = byId.get(parsed.id);
        if (!rec) byId.set(parsed.id, (rec = { aliases: new Set(), fixes: new Map() }));
        for (const a of parsed.aliases) rec.aliases.add(a);
        let versions = rec.fixes.get(pkg.name);
        if (!versions) rec.fixes.set(pkg.name, (versions = new Set()));
        versions.add(version.trim());
      }
    }
  }
  const out: Advisory[] = [];
  for (const [id, rec] of [...byId].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push({
      id,
      aliases: [...rec.aliases].sort(),
      modified,
      severity: [],
      references: id.startsWith('CVE-')
        ? [{ type: 'ADVISORY', url: `https://security.alpinelinux.org/vuln/${id}` }]
        : [],
      affected: [...rec.fixes].map(([name, versions]) => ({
        ecosystem,
        name,
        ranges: [...versions].map((fixed): AdvisoryRange => ({
          type: 'ECOSYSTEM',
          events: [{ introduced: '0' }, { fixed }],
        })),
        versions: [],
      })),
      source: SECDB_SOURCE,
    });
  }
  return out;
}
