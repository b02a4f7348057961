import type { OsFamily } from '../../core/os.js';

/**
 * The date the end-of-life table was last checked against the distributions' published
 * schedules. A release is reported end-of-life when its end date is on or before this date, so
 * the answer is the same on every run of this vigia version (deterministic output).
 */
export const EOL_DATA_AS_OF = '2026-11-29';

/** How many dotted components of a version name a release (`3.10` for alpine, `12` for debian). */
const RELEASE_DEPTH: Partial<Record<OsFamily, number>> = {
  alpine: 2,
  debian: 1,
  ubuntu: 2,
  centos: 1,
  rhel: 1,
  fedora: 1,
  amazon: 1,
  opensuse: 2,
  mariner: 2,
};

/**
 * End of (free, public) security support per release, from each distribution's own release
 * pages: alpinelinux.org/releases, wiki.debian.org/LTS, ubuntu.com/about/release-cycle (standard
 * support), wiki.centos.org, access.redhat.com/support/policy/updates/errata (maintenance
 * support), docs.fedoraproject.org (end of life), aws.amazon.com/amazon-linux-2/faqs,
 * en.opensuse.org/Lifetime, learn.microsoft.com (CBL-Mariner). Only releases whose dates are
 * settled are listed; a version older than every listed release is end-of-life too.
 */
const EOL_DATES: Partial<Record<OsFamily, Readonly<Record<string, string>>>> = {
  alpine: {
    '3.10': '2021-05-01',
    '3.11': '2021-11-01',
    '3.12': '2022-05-01',
    '3.13': '2022-11-01',
    '3.14': '2023-05-01',
    '3.15': '2023-11-01',
    '3.16': '2024-05-23',
    '3.17': '2024-11-22',
    '3.18': '2025-05-09',
    '3.19': '2025-11-01',
    '3.20': '2026-04-01',
    '3.21': '2026-11-01',
  },
  debian: {
    '8': '2020-06-30',
    '9': '2022-06-30',
    '10': '2024-06-30',
    '11': '2026-08-31',
    '12': '2028-06-30',
  },
  ubuntu: {
    '14.04': '2019-04-30',
    '16.04': '2021-04-30',
    '18.04': '2023-05-31',
    '20.04': '2025-05-31',
    '22.04': '2027-06-01',
    '22.10': '2023-07-20',
    '23.04': '2024-01-25',
    '23.10': '2024-07-11',
    '24.04': '2029-05-31',
  },
  centos: { '6': '2020-11-30', '7': '2024-06-30', '8': '2021-12-31' },
  rhel: { '6': '2020-11-30', '7': '2024-06-30', '8': '2029-05-31', '9': '2032-05-31' },
  fedora: { '37': '2023-12-05', '38': '2024-05-21', '39': '2024-11-26', '40': '2025-05-13' },
  amazon: { '1': '2023-12-31', '2': '2026-06-30', '2023': '2029-06-30' },
  opensuse: { '15.3': '2022-12-31', '15.4': '2023-12-31', '15.5': '2024-12-31' },
  mariner: { '1.0': '2023-07-31', '2.0': '2025-07-31' },
};

/**
 * Whether a release is end-of-life as of `EOL_DATA_AS_OF`: true or false when the table knows,
 * undefined when it does not (unlisted release, unparsable version, family without a table).
 */
export function isEndOfLife(family: OsFamily, version: string): boolean | undefined {
  const depth = RELEASE_DEPTH[family];
  const table = EOL_DATES[family];
  if (depth === undefined || table === undefined) return undefined;
  const parts = version.split('.').slice(0, depth);
  if (parts.length < depth || !parts.every((p) => /^\d+$/.test(p))) return undefined;
  const release = parts.join('.');
  const date = table[release];
  if (date !== undefined) return date <= EOL_DATA_AS_OF;
  const known = Object.keys(table);
  return known.every((k) => compareDotted(release, k) < 0) ? true : undefined;
}

function compareDotted(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
