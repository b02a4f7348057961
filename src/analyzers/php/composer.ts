import type { PackageFact } from '../../core/package.js';
import type { Warning } from '../../core/warnings.js';
import { isObj } from '../shared/json.js';
import { skipped } from '../shared/result.js';

/**
 * Reads the package entries of a Composer `packages` list (composer.lock, installed.json): `name`
 * and `version` as written (`v1.8.1` stays `v1.8.1`; Composer's version scheme compares it, and
 * `version_normalized` is not used), `license` as an array or a single string. Entries without a
 * string name or version are skipped with a warning.
 */
export function readComposerPackages(
  path: string,
  entries: unknown[],
  dev: (name: string) => boolean,
  warnings: Warning[],
): PackageFact[] {
  const out: PackageFact[] = [];
  for (const [index, entry] of entries.entries()) {
    const name = isObj(entry) && typeof entry.name === 'string' ? entry.name.trim() : '';
    const version = isObj(entry) && typeof entry.version === 'string' ? entry.version.trim() : '';
    if (!isObj(entry) || name === '' || version === '') {
      const what = name === '' ? `package #${index + 1}` : `package ${name}`;
      warnings.push(skipped(path, what, 'no string "name" and "version"'));
      continue;
    }
    const pkg: PackageFact = { ecosystem: 'composer', name, version };
    const licenses = composerLicenses(entry.license);
    if (licenses.length > 0) pkg.licenses = licenses;
    if (dev(name)) pkg.dev = true;
    out.push(pkg);
  }
  return out;
}

function composerLicenses(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((l): l is string => typeof l === 'string' && l.trim() !== '').map((l) => l.trim());
}
