import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { PackageFact } from '../../core/package.js';
import { packagesResult, parseFailed } from '../shared/result.js';

const ID = 'gemspec';

/** `…/specifications/NAME-VERSION.gemspec`, including RubyGems' `specifications/default/`. */
const GEMSPEC_PATH = /\/specifications\/(?:default\/)?[^/]+\.gemspec$/;

// A Ruby string literal ("…" or '…'), optionally followed by `.freeze`.
const STRING = String.raw`(["'])((?:\\.|(?!\1).)*)\1`;
const NAME = new RegExp(String.raw`^\s*\w+\.name\s*=\s*${STRING}`, 'm');
const VERSION = new RegExp(String.raw`^\s*\w+\.version\s*=\s*(?:Gem::Version\.new\(\s*)?${STRING}`, 'm');
const LICENSE = new RegExp(String.raw`^\s*\w+\.license\s*=\s*${STRING}`, 'm');
const LICENSES = /^\s*\w+\.licenses\s*=\s*(\[[^\]]*\]|%w[[(]([^\])]*)[\])])/m;
const PLATFORM = new RegExp(String.raw`^\s*\w+\.platform\s*=\s*${STRING}`, 'm');
const STUB = /^# stub: (\S+) (\S+) (\S+)/m;

/** The gemspec's licences: `s.licenses = ["MIT".freeze, …]`, `%w[MIT]` or `s.license = "MIT"`. */
export function gemspecLicenses(text: string): string[] {
  const list = LICENSES.exec(text);
  if (list) {
    if (list[2] !== undefined) return list[2].split(/\s+/).filter(Boolean);
    return [...(list[1] ?? '').matchAll(new RegExp(STRING, 'g'))].map((m) => m[2] ?? '').filter(Boolean);
  }
  const single = LICENSE.exec(text)?.[2];
  return single ? [single] : [];
}

/**
 * Installed gems: the Ruby `specifications/*.gemspec` files RubyGems writes for each installed
 * gem (and `specifications/default/` for default gems). They are Ruby code, read with anchored
 * regular expressions (`s.name = "x".freeze`, `s.version = "1.0"` or `Gem::Version.new("1.0")`,
 * `s.licenses = [...]`); the `# stub: NAME VERSION PLATFORM` line is the fallback.
 */
export const gemspecAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  maxBytes: 4 * 1024 * 1024,
  wants: (header) => header.type === 'file' && GEMSPEC_PATH.test(header.path),
  analyze: ({ header, content }: AnalyzerInput): AnalyzerResult => {
    const path = header.path;
    const text = content.toString('utf8');
    const stub = STUB.exec(text);
    const name = NAME.exec(text)?.[2] ?? stub?.[1];
    const version = VERSION.exec(text)?.[2] ?? stub?.[2];
    if (!name || !version) {
      return parseFailed(ID, path, 'no gem name and version found in the gemspec');
    }
    const pkg: PackageFact = { ecosystem: 'gem', name, version };
    const platform = PLATFORM.exec(text)?.[2] ?? stub?.[3];
    if (platform && platform !== 'ruby') pkg.arch = platform;
    const licenses = gemspecLicenses(text);
    if (licenses.length > 0) pkg.licenses = licenses;
    return packagesResult(ID, path, [pkg]);
  },
};
