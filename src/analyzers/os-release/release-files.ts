import type { OsFamily, OsInfo } from '../../core/os.js';
import { familyOfReleaseLine } from './families.js';

/** How the content of a wanted OS file is read. */
export type OsFileKind = 'os-release' | 'alpine-release' | 'debian_version' | 'release-line';

/**
 * Every file the OS analyzer reads, with how to read it and, for distribution-specific release
 * files, the family the file name implies when its first line names no family vigia knows.
 */
export const OS_FILES: ReadonlyMap<string, { kind: OsFileKind; family?: OsFamily }> = new Map([
  ['/etc/os-release', { kind: 'os-release' }],
  ['/usr/lib/os-release', { kind: 'os-release' }],
  ['/etc/alpine-release', { kind: 'alpine-release', family: 'alpine' }],
  ['/etc/debian_version', { kind: 'debian_version', family: 'debian' }],
  ['/etc/centos-release', { kind: 'release-line', family: 'centos' }],
  ['/etc/redhat-release', { kind: 'release-line' }],
  ['/etc/system-release', { kind: 'release-line' }],
  ['/etc/rocky-release', { kind: 'release-line', family: 'rocky' }],
  ['/etc/almalinux-release', { kind: 'release-line', family: 'almalinux' }],
  ['/etc/fedora-release', { kind: 'release-line', family: 'fedora' }],
  ['/etc/oracle-release', { kind: 'release-line', family: 'oracle' }],
  ['/etc/amazon-linux-release', { kind: 'release-line', family: 'amazon' }],
  ['/etc/mariner-release', { kind: 'release-line', family: 'mariner' }],
  ['/etc/azurelinux-release', { kind: 'release-line', family: 'azurelinux' }],
  ['/etc/photon-release', { kind: 'release-line', family: 'photon' }],
] as const);

/** The first non-empty line of a file, trimmed (`''` when there is none). */
export function firstLine(text: string): string {
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t !== '') return t;
  }
  return '';
}

/**
 * Reads a one-line release file such as `CentOS Linux release 7.5.1804 (Core)`,
 * `CBL-Mariner 2.0.20220226` or `VMware Photon OS 4.0`: the family comes from the words before
 * the version (or from the file name), the version is the token after `release`, else the first
 * token that starts with a digit.
 */
export function parseReleaseLine(text: string, fileFamily: OsFamily | undefined): OsInfo {
  const line = firstLine(text);
  const family = familyOfReleaseLine(line) ?? fileFamily ?? 'unknown';
  const tokens = line.split(/\s+/);
  let version = '';
  const at = tokens.findIndex((t) => t.toLowerCase() === 'release');
  const afterRelease = at >= 0 ? tokens[at + 1] : undefined;
  if (afterRelease !== undefined && /^\d/.test(afterRelease)) version = afterRelease;
  else version = tokens.find((t) => /^\d/.test(t)) ?? '';
  const info: OsInfo = { family, version: cleanVersion(version) };
  if (line !== '') info.name = line;
  return info;
}

/** Strips what is not part of a version token (`7.9,` → `7.9`). */
function cleanVersion(token: string): string {
  const m = /^[0-9A-Za-z._~+-]*/.exec(token);
  return (m?.[0] ?? '').replace(/[.\-_]+$/, '');
}
