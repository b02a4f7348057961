import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { PackageFact } from '../../core/package.js';
import { isObj, parseJson } from '../shared/json.js';
import { packagesResult, parseFailed, skipped } from '../shared/result.js';
import { basename, isValidNpmName, npmVersion, str } from './shared.js';

const ID = 'npm-installed';

/**
 * The licences a package.json declares: the `license` string (an SPDX expression), the legacy
 * `license: { type }` object, or the legacy `licenses` array/object of `{ type }` or strings.
 */
export function packageJsonLicenses(json: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (value: unknown): void => {
    const text = str(value) ?? (isObj(value) ? str(value.type) : undefined);
    if (text !== undefined && !out.includes(text)) out.push(text);
  };
  add(json.license);
  const legacy = json.licenses;
  if (Array.isArray(legacy)) legacy.forEach(add);
  else add(legacy);
  return out;
}

/**
 * Every `package.json` with a valid npm `name` and `version` is one package: the installed
 * `node_modules/**` copies (nested too), the application's own `package.json`, Debian's
 * `/usr/share/nodejs/*`. Files without a name or version (`{"type":"module"}` inside packages)
 * yield an empty fact, silently.
 */
export const npmInstalledAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  maxBytes: 8 * 1024 * 1024,
  wants: (header) => header.type === 'file' && basename(header.path) === 'package.json',
  analyze: ({ header, content }: AnalyzerInput): AnalyzerResult => {
    const parsed = parseJson(content);
    if ('error' in parsed) return parseFailed(ID, header.path, parsed.error);
    const json = parsed.value;
    if (!isObj(json)) return parseFailed(ID, header.path, 'package.json is not a JSON object');
    const name = str(json.name);
    const rawVersion = str(json.version);
    if (name === undefined || rawVersion === undefined) return packagesResult(ID, header.path, []);
    const version = npmVersion(rawVersion);
    if (!isValidNpmName(name)) {
      return packagesResult(
        ID,
        header.path,
        [],
        [skipped(header.path, 'package', `invalid npm name "${name}"`)],
      );
    }
    if (version === undefined) {
      const warning = skipped(header.path, `package ${name}`, `invalid version "${rawVersion}"`);
      return packagesResult(ID, header.path, [], [warning]);
    }
    const pkg: PackageFact = { ecosystem: 'npm', name, version };
    const licenses = packageJsonLicenses(json);
    if (licenses.length > 0) pkg.licenses = licenses;
    return packagesResult(ID, header.path, [pkg]);
  },
};
