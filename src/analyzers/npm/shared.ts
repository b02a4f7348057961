import semver from 'semver';
import { parseAllDocuments } from 'yaml';
import type { AnalyzerResult } from '../../core/facts.js';
import type { PackageFact } from '../../core/package.js';
import type { Warning } from '../../core/warnings.js';
import { describeError } from '../../core/errors.js';

/** A JSON/YAML object (not an array, not null). */
export type Obj = Record<string, unknown>;

/** True for a plain object. */
export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a non-empty string (trimmed), else undefined. */
export function str(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The last path segment. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * A `packages` fact for `path`. A file that yields no package still yields an (empty) fact, so
 * that it replaces an earlier layer's fact at the same path when the layers are squashed.
 */
export function packagesResult(
  analyzer: string,
  path: string,
  packages: PackageFact[],
  warnings: Warning[] = [],
): AnalyzerResult {
  return { facts: [{ kind: 'packages', analyzer, path, packages }], warnings };
}

/** The file could not be parsed at all: an empty fact (the old content is gone) and a warning. */
export function parseFailed(analyzer: string, path: string, problem: string): AnalyzerResult {
  return packagesResult(analyzer, path, [], [{ code: 'parse-failed', message: `${path}: ${problem}`, path }]);
}

/** A warning about one entry of a file that was skipped. */
export function skipped(path: string, what: string, problem: string): Warning {
  return { code: 'package-skipped', message: `${path}: skipped ${what}: ${problem}`, path };
}

/** Parses a JSON document; `{ error }` names the problem (invalid JSON, truncated file). */
export function parseJson(content: Buffer): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(stripBom(content.toString('utf8'))) };
  } catch (err) {
    return { error: `invalid JSON: ${describeError(err)}` };
  }
}

/**
 * Parses YAML with the failsafe schema (every scalar is a string: `1.10` stays `1.10`) and
 * duplicate keys allowed (yarn berry repeats identical entries). Returns every document.
 */
export function parseYamlDocuments(content: Buffer): { values: unknown[] } | { error: string } {
  try {
    const docs = parseAllDocuments(stripBom(content.toString('utf8')), {
      schema: 'failsafe',
      uniqueKeys: false,
    });
    if (!Array.isArray(docs)) return { values: [] };
    const values: unknown[] = [];
    for (const doc of docs) {
      const error = doc.errors[0];
      if (error) return { error: `invalid YAML: ${error.message.split('\n')[0] ?? error.name}` };
      values.push(doc.toJS({ maxAliasCount: 100 }));
    }
    return { values };
  } catch (err) {
    return { error: `invalid YAML: ${describeError(err)}` };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The version as npm keeps it: a strictly valid semver stays as written; a loosely valid one
 * (`v1.2.3`, `=1.2.3`) is cleaned the way npm's normalize-package-data does; anything else is
 * undefined.
 */
export function npmVersion(value: unknown): string | undefined {
  const version = str(value);
  if (version === undefined) return undefined;
  if (/^\d/.test(version) && semver.parse(version) !== null) return version;
  return semver.clean(version, { loose: true }) ?? undefined;
}

/**
 * True for a package name npm accepts for existing packages (validate-npm-package-name's
 * `validForOldPackages`): 1–214 URL-safe characters, optional `@scope/`, no leading `.` or `_`.
 * Upper case is allowed (old packages such as `JSONStream`).
 */
export function isValidNpmName(name: string): boolean {
  if (name.length === 0 || name.length > 214) return false;
  if (name.trim() !== name || name.startsWith('.') || name.startsWith('_')) return false;
  if (name === 'node_modules' || name === 'favicon.ico') return false;
  const match = /^(?:@([^/]+)\/)?([^/]+)$/.exec(name);
  if (!match) return false;
  const [, scope, bare] = match;
  return [scope, bare].every((part) => part === undefined || encodeURIComponent(part) === part);
}

/**
 * Splits an npm descriptor `name@range` (`@babel/core@^7.0.0`, `lodash@4.17.21`) at the `@`
 * after the name. Returns undefined when there is no range part.
 */
export function splitDescriptor(descriptor: string): { name: string; range: string } | undefined {
  const at = descriptor.indexOf('@', 1);
  if (at <= 0) return undefined;
  return { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}
