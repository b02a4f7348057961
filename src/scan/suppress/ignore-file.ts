import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadSourceFile, validate } from '../../config/load.js';
import type { Warning } from '../../core/warnings.js';
import type { Finding } from '../../report/types.js';
import { purlMatches } from './purl-match.js';

const date = z.union([z.iso.date(), z.date().transform((d) => d.toISOString().slice(0, 10))]);

const entry = z
  .object({
    /** Vulnerability id or alias, secret rule id, or misconfig check id. */
    id: z.string().min(1),
    /** Narrow to a package: its name or purl (a purl without version matches every version). */
    package: z.string().min(1).optional(),
    /** Narrow to files (exact absolute paths, or a prefix ending in `/`). */
    paths: z.array(z.string().min(1)).optional(),
    reason: z.string().min(1, 'give a reason'),
    expires: date.optional(),
  })
  .strict();

const schema = z
  .object({
    vulnerabilities: z.array(entry).optional(),
    secrets: z.array(entry).optional(),
    misconfigurations: z.array(entry).optional(),
  })
  .strict();

export type IgnoreEntry = z.output<typeof entry>;

/** A parsed ignore file. */
export interface IgnoreFile {
  path: string;
  vulnerabilities: IgnoreEntry[];
  secrets: IgnoreEntry[];
  misconfigurations: IgnoreEntry[];
}

/** The default ignore file name, looked for in the working directory. */
export const DEFAULT_IGNORE_FILE = '.vigiaignore.yaml';

/** `--ignorefile`, else `.vigiaignore.yaml` in `cwd` if present. */
export async function loadIgnoreFile(
  explicit: string | undefined,
  cwd: string,
): Promise<IgnoreFile | undefined> {
  const path =
    explicit ?? (existsSync(join(cwd, DEFAULT_IGNORE_FILE)) ? join(cwd, DEFAULT_IGNORE_FILE) : undefined);
  if (!path) return undefined;
  const file = await loadSourceFile(path, 'CONFIG_INVALID');
  const data = validate(file, file.data ?? {}, schema, [], 'CONFIG_INVALID');
  return {
    path,
    vulnerabilities: data.vulnerabilities ?? [],
    secrets: data.secrets ?? [],
    misconfigurations: data.misconfigurations ?? [],
  };
}

/**
 * Mark findings suppressed by the ignore file. An entry past its `expires` date suppresses
 * nothing and is reported as expired; an entry that matched nothing is reported too (stale
 * ignores hide future problems).
 */
export function applyIgnoreFile(findings: Finding[], file: IgnoreFile, now: Date): Warning[] {
  const warnings: Warning[] = [];
  const today = now.toISOString().slice(0, 10);
  const lists: Array<[Finding['kind'], IgnoreEntry[]]> = [
    ['vulnerability', file.vulnerabilities],
    ['secret', file.secrets],
    ['misconfig', file.misconfigurations],
  ];
  for (const [kind, entries] of lists) {
    for (const e of entries) {
      if (e.expires && e.expires < today) {
        warnings.push({
          code: 'ignore-expired',
          message: `${file.path}: ignore entry ${e.id}${e.package ? ` (${e.package})` : ''} expired on ${e.expires} and no longer applies`,
        });
        continue;
      }
      let used = false;
      for (const f of findings) {
        if (f.kind !== kind || f.suppressed || !entryMatches(e, f)) continue;
        f.suppressed = {
          kind: 'ignore-file',
          reason: e.reason,
          source: file.path,
          ...(e.expires ? { expires: e.expires } : {}),
        };
        used = true;
      }
      if (!used) {
        warnings.push({
          code: 'ignore-unused',
          message: `${file.path}: ignore entry ${e.id} matched no finding`,
        });
      }
    }
  }
  return warnings;
}

function entryMatches(e: IgnoreEntry, f: Finding): boolean {
  const id = e.id.toUpperCase();
  switch (f.kind) {
    case 'vulnerability':
      if (f.id.toUpperCase() !== id && !f.aliases.some((a) => a.toUpperCase() === id)) return false;
      if (e.package && !(f.package.name === e.package || purlMatches(e.package, f.package.purl)))
        return false;
      return !e.paths || f.paths.some((p) => pathMatches(e.paths ?? [], p));
    case 'secret':
      if (f.ruleId.toUpperCase() !== id && f.fingerprint.toUpperCase() !== id) return false;
      return !e.paths || pathMatches(e.paths, f.path);
    case 'misconfig':
      if (f.checkId.toUpperCase() !== id) return false;
      return !e.paths || pathMatches(e.paths, f.evidence.path ?? f.file ?? '');
  }
}

function pathMatches(patterns: readonly string[], path: string): boolean {
  return patterns.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p));
}
