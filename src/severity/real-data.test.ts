import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import type { SeverityType } from '../core/advisory.js';
import { FIXTURES } from '../test-support/fixtures.js';
import { ratingV3V4 } from './rating.js';
import { scoreCvss4 } from './cvss4.js';
import { scoreVector } from './score.js';
import { vendorRating } from './vendor.js';

/**
 * Cross-check on real data: every CVSS vector of the OSV fixture feeds is scored, and where a record
 * also carries GitHub's reviewed `database_specific.severity` — which GitHub derives from the CVSS
 * score with the FIRST ranges (Low 0.1–3.9, Moderate 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0) —
 * our rating of the record's vector must agree in the overwhelming majority. Disagreements are
 * listed (set VIGIA_SEVERITY_REPORT=1 to print them), not forced away: GitHub may rate from a
 * different vector version or its own review.
 */

const OSV_DIR = join(FIXTURES, 'advisories', 'osv');
const TYPES: ReadonlySet<string> = new Set<SeverityType>(['CVSS_V2', 'CVSS_V3', 'CVSS_V4']);

interface OsvRecord {
  id: string;
  severity?: { type: string; score: string }[] | null;
  database_specific?: { severity?: unknown } | null;
}

function readZipJson(file: string): Promise<OsvRecord[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const records: OsvRecord[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(records));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('.json')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            records.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OsvRecord);
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

interface Comparison {
  agree: number;
  disagree: string[];
}

interface Tally {
  vectors: Record<string, { valid: number; invalid: string[] }>;
  /** v3 base score, v4 as published (what vigia reports), v4 as CVSS-B (for the record). */
  compared: Record<'v3' | 'v4' | 'v4-base-only', Comparison>;
}

async function crossCheck(): Promise<Tally> {
  const comparison = (): Comparison => ({ agree: 0, disagree: [] });
  const tally: Tally = {
    vectors: {},
    compared: { v3: comparison(), v4: comparison(), 'v4-base-only': comparison() },
  };
  for (const feed of readdirSync(OSV_DIR).sort()) {
    for (const rec of await readZipJson(join(OSV_DIR, feed, 'all.zip'))) {
      const best: Partial<Record<'v3' | 'v4', { score: number; vector: string }>> = {};
      for (const s of rec.severity ?? []) {
        if (!TYPES.has(s.type)) continue;
        const key = s.type === 'CVSS_V3' ? s.score.slice(0, 8) : s.type;
        const slot = (tally.vectors[key] ??= { valid: 0, invalid: [] });
        const r = scoreVector(s.type as SeverityType, s.score);
        if (!r.ok) {
          slot.invalid.push(`${feed}/${rec.id}: ${r.reason}`);
          continue;
        }
        slot.valid++;
        const v = r.value.version === '4.0' ? 'v4' : r.value.version === '2.0' ? undefined : 'v3';
        if (v && (best[v] === undefined || r.value.baseScore > best[v].score)) {
          best[v] = { score: r.value.baseScore, vector: s.score };
        }
      }
      const word = rec.database_specific?.severity;
      const vendor = typeof word === 'string' ? vendorRating(word) : undefined;
      if (vendor?.kind !== 'rating') continue;
      const compare = (into: Comparison, vector: string, score: number): void => {
        const ours = ratingV3V4(score);
        if (ours === vendor.severity) into.agree++;
        else into.disagree.push(`${rec.id}: ${vector} = ${score} ${ours}, GitHub ${String(word)}`);
      };
      if (best.v3) compare(tally.compared.v3, best.v3.vector, best.v3.score);
      if (best.v4) {
        compare(tally.compared.v4, best.v4.vector, best.v4.score);
        const b = scoreCvss4(best.v4.vector, 'base');
        if (b.ok) compare(tally.compared['v4-base-only'], best.v4.vector, b.value.baseScore);
      }
    }
  }
  return tally;
}

describe('real advisories (OSV fixture feeds)', () => {
  it('scores every CVSS vector, and agrees with GitHub severities for the overwhelming majority', async () => {
    const tally = await crossCheck();
    if (process.env.VIGIA_SEVERITY_REPORT) console.log(JSON.stringify(tally, null, 2));

    const valid = Object.values(tally.vectors).reduce((n, t) => n + t.valid, 0);
    const invalid = Object.values(tally.vectors).flatMap((t) => t.invalid);
    // >1,000 vectors of all three modern kinds; the one malformed vector in the feeds (impact
    // value "U", which CVSS v3.0 does not define) is rejected, not guessed.
    expect(valid).toBeGreaterThan(1000);
    expect(Object.keys(tally.vectors).sort()).toEqual(['CVSS:3.0', 'CVSS:3.1', 'CVSS_V4']);
    expect(invalid).toEqual([
      'npm/NSWG-ECO-504: CVSS v3.0 vector "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:U/A:U": "U" is not a value of I (N, L, H)',
    ]);

    for (const [v, min] of [
      ['v3', 200],
      ['v4', 20],
    ] as const) {
      const { agree, disagree } = tally.compared[v];
      expect(agree + disagree.length).toBeGreaterThan(min);
      expect(agree / (agree + disagree.length)).toBeGreaterThanOrEqual(0.95);
    }
  });
});
