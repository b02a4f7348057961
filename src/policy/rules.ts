import type { Warning } from '../core/warnings.js';
import {
  severityRank,
  Severities,
  type Finding,
  type ScanReport,
  type Verdict,
  type VulnerabilityFinding,
} from '../report/types.js';
import type { BaseDetection } from './base.js';
import { globMatch } from './glob.js';
import { bannedLicensesOf } from './licenses.js';
import type { Policy } from './schema.js';
import { imageSourceNames, isPublicRegistry, matchesSource, normaliseReference } from './sources.js';

/** One violated rule. */
export type Reason = Verdict['reasons'][number];

/** What a rule looks at. */
export interface RuleInput {
  report: ScanReport;
  policy: Policy;
  base: BaseDetection;
  now: Date;
  /** Unsuppressed findings. */
  live: Finding[];
  warn(w: Warning): void;
}

/** The command-line options a rule may depend on. */
export type RuleOptions = Partial<Pick<ScanReport['options'], 'failOn'>>;

/** A policy rule: a stable id (used in `verdict.reasons[].rule`) and its check. */
export interface Rule {
  id: string;
  /** Whether the policy (or the command line) turns it on. */
  active(policy: Policy, options?: RuleOptions): boolean;
  check(input: RuleInput): Reason | undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const vulns = (live: Finding[]): VulnerabilityFinding[] =>
  live.filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability');

const reason = (rule: string, message: string, findings: Finding[] = []): Reason => ({
  rule,
  message,
  findings: findings.map((f) => f.fingerprint),
});

/** The highest CVSS base score of a finding, if it has any. */
export function maxCvssOf(f: VulnerabilityFinding): number | undefined {
  return f.cvss.length ? Math.max(...f.cvss.map((c) => c.baseScore)) : undefined;
}

/** True when the config user is root: unset, `root`, `0`, or uid 0 with any group. */
export function isRootUser(user: string | undefined): boolean {
  const name = (user ?? '').trim().split(':')[0] ?? '';
  return name === '' || name === 'root' || name === '0';
}

/** Age in whole days of an RFC 3339 date, or undefined when unknown (absent, invalid, or the epoch). */
export function ageInDays(created: string | undefined, now: Date): number | undefined {
  if (!created) return undefined;
  const t = Date.parse(created);
  if (Number.isNaN(t) || t <= 0) return undefined;
  return Math.floor((now.getTime() - t) / DAY_MS);
}

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

function ageRule(id: string, what: 'image' | 'base'): Rule {
  return {
    id,
    active: (p) => (what === 'image' ? p.image?.maxAgeDays : p.bases?.maxAgeDays) !== undefined,
    check({ report, policy, base, now, warn }) {
      const max = (what === 'image' ? policy.image?.maxAgeDays : policy.bases?.maxAgeDays) ?? 0;
      if (what === 'base' && base.method === 'unknown') return undefined;
      const created = what === 'image' ? report.artifact.created : base.created;
      const age = ageInDays(created, now);
      if (age === undefined) {
        warn({
          code: 'policy-age-unknown',
          message: `${id}: the ${what}'s creation date is unknown (${created ?? 'not set'}); its age was not checked`,
        });
        return undefined;
      }
      if (age <= max) return undefined;
      return reason(
        id,
        `the ${what} is ${plural(age, 'day')} old (created ${created}); at most ${max} allowed`,
      );
    },
  };
}

/** Every policy rule, in the order verdicts list them. Explicit: adding a rule is one entry here. */
export const RULES: readonly Rule[] = [
  {
    id: 'fail-on',
    active: (_p, o) => o?.failOn !== undefined,
    check({ report, live }) {
      const failOn = report.options.failOn;
      if (!failOn) return undefined;
      const over = live.filter((f) => severityRank(f.severity) >= severityRank(failOn));
      return over.length
        ? reason('fail-on', `${plural(over.length, 'finding')} at or above ${failOn}`, over)
        : undefined;
    },
  },
  {
    id: 'vulnerabilities.severity',
    active: (p) => p.vulnerabilities?.failOnSeverity !== undefined,
    check({ policy, live }) {
      const min = policy.vulnerabilities?.failOnSeverity ?? 'CRITICAL';
      const fixable = policy.vulnerabilities?.onlyFixable === true;
      const hits = vulns(live).filter(
        (f) => severityRank(f.severity) >= severityRank(min) && (!fixable || f.fixedVersion !== undefined),
      );
      if (hits.length === 0) return undefined;
      const what = plural(hits.length, 'vulnerability', 'vulnerabilities');
      return reason(
        'vulnerabilities.severity',
        `${what} at or above ${min}${fixable ? ' with a fix' : ''}`,
        hits,
      );
    },
  },
  {
    id: 'vulnerabilities.known-exploited',
    active: (p) => p.vulnerabilities?.knownExploited === true,
    check({ live }) {
      const hits = vulns(live).filter((f) => f.knownExploited !== undefined);
      if (hits.length === 0) return undefined;
      const ids = [...new Set(hits.map((f) => f.id))].sort().join(', ');
      return reason('vulnerabilities.known-exploited', `${hits.length} known-exploited (KEV): ${ids}`, hits);
    },
  },
  {
    id: 'vulnerabilities.max-count',
    active: (p) => p.vulnerabilities?.maxCount !== undefined,
    check({ policy, live }) {
      const limits = policy.vulnerabilities?.maxCount ?? {};
      const parts: string[] = [];
      const behind: Finding[] = [];
      for (const s of Severities) {
        const max = limits[s];
        if (max === undefined) continue;
        const of = vulns(live).filter((f) => f.severity === s);
        if (of.length <= max) continue;
        parts.push(`${of.length} ${s} (at most ${max})`);
        behind.push(...of);
      }
      return parts.length
        ? reason('vulnerabilities.max-count', `too many vulnerabilities: ${parts.join(', ')}`, behind)
        : undefined;
    },
  },
  {
    id: 'vulnerabilities.max-cvss',
    active: (p) => p.vulnerabilities?.maxCvss !== undefined,
    check({ policy, live }) {
      const max = policy.vulnerabilities?.maxCvss ?? 10;
      const hits = vulns(live).filter((f) => (maxCvssOf(f) ?? 0) > max);
      if (hits.length === 0) return undefined;
      const top = Math.max(...hits.map((f) => maxCvssOf(f) ?? 0));
      return reason(
        'vulnerabilities.max-cvss',
        `${hits.length} with CVSS above ${max} (highest ${top})`,
        hits,
      );
    },
  },
  {
    id: 'secrets',
    active: (p) => p.secrets?.forbid === true,
    check({ live }) {
      const hits = live.filter((f) => f.kind === 'secret');
      if (hits.length === 0) return undefined;
      const deleted = hits.filter((f) => f.kind === 'secret' && f.visibility === 'deleted').length;
      const note = deleted ? ` (${deleted} deleted by a later layer but still in the image)` : '';
      return reason('secrets', `${plural(hits.length, 'secret')} found${note}`, hits);
    },
  },
  {
    id: 'user.root',
    active: (p) => p.user?.forbidRoot === true,
    check({ report }) {
      const user = report.artifact.config.user;
      if (!isRootUser(user)) return undefined;
      return reason(
        'user.root',
        user ? `the image runs as root (USER ${user})` : 'the image runs as root (no USER set)',
      );
    },
  },
  {
    id: 'misconfigurations',
    active: (p) => (p.misconfigurations?.enforce.length ?? 0) > 0,
    check({ policy, live }) {
      const enforce = policy.misconfigurations?.enforce ?? [];
      const hits = live.filter(
        (f) => f.kind === 'misconfig' && enforce.some((id) => globMatch(f.checkId, id, true)),
      );
      if (hits.length === 0) return undefined;
      const ids = [...new Set(hits.map((f) => (f.kind === 'misconfig' ? f.checkId : '')))].sort().join(', ');
      return reason('misconfigurations', `enforced checks failed: ${ids}`, hits);
    },
  },
  {
    id: 'packages.banned',
    active: (p) => (p.packages?.banned.length ?? 0) > 0,
    check({ report, policy }) {
      const banned = policy.packages?.banned ?? [];
      const hits = report.packages.filter((pkg) =>
        banned.some((b) =>
          b.startsWith('pkg:') ? globMatch(pkg.purl, b, true) : globMatch(pkg.name, b, true),
        ),
      );
      if (hits.length === 0) return undefined;
      const names = hits.map((p) => `${p.name}@${p.version}`);
      return {
        ...reason('packages.banned', `banned packages: ${[...new Set(names)].sort().join(', ')}`),
        packages: hits.map((p) => p.id),
      };
    },
  },
  {
    id: 'licenses.banned',
    active: (p) => (p.licenses?.banned.length ?? 0) > 0,
    check({ report, policy }) {
      const banned = policy.licenses?.banned ?? [];
      const parts: string[] = [];
      const ids: string[] = [];
      for (const pkg of report.packages) {
        const bad = bannedLicensesOf(pkg.licenses, banned);
        if (bad.length === 0) continue;
        parts.push(`${pkg.name}@${pkg.version} (${bad.join(', ')})`);
        ids.push(pkg.id);
      }
      if (parts.length === 0) return undefined;
      return {
        ...reason('licenses.banned', `banned licences: ${[...new Set(parts)].sort().join(', ')}`),
        packages: ids,
      };
    },
  },
  ageRule('image.max-age', 'image'),
  {
    id: 'sources.image',
    active: (p) => p.approvedSources !== undefined,
    check({ report, policy }) {
      const approved = policy.approvedSources ?? [];
      const names = imageSourceNames(report.artifact);
      if (names.length === 0) {
        if (policy.allowUnnamedImages !== false) return undefined;
        return reason(
          'sources.image',
          'the image has no name to judge its source by (allowUnnamedImages is false)',
        );
      }
      if (names.some((n) => approved.some((p) => matchesSource(n, p)))) return undefined;
      return reason(
        'sources.image',
        `the image does not come from an approved source: ${describeSources(names)}`,
      );
    },
  },
  {
    id: 'sources.base',
    active: (p) => p.approvedSources !== undefined,
    check({ base, policy }) {
      if (!base.name) return undefined;
      if ((policy.approvedSources ?? []).some((p) => matchesSource(base.name ?? '', p))) return undefined;
      return reason(
        'sources.base',
        `the base ${base.name} does not come from an approved source: ${describeSources([base.name])}`,
      );
    },
  },
  {
    id: 'base.unknown',
    active: (p) => p.bases?.allowUnknown === false,
    check: ({ base }) =>
      base.method === 'unknown'
        ? reason('base.unknown', 'the base image is unknown (no base labels, no catalogue match)')
        : undefined,
  },
  {
    id: 'base.unapproved',
    active: (p) => p.bases?.requireApproved === true,
    check: ({ base }) =>
      base.approved === false
        ? reason('base.unapproved', `the base ${base.name ?? base.digest} is not an approved base`)
        : undefined,
  },
  {
    id: 'base.outdated',
    active: (p) => p.bases?.requireCurrent === true,
    check: ({ base }) =>
      base.current === false
        ? reason(
            'base.outdated',
            `the base ${base.name ?? base.digest} is not the newest approved digest of its name`,
          )
        : undefined,
  },
  ageRule('base.max-age', 'base'),
];

function describeSources(names: string[]): string {
  return names
    .map((n) => {
      const host = normaliseReference(n)?.registry ?? n;
      return isPublicRegistry(host) ? `${n} (public registry ${host})` : n;
    })
    .join(', ');
}
