import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { PackageFact } from '../../core/package.js';
import type { Warning } from '../../core/warnings.js';
import { packagesResult, parseFailed } from '../shared/result.js';

const ID = 'gemfile-lock';

/** Sections whose `specs:` list resolved gems. */
const SOURCE_SECTIONS = new Set(['GEM', 'GIT', 'PATH']);
/** Every section Bundler writes; a file with none of them is not a lockfile. */
const KNOWN_SECTIONS = new Set([
  ...SOURCE_SECTIONS,
  'PLUGIN SOURCE',
  'PLATFORMS',
  'DEPENDENCIES',
  'RUBY VERSION',
  'BUNDLED WITH',
  'CHECKSUMS',
]);
const SPEC = /^ {4}(\S+) \(([^)\s]+)\)$/;

/**
 * `Gemfile.lock` / `gems.locked`: the 4-space `name (version[-platform])` entries under `specs:`
 * of the GEM, GIT and PATH sections (the platform suffix becomes `arch`). One package per
 * name@version. Bundler records no dev/prod split. Unknown sections are ignored.
 */
export const gemfileLockAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  wants: (header) => {
    if (header.type !== 'file') return false;
    const base = header.path.slice(header.path.lastIndexOf('/') + 1);
    return base === 'Gemfile.lock' || base === 'gems.locked';
  },
  analyze: ({ header, content }: AnalyzerInput): AnalyzerResult => {
    const path = header.path;
    const byId = new Map<string, PackageFact>();
    const warnings: Warning[] = [];
    let section = '';
    let knownSections = 0;
    for (const [index, line] of content.toString('utf8').split(/\r?\n/).entries()) {
      if (line.trim() === '') continue;
      if (!line.startsWith(' ')) {
        section = line.trim();
        if (KNOWN_SECTIONS.has(section)) knownSections++;
        continue;
      }
      if (!SOURCE_SECTIONS.has(section) || !line.startsWith('    ') || line.startsWith('     ')) continue;
      const match = SPEC.exec(line);
      if (!match) {
        const problem = `line ${index + 1} is not "name (version)": ${JSON.stringify(line.trim())}`;
        warnings.push({ code: 'package-skipped', message: `${path}: skipped ${problem}`, path });
        continue;
      }
      const [, name = '', full = ''] = match;
      const dash = full.indexOf('-');
      const version = dash < 0 ? full : full.slice(0, dash);
      const arch = dash < 0 ? undefined : full.slice(dash + 1);
      const id = `${name}@${version}`;
      const seen = byId.get(id);
      if (seen) {
        if (seen.arch !== arch) delete seen.arch;
        continue;
      }
      const pkg: PackageFact = { ecosystem: 'gem', name, version };
      if (arch) pkg.arch = arch;
      byId.set(id, pkg);
    }
    if (knownSections === 0) {
      return parseFailed(ID, path, 'not a Gemfile.lock: none of the GEM, PATH, DEPENDENCIES… sections');
    }
    return packagesResult(ID, path, [...byId.values()], warnings);
  },
};
