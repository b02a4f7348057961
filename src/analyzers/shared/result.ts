import type { AnalyzerResult } from '../../core/facts.js';
import type { PackageFact } from '../../core/package.js';
import type { Warning } from '../../core/warnings.js';

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

/** The file could not be read at all: an empty fact (the old content is gone) and a `parse-failed` warning. */
export function parseFailed(analyzer: string, path: string, problem: string): AnalyzerResult {
  return packagesResult(analyzer, path, [], [{ code: 'parse-failed', message: `${path}: ${problem}`, path }]);
}

/** A `package-skipped` warning about one entry of a file. */
export function skipped(path: string, what: string, problem: string): Warning {
  return { code: 'package-skipped', message: `${path}: skipped ${what}: ${problem}`, path };
}
