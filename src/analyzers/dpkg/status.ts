import type { PackageFact } from '../../core/package.js';
import { parseStanzas, type Stanza } from './deb822.js';

/** The installed packages of a dpkg status file and the stanzas that could not be used. */
export interface DpkgParse {
  packages: PackageFact[];
  /** Stanzas that look like packages but were skipped, with the reason. */
  problems: string[];
  /** Number of stanzas seen (installed or not). */
  stanzas: number;
}

/**
 * Reads a dpkg status file (`/var/lib/dpkg/status`) or a distroless `status.d/<name>` file
 * (https://man7.org/linux/man-pages/man1/dpkg-query.1.html, deb-control(5)).
 *
 * - A stanza counts when its `Status:` third word is `installed` (`install ok installed`,
 *   `hold ok installed`, and also `deinstall ok installed`: marked for removal, still on disk);
 *   `config-files`, `half-installed` and the rest are left out. status.d files carry no
 *   `Status:` field: their stanzas are installed.
 * - The version is kept exactly, epoch included (`1:2.31.1-0.4ubuntu3.1`).
 * - `Source: name (version)` gives the source package and its own version; `Source: name` means
 *   the source version is the binary's version; no `Source:` means the package is its own source.
 */
export function parseDpkgStatus(text: string): DpkgParse {
  const stanzas = parseStanzas(text);
  const packages: PackageFact[] = [];
  const problems: string[] = [];
  for (const stanza of stanzas) {
    const result = stanzaToPackage(stanza);
    if (result === undefined) continue;
    if (typeof result === 'string') problems.push(result);
    else packages.push(result);
  }
  return { packages, problems, stanzas: stanzas.length };
}

/** A package, undefined for a stanza that is not installed, or a problem message. */
function stanzaToPackage({ fields, line }: Stanza): PackageFact | string | undefined {
  const status = fields.get('status');
  if (status !== undefined && status.split(/\s+/)[2] !== 'installed') return undefined;
  const name = fields.get('package');
  const version = fields.get('version');
  if (!name) return `stanza at line ${line}: no Package: field`;
  if (!version) return `package ${name} (line ${line}): no Version: field`;
  if (/\s/.test(name) || /\s/.test(version))
    return `package ${name} (line ${line}): malformed name or version`;
  const fact: PackageFact = {
    ecosystem: 'deb',
    name,
    version,
    source: sourceOf(fields.get('source'), name, version),
  };
  const arch = fields.get('architecture');
  if (arch) fact.arch = arch;
  return fact;
}

function sourceOf(
  field: string | undefined,
  name: string,
  version: string,
): { name: string; version: string } {
  if (!field) return { name, version };
  const m = /^(\S+)(?:\s*\(([^)]*)\))?/.exec(field);
  const srcName = m?.[1] ?? name;
  const srcVersion = m?.[2]?.trim();
  return { name: srcName, version: srcVersion ? srcVersion : version };
}
