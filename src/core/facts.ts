import type { OsInfo } from './os.js';
import type { PackageFact } from './package.js';
import type { Warning } from './warnings.js';

/**
 * Facts are what analyzers learn from the files of one layer. They are cached per layer (by
 * diffID and analyzer versions) and squashed in layer order into the image inventory: a fact's
 * `path` is the file it came from, so a later layer's fact at the same path replaces it and a
 * whiteout of that path removes it.
 */
export type Fact =
  | { kind: 'os'; analyzer: string; path: string; os: OsInfo }
  | { kind: 'packages'; analyzer: string; path: string; packages: PackageFact[] }
  /** Files owned by one OS package, from a separate list file (dpkg `info/*.list`). */
  | { kind: 'owned-files'; analyzer: string; path: string; owner: string; files: string[] }
  /** A notable file for misconfiguration checks: setuid/setgid, world-writable, package-manager caches. */
  | { kind: 'file-note'; analyzer: string; path: string; note: FileNote; size: number; mode: number };

export type FileNote = 'setuid' | 'setgid' | 'world-writable' | 'package-cache';

/** What one analyzer returns for one file. */
export interface AnalyzerResult {
  facts: Fact[];
  warnings: Warning[];
}
