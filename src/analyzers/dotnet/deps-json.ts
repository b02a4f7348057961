import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { PackageFact } from '../../core/package.js';
import type { Warning } from '../../core/warnings.js';
import { isObj, parseJson } from '../shared/json.js';
import { packagesResult, parseFailed, skipped } from '../shared/result.js';

const ID = 'dotnet-deps';
const RUNTIME_PACK = 'runtimepack.';

/**
 * A .NET application's `*.deps.json` (written by `dotnet build/publish` beside the app): every
 * `libraries` entry of type `package` (a NuGet package, key `Name/Version`) is one package. A
 * self-contained app's `runtimepack` entry (`runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/6.0.16`)
 * is reported under its NuGet id (without `runtimepack.`): it is the .NET runtime shipped with the
 * app. `project` (the app's own assemblies) and `reference` entries are not packages.
 */
export const dotnetDepsAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  wants: (header) => header.type === 'file' && header.path.endsWith('.deps.json'),
  analyze: ({ header, content }: AnalyzerInput): AnalyzerResult => {
    const path = header.path;
    const parsed = parseJson(content);
    if ('error' in parsed) return parseFailed(ID, path, parsed.error);
    const deps = parsed.value;
    if (!isObj(deps) || !isObj(deps.libraries)) {
      return parseFailed(ID, path, 'not a .NET deps.json: no "libraries" object');
    }
    const packages: PackageFact[] = [];
    const warnings: Warning[] = [];
    for (const [key, library] of Object.entries(deps.libraries)) {
      if (!isObj(library)) {
        warnings.push(skipped(path, `library "${key}"`, 'not an object'));
        continue;
      }
      if (library.type !== 'package' && library.type !== 'runtimepack') continue;
      const slash = key.lastIndexOf('/');
      let name = slash > 0 ? key.slice(0, slash).trim() : '';
      const version = slash > 0 ? key.slice(slash + 1).trim() : '';
      if (name === '' || version === '') {
        warnings.push(skipped(path, `library "${key}"`, 'key is not "Name/Version"'));
        continue;
      }
      if (library.type === 'runtimepack' && name.startsWith(RUNTIME_PACK))
        name = name.slice(RUNTIME_PACK.length);
      packages.push({ ecosystem: 'nuget', name, version });
    }
    return packagesResult(ID, path, packages, warnings);
  },
};
