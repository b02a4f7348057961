/** Operating-system families vigia knows how to name. Anything else is reported as `unknown`. */
export const OsFamilies = [
  'alpine',
  'debian',
  'ubuntu',
  'centos',
  'rhel',
  'rocky',
  'almalinux',
  'fedora',
  'amazon',
  'oracle',
  'opensuse',
  'sles',
  'mariner',
  'azurelinux',
  'photon',
  'wolfi',
  'chainguard',
  'distroless',
  'unknown',
] as const;

export type OsFamily = (typeof OsFamilies)[number];

/** What the OS analyzer found out about the image's distribution. */
export interface OsInfo {
  family: OsFamily;
  /** Most precise version known, e.g. `3.10.4` (alpine-release), `12.15` (debian_version), `7.5.1804`. */
  version: string;
  /** Human name, e.g. `Debian GNU/Linux 12 (bookworm)`. */
  name?: string;
  /** Release codename, e.g. `bookworm`. */
  codename?: string;
  /** True when the distribution is known to be end-of-life at the release date of this vigia. */
  eol?: boolean;
}
