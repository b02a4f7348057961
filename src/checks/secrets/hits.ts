import type { SecretHit } from '../../core/secrets.js';
import { fingerprintSecret, renderRedacted } from './redact.js';
import type { RawMatch } from './types.js';

/**
 * Turn raw matches in `text` into hits. `lineBase` is the line of `text[0]`; `decode` maps a
 * slice of `text` back to what the file holds (latin1-decoded bytes → UTF-8). Matches are taken
 * in position order, so line counting walks the text once.
 */
export function toHits(
  matches: readonly RawMatch[],
  text: string,
  path: string,
  lineBase = 1,
  decode: (s: string) => string = (s) => s,
): SecretHit[] {
  const sorted = [...matches].sort(
    (a, b) => a.start - b.start || a.rule.rule.id.localeCompare(b.rule.rule.id),
  );
  const hits: SecretHit[] = [];
  let line = lineBase;
  let counted = 0;
  for (const m of sorted) {
    line += countNewlines(text, counted, m.start);
    counted = m.start;
    const { rule, source } = m.rule;
    const secret = decode(text.slice(m.secretStart, m.secretEnd));
    const lineStart = text.lastIndexOf('\n', m.start - 1) + 1;
    hits.push({
      ruleId: rule.id,
      category: rule.category,
      title: rule.title,
      severity: rule.severity,
      path,
      line,
      column: m.start - lineStart + 1,
      ruleSource: source,
      redacted: renderRedacted(
        decode(text.slice(m.start, m.secretStart)),
        secret,
        decode(text.slice(m.secretEnd, m.end)),
      ),
      fingerprint: fingerprintSecret(rule.id, secret),
    });
  }
  return hits;
}

/** Number of `\n` in `text[from, to)`. */
export function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
