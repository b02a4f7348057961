import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { Warning } from '../../core/warnings.js';
import { isObj, parseJson } from '../shared/json.js';
import { packagesResult, parseFailed } from '../shared/result.js';
import { readComposerPackages } from './composer.js';

const ID = 'composer-installed';

/**
 * The packages Composer installed into a vendor directory, from `vendor/composer/installed.json`:
 * Composer 2 writes `{"packages": [...], "dev": bool, "dev-package-names": [...]}` (names listed
 * there get `dev: true`), Composer 1 a top-level array.
 */
export const composerInstalledAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  wants: (header) => header.type === 'file' && header.path.endsWith('/composer/installed.json'),
  analyze: ({ header, content }: AnalyzerInput): AnalyzerResult => {
    const path = header.path;
    const parsed = parseJson(content);
    if ('error' in parsed) return parseFailed(ID, path, parsed.error);
    const json = parsed.value;
    const warnings: Warning[] = [];
    if (Array.isArray(json)) {
      return packagesResult(
        ID,
        path,
        readComposerPackages(path, json, () => false, warnings),
        warnings,
      );
    }
    if (!isObj(json) || !Array.isArray(json.packages)) {
      return parseFailed(ID, path, 'not a Composer installed.json: neither an array nor {"packages": [...]}');
    }
    const devNames = new Set(
      Array.isArray(json['dev-package-names'])
        ? json['dev-package-names'].filter((n): n is string => typeof n === 'string')
        : [],
    );
    const packages = readComposerPackages(path, json.packages, (name) => devNames.has(name), warnings);
    return packagesResult(ID, path, packages, warnings);
  },
};
