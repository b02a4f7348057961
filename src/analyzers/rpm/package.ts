import type { PackageFact } from '../../core/package.js';
import { ErrorCodes, VigiaError } from '../../core/errors.js';
import type { RpmHeader } from './header.js';
import { parseSourceRpm } from './source-rpm.js';
import { RpmTag } from './tags.js';

/** What vigia reads from one installed package's header. */
export interface RpmPackageInfo {
  name: string;
  /** Present only when the header has an EPOCH tag (0 included, as rpm prints it). */
  epoch?: number;
  version: string;
  release: string;
  arch?: string;
  sourceRpm?: string;
  license?: string;
  vendor?: string;
  modularityLabel?: string;
  /** Installed size in bytes (LONGSIZE, else SIZE). */
  size?: number;
  /** Owned paths, as `rpm -ql` prints them (directories included). */
  files: string[];
}

/**
 * Reads name, epoch, version, release, arch, source RPM, licence, vendor, modularity label,
 * size and file list from a header (rpm `lib/tagexts.c` for the file list: `DIRNAMES[DIRINDEXES[i]]
 * + BASENAMES[i]`, or the legacy `OLDFILENAMES`). A header without NAME, VERSION or RELEASE, or
 * with inconsistent file arrays, throws `PACKAGE_DB_INVALID`.
 */
export function readRpmPackage(header: RpmHeader): RpmPackageInfo {
  const name = header.string(RpmTag.NAME);
  const version = header.string(RpmTag.VERSION);
  const release = header.string(RpmTag.RELEASE);
  if (!name || version === undefined || release === undefined) {
    throw new VigiaError(
      ErrorCodes.PACKAGE_DB_INVALID,
      `header${name ? ` of ${name}` : ''} lacks NAME, VERSION or RELEASE`,
    );
  }
  const info: RpmPackageInfo = { name, version, release, files: fileList(header, name) };
  const epoch = header.integer(RpmTag.EPOCH);
  if (epoch !== undefined) info.epoch = epoch;
  const optional = [
    ['arch', RpmTag.ARCH],
    ['sourceRpm', RpmTag.SOURCERPM],
    ['license', RpmTag.LICENSE],
    ['vendor', RpmTag.VENDOR],
    ['modularityLabel', RpmTag.MODULARITYLABEL],
  ] as const;
  for (const [key, tag] of optional) {
    const value = header.string(tag);
    if (value) info[key] = value;
  }
  const size = header.integer(RpmTag.LONGSIZE) ?? header.integer(RpmTag.SIZE);
  if (size !== undefined) info.size = size;
  return info;
}

function fileList(header: RpmHeader, name: string): string[] {
  const basenames = header.strings(RpmTag.BASENAMES);
  if (basenames === undefined) return header.strings(RpmTag.OLDFILENAMES) ?? [];
  const dirnames = header.strings(RpmTag.DIRNAMES) ?? [];
  const dirindexes = header.integers(RpmTag.DIRINDEXES) ?? [];
  if (dirindexes.length !== basenames.length) {
    throw new VigiaError(
      ErrorCodes.PACKAGE_DB_INVALID,
      `${name}: ${basenames.length} BASENAMES but ${dirindexes.length} DIRINDEXES`,
    );
  }
  return basenames.map((base, i) => {
    const dir = dirnames[dirindexes[i] ?? -1];
    if (dir === undefined) {
      throw new VigiaError(ErrorCodes.PACKAGE_DB_INVALID, `${name}: DIRINDEXES[${i}] outside DIRNAMES`);
    }
    return dir + base;
  });
}

/** `[EPOCH:]VERSION-RELEASE`, the form rpm's EVR comparison reads. */
export function rpmEvr(info: Pick<RpmPackageInfo, 'epoch' | 'version' | 'release'>): string {
  return `${info.epoch === undefined ? '' : `${info.epoch}:`}${info.version}-${info.release}`;
}

/**
 * An rpm package as a package fact. `source` comes from the source RPM file name; its version is
 * `VERSION-RELEASE` of the source RPM, prefixed with the binary's epoch when it has one (a source
 * RPM file name carries no epoch, and binaries share their source's epoch).
 */
export function rpmPackageFact(info: RpmPackageInfo): PackageFact {
  const fact: PackageFact = { ecosystem: 'rpm', name: info.name, version: rpmEvr(info), files: info.files };
  if (info.arch) fact.arch = info.arch;
  const src = info.sourceRpm === undefined ? undefined : parseSourceRpm(info.sourceRpm);
  if (src)
    fact.source = {
      name: src.name,
      version: rpmEvr({ epoch: info.epoch, version: src.version, release: src.release }),
    };
  if (info.license) fact.licenses = [info.license];
  if (info.vendor) fact.vendor = info.vendor;
  if (info.modularityLabel) fact.note = `modularitylabel: ${info.modularityLabel}`;
  return fact;
}
