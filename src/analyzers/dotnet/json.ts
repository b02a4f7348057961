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

/** Parses JSON (.NET writes a UTF-8 BOM at times); `{ error }` names the problem. */
export function parseJson(content: Buffer): { value: unknown } | { error: string } {
  const text = content.toString('utf8');
  try {
    return { value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (err) {
    return { error: `invalid JSON: ${describeError(err)}` };
  }
}

/** A `packages` fact for the file, with the warnings met while reading it. */
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

/** A `package-skipped` warning for one entry. */
export function skipped(path: string, what: string, problem: string): Warning {
  return { code: 'package-skipped', message: `${path}: skipped ${what}: ${problem}`, path };
}
