import type { PackageFact } from '../../core/package.js';

/** One package of apk's installed database, as written there. */
export interface ApkRecord {
  name: string;
  version: string;
  arch?: string;
  license?: string;
  origin?: string;
  /** Absolute paths of the files (`R:` under the current `F:` directory), in database order. */
  files: string[];
}

/** The packages parsed from `lib/apk/db/installed` and the stanzas that could not be used. */
export interface ApkParse {
  records: ApkRecord[];
  /** One line per skipped stanza: which one (1-based) and why. */
  problems: string[];
}

/**
 * Parses apk's installed database: stanzas separated by blank lines, one `X:value` field per line
 * (https://wiki.alpinelinux.org/wiki/Apk_spec#Installed_Database_V2). Used here: `P` name, `V`
 * version, `A` arch, `L` licence, `o` origin, `F` directory and `R` file (relative to the last
 * `F`). A stanza without `P` or `V` is reported as a problem and skipped.
 */
export function parseApkInstalled(text: string): ApkParse {
  const records: ApkRecord[] = [];
  const problems: string[] = [];
  let stanza = 0;
  let current: Partial<ApkRecord> & { files: string[]; dir: string; lines: number } = newStanza();

  const finish = (): void => {
    if (current.lines === 0) return;
    stanza++;
    const { name, version } = current;
    if (!name || !version) {
      problems.push(`stanza ${stanza}${name ? ` (${name})` : ''}: no ${name ? 'V: (version)' : 'P: (name)'}`);
    } else {
      const record: ApkRecord = { name, version, files: current.files };
      if (current.arch) record.arch = current.arch;
      if (current.license) record.license = current.license;
      if (current.origin) record.origin = current.origin;
      records.push(record);
    }
    current = newStanza();
  };

  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      finish();
      continue;
    }
    current.lines++;
    if (line.length < 2 || line[1] !== ':') continue;
    const value = line.slice(2);
    switch (line[0]) {
      case 'P':
        current.name = value;
        break;
      case 'V':
        current.version = value;
        break;
      case 'A':
        current.arch = value;
        break;
      case 'L':
        current.license = value;
        break;
      case 'o':
        current.origin = value;
        break;
      case 'F':
        current.dir = value.replace(/^\/+|\/+$/g, '');
        break;
      case 'R':
        current.files.push(current.dir === '' ? `/${value}` : `/${current.dir}/${value}`);
        break;
    }
  }
  finish();
  return { records, problems };
}

function newStanza(): Partial<ApkRecord> & { files: string[]; dir: string; lines: number } {
  return { files: [], dir: '', lines: 0 };
}

/**
 * An apk record as a package fact. The source package is the origin (`o:`), at the package's own
 * version (apk builds every subpackage of an APKBUILD at the origin's version); a record without
 * an origin is its own source. The licence is kept as one declared string (`MIT BSD GPL2+` on
 * old Alpine, an SPDX expression on newer ones).
 */
export function apkPackageFact(record: ApkRecord): PackageFact {
  const fact: PackageFact = {
    ecosystem: 'apk',
    name: record.name,
    version: record.version,
    source: { name: record.origin ?? record.name, version: record.version },
    files: record.files,
  };
  if (record.arch) fact.arch = record.arch;
  if (record.license) fact.licenses = [record.license];
  return fact;
}
