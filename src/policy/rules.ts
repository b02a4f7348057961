import { severityRank, Severities, type Finding, type VulnerabilityFinding } from '../report/types.js';
import { globMatch } from './glob.js';
import { IMAGE_RULES } from './image-rules.js';
import { bannedLicensesOf } from './licenses.js';
import { plural, reason, vulns, type Rule } from './rule-kit.js';

export type { Reason, Rule, RuleInput, RuleOptions } from './rule-kit.js';
export { ageInDays, isRootUser } from './image-rules.js';

/** The highest CVSS base score of a finding, if it has any. */
export function maxCvssOf(f: VulnerabilityFinding): number | undefined {
  return f.cvss.length ? Math.max(...f.cvss.map((c) => c.baseScore)) : undefined;
}

/** Rules about findings and packages. */
const FINDING_RULES: readonly Rule[] = [
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
];

/** Every policy rule, in the order verdicts list them. Explicit: adding a rule is one entry here. */
export const RULES: readonly Rule[] = [...FINDING_RULES, ...IMAGE_RULES];
