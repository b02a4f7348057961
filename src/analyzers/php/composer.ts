import type { AnalyzerResult } from '../../core/facts.js';
import type { PackageFact } from '../../core/package.js';
import type { Warning } from '../../core/warnings.js';
import { describeError } from '../../core/errors.js';

/** A JSON object. */
export type Obj = Record<string, unknown>;

/** True for a plain JSON object. */
export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON (a UTF-8 BOM allowed); `{ error }` names the problem. */
export function parseJson(content: Buffer): { value: unknown } | { error: string } {
  const text = content.toString('utf8');
  try {
    return { value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (err) {
    return { error: `invalid JSON: ${describeError(err)}` };
  }
}

/** A `packages` fact; an empty one when nothing could be read, with the warnings. */
export function result(
  analyzer: string,
  path: string,
  packages: PackageFact[],
  warnings: Warning[],
): AnalyzerResult {
  return { facts: [{ kind: 'packages', analyzer, path, packages }], warnings };
}

/** The whole file could not be read: an empty fact and a `parse-failed` warning. */
export function parseFailed(analyzer: string, path: string, problem: string): AnalyzerResult {
  return result(analyzer, path, [], [{ code: 'parse-failed', message: `${path}: ${problem}`, path }]);
}

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
      const problem = `${path}: skipped ${what}: no string "name" and "version"`;
      warnings.push({ code: 'package-skipped', message: problem, path });
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
