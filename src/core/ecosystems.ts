import type { OsInfo } from './os.js';

/**
 * The ecosystem table: one row per package ecosystem. Adding an ecosystem costs one row here,
 * one analyzer folder and, if its versions are new, one versioning folder.
 *
 * - `purlType`: the package-url type (https://github.com/package-url/purl-spec).
 * - `scheme`: the version scheme id in `src/versioning`.
 * - `osv`: the OSV ecosystem name advisories are stored under; for OS packages it depends on
 *   the distribution release and may be undefined when the release has no OSV namespace.
 */
export interface EcosystemRow {
  id: string;
  kind: 'os' | 'library';
  purlType: string;
  scheme: string;
  osv: (os?: OsInfo) => string | undefined;
}

const fixed = (name: string) => () => name;

const majorMinor = (v: string): string => v.split('.').slice(0, 2).join('.');
const major = (v: string): string => v.split('.')[0] ?? v;

export const ECOSYSTEMS = {
  apk: {
    id: 'apk',
    kind: 'os',
    purlType: 'apk',
    scheme: 'apk',
    osv: (os) => {
      if (!os) return undefined;
      if (os.family === 'alpine') return `Alpine:v${majorMinor(os.version)}`;
      if (os.family === 'wolfi') return 'Wolfi';
      if (os.family === 'chainguard') return 'Chainguard';
      return undefined;
    },
  },
  deb: {
    id: 'deb',
    kind: 'os',
    purlType: 'deb',
    scheme: 'deb',
    osv: (os) => {
      if (!os) return undefined;
      if (os.family === 'debian') return `Debian:${major(os.version)}`;
      if (os.family === 'ubuntu') {
        // OSV spells LTS releases (even year, April) `Ubuntu:22.04:LTS`, the others `Ubuntu:23.10`.
        const release = majorMinor(os.version);
        return /^\d*[02468]\.04$/.test(release) ? `Ubuntu:${release}:LTS` : `Ubuntu:${release}`;
      }
      return undefined;
    },
  },
  rpm: {
    id: 'rpm',
    kind: 'os',
    purlType: 'rpm',
    scheme: 'rpm',
    osv: (os) => {
      if (!os) return undefined;
      if (os.family === 'almalinux') return `AlmaLinux:${major(os.version)}`;
      if (os.family === 'rocky') return `Rocky Linux:${major(os.version)}`;
      if (os.family === 'opensuse') return `openSUSE:Leap ${majorMinor(os.version)}`;
      if (os.family === 'sles') return `SUSE:Linux Enterprise Server ${major(os.version)}`;
      if (os.family === 'mariner') return `Mariner:${majorMinor(os.version)}`;
      if (os.family === 'azurelinux') return `Azure Linux:${majorMinor(os.version)}`;
      if (os.family === 'rhel') return `Red Hat:enterprise_linux:${major(os.version)}`;
      return undefined;
    },
  },
  npm: { id: 'npm', kind: 'library', purlType: 'npm', scheme: 'semver', osv: fixed('npm') },
  pypi: { id: 'pypi', kind: 'library', purlType: 'pypi', scheme: 'pep440', osv: fixed('PyPI') },
  maven: { id: 'maven', kind: 'library', purlType: 'maven', scheme: 'maven', osv: fixed('Maven') },
  go: { id: 'go', kind: 'library', purlType: 'golang', scheme: 'go', osv: fixed('Go') },
  cargo: { id: 'cargo', kind: 'library', purlType: 'cargo', scheme: 'semver', osv: fixed('crates.io') },
  gem: { id: 'gem', kind: 'library', purlType: 'gem', scheme: 'rubygems', osv: fixed('RubyGems') },
  composer: {
    id: 'composer',
    kind: 'library',
    purlType: 'composer',
    scheme: 'composer',
    osv: fixed('Packagist'),
  },
  nuget: { id: 'nuget', kind: 'library', purlType: 'nuget', scheme: 'nuget', osv: fixed('NuGet') },
} as const satisfies Record<string, EcosystemRow>;

export type EcosystemId = keyof typeof ECOSYSTEMS;

/** The table row for an ecosystem id. */
export function ecosystem(id: EcosystemId): EcosystemRow {
  return ECOSYSTEMS[id];
}

/** True when `id` names a known ecosystem. */
export function isEcosystemId(id: string): id is EcosystemId {
  return Object.hasOwn(ECOSYSTEMS, id);
}
