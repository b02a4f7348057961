import type { Warning } from '../core/warnings.js';
import type { Finding, Suppression } from '../report/types.js';
import { globMatch } from './glob.js';
import type { Policy, PolicyException } from './schema.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant an exception stops applying: the end of its `expires` day (UTC) for a date, the
 * instant itself for a date-time.
 */
export function expiryInstant(expires: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(expires)) return new Date(Date.parse(`${expires}T00:00:00Z`) + DAY_MS);
  return new Date(expires);
}

/** True when the exception is about this finding (id or alias, and the package when it names one). */
export function exceptionMatches(ex: PolicyException, f: Finding): boolean {
  const id = ex.id.toLowerCase();
  switch (f.kind) {
    case 'vulnerability': {
      const ids = [f.id, ...f.aliases].map((s) => s.toLowerCase());
      if (!ids.includes(id)) return false;
      if (ex.package === undefined) return true;
      return ex.package.startsWith('pkg:')
        ? globMatch(f.package.purl, ex.package, true)
        : globMatch(f.package.name, ex.package, true);
    }
    case 'misconfig':
      return ex.package === undefined && (f.checkId.toLowerCase() === id || f.id.toLowerCase() === id);
    case 'secret':
      return (
        ex.package === undefined && (f.ruleId.toLowerCase() === id || f.fingerprint.toLowerCase() === id)
      );
  }
}

/**
 * Suppress the findings that a live policy exception covers (`suppressed.kind:
 * 'policy-exception'`, with reason, owner, expiry and `source` = `FILE: exceptions[i]`). A
 * finding already suppressed (ignore file, VEX) keeps its suppression. An expired exception
 * stops applying and becomes a warning (`policy-exception-expired`). Pure: returns new findings.
 */
export function applyExceptions(
  findings: readonly Finding[],
  policy: Policy,
  now: Date,
  policyFile = 'policy',
): { findings: Finding[]; expired: Warning[] } {
  const exceptions = policy.exceptions ?? [];
  const live: { ex: PolicyException; index: number }[] = [];
  const expired: Warning[] = [];
  for (const [index, ex] of exceptions.entries()) {
    if (now.getTime() < expiryInstant(ex.expires).getTime()) {
      live.push({ ex, index });
      continue;
    }
    const hits = findings.filter((f) => exceptionMatches(ex, f)).length;
    expired.push({
      code: 'policy-exception-expired',
      message:
        `exception ${ex.id}${ex.package ? ` for ${ex.package}` : ''} expired on ${ex.expires} ` +
        `(owner ${ex.owner}; ${policyFile}: exceptions[${index}])` +
        (hits > 0 ? `: ${hits} finding(s) count again` : ': it matches no finding'),
    });
  }
  const out = findings.map((f) => {
    if (f.suppressed) return f;
    const hit = live.find(({ ex }) => exceptionMatches(ex, f));
    if (!hit) return f;
    const suppressed: Suppression = {
      kind: 'policy-exception',
      reason: hit.ex.reason,
      source: `${policyFile}: exceptions[${hit.index}]`,
      owner: hit.ex.owner,
      expires: hit.ex.expires,
    };
    return { ...f, suppressed };
  });
  return { findings: out, expired };
}
