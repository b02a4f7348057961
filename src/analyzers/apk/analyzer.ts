import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { Warning } from '../../core/warnings.js';
import { apkPackageFact, parseApkInstalled } from './installed.js';

const ID = 'apk';

/** Paths of apk's installed database (`/usr/lib/apk/db` is where apk-tools 3 layouts keep it). */
const INSTALLED_DB = new Set(['/lib/apk/db/installed', '/usr/lib/apk/db/installed']);

/**
 * The apk analyzer: `lib/apk/db/installed` → one `packages` fact with every installed package,
 * each with its origin as source package, arch, licence and owned files.
 */
export const apkAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  wants: (header) => header.type === 'file' && INSTALLED_DB.has(header.path),
  analyze: analyzeInstalled,
};

function analyzeInstalled({ header, content }: AnalyzerInput): AnalyzerResult {
  const path = header.path;
  const text = content.toString('utf8');
  const { records, problems } = parseApkInstalled(text);
  const warnings: Warning[] =
    records.length === 0 && text.trim() !== ''
      ? [
          {
            code: 'package-db-invalid',
            message: `${path}: not an apk database (no stanza with P: and V:)`,
            path,
          },
        ]
      : problems.map((problem) => ({
          code: 'package-skipped',
          message: `${path}: skipped ${problem}`,
          path,
        }));
  return {
    facts: [{ kind: 'packages', analyzer: ID, path, packages: records.map(apkPackageFact) }],
    warnings,
  };
}
