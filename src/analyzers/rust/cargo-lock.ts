import { parse, TomlError } from 'smol-toml';
import { z } from 'zod';
import type { PackageFact } from '../../core/package.js';

/**
 * `Cargo.lock` (https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html): TOML with one
 * `[[package]]` table per resolved crate (`name`, `version`, optional `source`, `checksum`,
 * `dependencies`). Every format is read: the oldest one with a `[root]` table for the root crate,
 * v1 with checksums under `[metadata]`, v2 (no `version` key), and `version = 3` / `4`.
 */

const entry = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  source: z.string().optional(),
});
const lockFile = z.object({
  version: z.number().int().optional(),
  root: z.unknown().optional(),
  package: z.array(z.unknown()).optional(),
});

/** The result of reading one lockfile: packages, and problems (each one line). */
export interface CargoLockResult {
  packages: PackageFact[];
  problems: string[];
}

const CRATES_IO =
  /^(registry\+https:\/\/github\.com\/rust-lang\/crates\.io-index|sparse\+https:\/\/index\.crates\.io\/)$/;

/** What a `source` says about where a crate comes from, for `note` (crates.io needs none). */
export function sourceNote(source: string | undefined): string | undefined {
  if (source === undefined) return 'local crate (no registry source)';
  if (CRATES_IO.test(source)) return undefined;
  if (source.startsWith('git+')) return `git source ${source.slice(4)}`;
  if (source.startsWith('registry+') || source.startsWith('sparse+')) return `alternative registry ${source}`;
  return `source ${source}`;
}

function toPackage(e: z.infer<typeof entry>): PackageFact {
  const note = sourceNote(e.source);
  return { ecosystem: 'cargo', name: e.name, version: e.version, ...(note ? { note } : {}) };
}

/**
 * Every crate of a `Cargo.lock`, workspace members without `source` included (marked by `note`).
 * Invalid TOML or a malformed entry becomes a problem naming the line or entry.
 */
export function parseCargoLock(text: string): CargoLockResult {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    const where = err instanceof TomlError ? ` at line ${err.line}, column ${err.column}` : '';
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    return { packages: [], problems: [`invalid TOML${where}: ${first}`] };
  }
  const top = lockFile.safeParse(doc);
  if (!top.success) {
    return {
      packages: [],
      problems: [`not a Cargo.lock: ${top.error.issues[0]?.path.join('.')} ${top.error.issues[0]?.message}`],
    };
  }
  const packages: PackageFact[] = [];
  const problems: string[] = [];
  const raw = [...(top.data.root !== undefined ? [top.data.root] : []), ...(top.data.package ?? [])];
  for (const [i, item] of raw.entries()) {
    const e = entry.safeParse(item);
    if (e.success) {
      packages.push(toPackage(e.data));
      continue;
    }
    const issue = e.error.issues[0];
    const name = typeof item === 'object' && item && 'name' in item ? ` (${String(item.name)})` : '';
    problems.push(`package entry ${i + 1}${name}: ${issue?.path.join('.') || 'entry'}: ${issue?.message}`);
  }
  if (top.data.package === undefined && top.data.root === undefined) problems.push('no [[package]] entries');
  return { packages, problems };
}
