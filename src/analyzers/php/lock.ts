import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { Warning } from '../../core/warnings.js';
import { isObj, parseJson } from '../shared/json.js';
import { packagesResult, parseFailed } from '../shared/result.js';
import { readComposerPackages } from './composer.js';

const ID = 'composer-lock';

/** `composer.lock`: `packages` and `packages-dev` (the latter with `dev: true`). */
export const composerLockAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  wants: (header) => header.type === 'file' && header.path.endsWith('/composer.lock'),
  analyze: ({ header, content }: AnalyzerInput): AnalyzerResult => {
    const path = header.path;
    const parsed = parseJson(content);
    if ('error' in parsed) return parseFailed(ID, path, parsed.error);
    const lock = parsed.value;
    if (!isObj(lock)) return parseFailed(ID, path, 'not a composer.lock: not a JSON object');
    for (const key of ['packages', 'packages-dev'] as const) {
      if (lock[key] !== undefined && lock[key] !== null && !Array.isArray(lock[key])) {
        return parseFailed(ID, path, `not a composer.lock: "${key}" is not an array`);
      }
    }
    if (lock.packages === undefined && lock['packages-dev'] === undefined) {
      return parseFailed(ID, path, 'not a composer.lock: no "packages"');
    }
    const warnings: Warning[] = [];
    const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
    const packages = [
      ...readComposerPackages(path, list(lock.packages), () => false, warnings),
      ...readComposerPackages(path, list(lock['packages-dev']), () => true, warnings),
    ];
    return packagesResult(ID, path, packages, warnings);
  },
};
