import type { OsInfo } from '../../core/os.js';
import { isEndOfLife } from './eol.js';

/**
 * Release files other than os-release, in the order they are trusted to name the family when
 * there is no os-release at all. `/etc/debian_version` comes last because Ubuntu (and other
 * Debian derivatives) carry it too, holding Debian's codename (`bookworm/sid`).
 */
const RELEASE_FILE_ORDER = [
  '/etc/alpine-release',
  '/etc/centos-release',
  '/etc/rocky-release',
  '/etc/almalinux-release',
  '/etc/oracle-release',
  '/etc/fedora-release',
  '/etc/amazon-linux-release',
  '/etc/mariner-release',
  '/etc/azurelinux-release',
  '/etc/photon-release',
  '/etc/redhat-release',
  '/etc/system-release',
  '/etc/debian_version',
] as const;

/** os-release locations, the administrator's `/etc` copy first (os-release(5)). */
const OS_RELEASE_ORDER = ['/etc/os-release', '/usr/lib/os-release'] as const;

/**
 * Combines the `os` facts of an image's final file system into one answer, the most precise one.
 *
 * Precedence:
 * 1. **Family**: os-release `ID` (`/etc/os-release`, else `/usr/lib/os-release`) when there is one,
 *    even if that ID is unknown (family `unknown`: the analyzer already warned). Without
 *    os-release, the first release file in `RELEASE_FILE_ORDER` that names a family.
 * 2. **Version**: among the release files of that same family, in `RELEASE_FILE_ORDER`, the first
 *    whose version starts with a digit and agrees with os-release's `VERSION_ID` (equal, or
 *    `VERSION_ID` followed by `.`: `3.10.4` for `3.10.4`, `12.15` for `12`, `7.5.1804` for `7`).
 *    Otherwise `VERSION_ID`; otherwise whatever the release file says (Debian testing:
 *    `trixie/sid`); otherwise `''`. Files of another family never contribute, so Ubuntu's
 *    `/etc/debian_version` (`bookworm/sid`) is ignored on Ubuntu.
 * 3. **Name and codename**: os-release `PRETTY_NAME` and codename, else the release file's line.
 * 4. **eol**: from the end-of-life table (`isEndOfLife`), left out when the table does not know.
 *
 * Returns undefined when no fact identifies anything (the caller reports the OS as missing).
 */
export function resolveOs(facts: ReadonlyArray<{ path: string; os: OsInfo }>): OsInfo | undefined {
  const byPath = new Map<string, OsInfo>();
  for (const f of facts) byPath.set(f.path, f.os);

  const osRelease = firstPresent(byPath, OS_RELEASE_ORDER);
  const releaseFiles = RELEASE_FILE_ORDER.flatMap((p) => {
    const os = byPath.get(p);
    return os === undefined ? [] : [os];
  });

  const family = osRelease?.family ?? releaseFiles.find((os) => os.family !== 'unknown')?.family;
  if (family === undefined) {
    if (osRelease === undefined && releaseFiles.length === 0) return undefined;
    const any = osRelease ?? releaseFiles[0];
    return any === undefined ? undefined : { ...any, family: 'unknown' };
  }

  const sameFamily = family === 'unknown' ? [] : releaseFiles.filter((os) => os.family === family);
  const versionId = osRelease?.version ?? '';
  const precise = sameFamily.find((os) => /^\d/.test(os.version) && agrees(os.version, versionId));
  const version = precise?.version || versionId || sameFamily[0]?.version || '';

  const result: OsInfo = { family, version };
  const name = osRelease?.name ?? sameFamily[0]?.name;
  if (name !== undefined) result.name = name;
  const codename = osRelease?.codename ?? sameFamily.find((os) => os.codename)?.codename;
  if (codename !== undefined) result.codename = codename;
  const eol = isEndOfLife(family, version);
  if (eol !== undefined) result.eol = eol;
  return result;
}

function firstPresent(byPath: Map<string, OsInfo>, order: readonly string[]): OsInfo | undefined {
  for (const p of order) {
    const os = byPath.get(p);
    if (os !== undefined) return os;
  }
  return undefined;
}

/** A release file's version agrees with VERSION_ID when it equals it or refines it. */
function agrees(version: string, versionId: string): boolean {
  return versionId === '' || version === versionId || version.startsWith(`${versionId}.`);
}
