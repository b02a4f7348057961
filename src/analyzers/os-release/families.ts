import type { OsFamily } from '../../core/os.js';

/**
 * os-release `ID` values and the family each one names. Only exact IDs are mapped: an ID not in
 * this table is reported as family `unknown` with a warning (never guessed from `ID_LIKE`).
 */
export const OS_RELEASE_IDS: Readonly<Record<string, OsFamily>> = {
  alpine: 'alpine',
  debian: 'debian',
  ubuntu: 'ubuntu',
  centos: 'centos',
  rhel: 'rhel',
  rocky: 'rocky',
  almalinux: 'almalinux',
  fedora: 'fedora',
  amzn: 'amazon',
  ol: 'oracle',
  opensuse: 'opensuse',
  'opensuse-leap': 'opensuse',
  'opensuse-tumbleweed': 'opensuse',
  sles: 'sles',
  sled: 'sles',
  'sle-micro': 'sles',
  sle_hpc: 'sles',
  mariner: 'mariner',
  azurelinux: 'azurelinux',
  photon: 'photon',
  wolfi: 'wolfi',
  chainguard: 'chainguard',
};

/** The family an os-release `ID` names, or undefined when it is not one vigia knows. */
export function familyOfOsReleaseId(id: string): OsFamily | undefined {
  const key = id.toLowerCase();
  return Object.hasOwn(OS_RELEASE_IDS, key) ? OS_RELEASE_IDS[key] : undefined;
}

/**
 * First words of a `*-release` file's first line (`CentOS Linux release 7.5.1804 (Core)`) and the
 * family they name. Checked in order, so longer prefixes that share a start come first.
 */
export const RELEASE_LINE_PREFIXES: ReadonlyArray<readonly [string, OsFamily]> = [
  ['centos', 'centos'],
  ['red hat enterprise linux', 'rhel'],
  ['rocky linux', 'rocky'],
  ['almalinux', 'almalinux'],
  ['fedora', 'fedora'],
  ['amazon linux', 'amazon'],
  ['oracle linux', 'oracle'],
  ['cbl-mariner', 'mariner'],
  ['microsoft azure linux', 'azurelinux'],
  ['vmware photon', 'photon'],
  ['opensuse', 'opensuse'],
  ['suse linux enterprise', 'sles'],
];

/** The family named at the start of a release-file line, if any. */
export function familyOfReleaseLine(line: string): OsFamily | undefined {
  const lower = line.trim().toLowerCase();
  for (const [prefix, family] of RELEASE_LINE_PREFIXES) {
    if (lower.startsWith(prefix)) return family;
  }
  return undefined;
}
