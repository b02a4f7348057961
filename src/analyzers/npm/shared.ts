import semver from 'semver';
import { parseAllDocuments } from 'yaml';
import { describeError } from '../../core/errors.js';
import { stripBom } from '../shared/json.js';

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
