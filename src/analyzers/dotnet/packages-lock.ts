import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { PackageFact } from '../../core/package.js';
import type { Warning } from '../../core/warnings.js';
import { isObj, parseJson } from '../shared/json.js';
import { packagesResult, parseFailed, skipped } from '../shared/result.js';

const ID = 'nuget-lock';

/**
 * NuGet's `packages.lock.json` (`RestorePackagesWithLockFile`): the `Direct`, `Transitive` and
 * `CentralTransitive` entries of every target framework, one package per name@resolved version
 * (NuGet ids compare case-insensitively; the first spelling is kept). `Project` references are the
 * solution's own projects.
 */
export const nugetLockAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  wants: (header) => header.type === 'file' && header.path.endsWith('/packages.lock.json'),
  analyze: ({ header, content }: AnalyzerInput): AnalyzerResult => {
    const path = header.path;
    const parsed = parseJson(content);
    if ('error' in parsed) return parseFailed(ID, path, parsed.error);
    const lock = parsed.value;
    if (!isObj(lock) || typeof lock.version !== 'number' || !isObj(lock.dependencies)) {
      return parseFailed(
        ID,
        path,
        'not a NuGet packages.lock.json: no numeric "version" and "dependencies" object',
      );
    }
    const byId = new Map<string, PackageFact>();
    const warnings: Warning[] = [];
    for (const [framework, deps] of Object.entries(lock.dependencies)) {
      if (!isObj(deps)) {
        warnings.push(skipped(path, `target framework "${framework}"`, 'not an object'));
        continue;
      }
      for (const [name, dep] of Object.entries(deps)) {
        if (!isObj(dep)) {
          warnings.push(skipped(path, `"${name}" (${framework})`, 'not an object'));
          continue;
        }
        if (dep.type === 'Project') continue;
        const version = typeof dep.resolved === 'string' ? dep.resolved.trim() : '';
        if (version === '') {
          warnings.push(skipped(path, `"${name}" (${framework})`, 'no "resolved" version'));
          continue;
        }
        const id = `${name.toLowerCase()}@${version.toLowerCase()}`;
        if (!byId.has(id)) byId.set(id, { ecosystem: 'nuget', name, version });
      }
    }
    return packagesResult(ID, path, [...byId.values()], warnings);
  },
};
