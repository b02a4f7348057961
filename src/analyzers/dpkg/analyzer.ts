import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { Warning } from '../../core/warnings.js';
import { ownerOfListFile, parseListFile } from './list-file.js';
import { parseDpkgStatus } from './status.js';

const ID = 'dpkg';
const STATUS = '/var/lib/dpkg/status';
const STATUS_D = '/var/lib/dpkg/status.d/';
const INFO = '/var/lib/dpkg/info/';

/**
 * The dpkg analyzer: `/var/lib/dpkg/status` and distroless `/var/lib/dpkg/status.d/<pkg>` →
 * `packages` facts; each `/var/lib/dpkg/info/<pkg>[:<arch>].list` → an `owned-files` fact.
 */
export const dpkgAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  wants: (header) => header.type === 'file' && wantsPath(header.path),
  analyze: analyzeDpkgFile,
};

/** Cheap path test: exact status file, a direct child of status.d (not `*.md5sums`), or `info/*.list`. */
function wantsPath(p: string): boolean {
  if (p === STATUS) return true;
  if (p.startsWith(STATUS_D)) {
    return p.length > STATUS_D.length && p.indexOf('/', STATUS_D.length) < 0 && !p.endsWith('.md5sums');
  }
  if (p.startsWith(INFO)) {
    return p.endsWith('.list') && p.length > INFO.length + 5 && p.indexOf('/', INFO.length) < 0;
  }
  return false;
}

function analyzeDpkgFile({ header, content }: AnalyzerInput): AnalyzerResult {
  const path = header.path;
  if (path.startsWith(INFO)) {
    const owner = ownerOfListFile(path);
    return {
      facts: [{ kind: 'owned-files', analyzer: ID, path, owner, files: parseListFile(content) }],
      warnings: [],
    };
  }
  const text = content.toString('utf8');
  const { packages, problems, stanzas } = parseDpkgStatus(text);
  const warnings: Warning[] =
    stanzas === 0 && text.trim() !== ''
      ? [{ code: 'package-db-invalid', message: `${path}: not a dpkg status file (no stanza found)`, path }]
      : problems.map((problem) => ({
          code: 'package-skipped',
          message: `${path}: skipped ${problem}`,
          path,
        }));
  return { facts: [{ kind: 'packages', analyzer: ID, path, packages }], warnings };
}
