import { createHash } from 'node:crypto';

/**
 * Redact a secret to its first and last few characters: at most a third of it is shown and
 * never more than 4 characters on each side (`hunter2` → `h****2`, 40 characters → `FAKE****Zx4`
 * style). Secrets shorter than 6 characters are fully masked. The mask has a fixed width, so it
 * does not reveal the length.
 */
export function redact(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 6));
  if (shown === 0) return '****';
  return `${secret.slice(0, shown)}****${secret.slice(-shown)}`;
}

/**
 * The stable fingerprint of a secret: sha256 of the rule id and the secret with whitespace
 * removed (so a PEM key re-wrapped or with CRLF line ends keeps its fingerprint), as
 * `sha256:<hex>`. The unredacted secret is never stored; note that a short, guessable secret can
 * still be recovered from its fingerprint by trying candidates.
 */
export function fingerprintSecret(ruleId: string, secret: string): string {
  const normalised = secret.replace(/\s+|\\[nr]/g, '');
  return `sha256:${createHash('sha256').update(ruleId).update('\0').update(normalised).digest('hex')}`;
}

/**
 * The text shown for a match: the key before the secret (when the match starts with a key
 * name), the secret redacted, and what the match has after it; on one line, at most 160
 * characters.
 */
export function renderRedacted(before: string, secret: string, after: string): string {
  const shown = `${before}${redact(secret)}${after}`.replace(/\s+/g, ' ').trim();
  return shown.length > 160 ? `${shown.slice(0, 157)}...` : shown;
}
