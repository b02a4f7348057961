import { isPublicRegistry, imageSourceNames, matchesSource, normaliseReference } from './sources.js';
import { plural, reason, type Rule } from './rule-kit.js';

const DAY_MS = 24 * 60 * 60 * 1000;

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

/** Rules about the image itself: its user, age, sources and base. */
export const IMAGE_RULES: readonly Rule[] = [
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
