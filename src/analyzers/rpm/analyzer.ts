import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { PackageFact } from '../../core/package.js';
import type { Warning } from '../../core/warnings.js';
import { describeError } from '../../core/errors.js';
import { readRpmDb } from './database.js';
import { parseRpmManifest } from './manifest.js';
import { RpmHeader } from './header.js';
import { readRpmPackage, rpmPackageFact } from './package.js';

const ID = 'rpm';

/** Where rpm keeps its database: BerkeleyDB `Packages`, NDB `Packages.db`, SQLite `rpmdb.sqlite`. */
const RPMDB_PATHS = new Set([
  '/var/lib/rpm/Packages',
  '/var/lib/rpm/Packages.db',
  '/var/lib/rpm/rpmdb.sqlite',
  '/usr/lib/sysimage/rpm/Packages',
  '/usr/lib/sysimage/rpm/Packages.db',
  '/usr/lib/sysimage/rpm/rpmdb.sqlite',
]);

/** CBL-Mariner / Azure Linux distroless images list their packages here instead of an rpmdb. */
const MANIFEST_PATH = '/var/lib/rpmmanifest/container-manifest-2';

/** Problems listed one by one before the rest are summed up in one warning. */
const MAX_LISTED_PROBLEMS = 5;

/**
 * The rpm analyzer: the rpm database, in any of its three backends, read natively → one
 * `packages` fact with name, `[EPOCH:]VERSION-RELEASE`, arch, source RPM, licence, vendor,
 * modularity label and owned files of every package. `gpg-pubkey` pseudo-packages (imported
 * signing keys) are left out. A damaged database gives `package-db-invalid` warnings and the
 * packages that could still be read; a database that cannot be read at all gives a warning and
 * no fact. Distroless CBL-Mariner / Azure Linux images have no database but an rpm manifest
 * (`/var/lib/rpmmanifest/container-manifest-2`), read the same way minus the file lists.
 */
export const rpmAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  maxBytes: 512 * 1024 * 1024,
  wants: (header) =>
    header.type === 'file' && (RPMDB_PATHS.has(header.path) || header.path === MANIFEST_PATH),
  analyze: (input) => (input.header.path === MANIFEST_PATH ? analyzeManifest(input) : analyzeRpmDb(input)),
};

function analyzeManifest({ header, content }: AnalyzerInput): AnalyzerResult {
  const path = header.path;
  const text = content.toString('utf8');
  const { packages, problems } = parseRpmManifest(text);
  const warnings: Warning[] =
    packages.length === 0 && text.trim() !== ''
      ? [warning(path, 'not an rpm manifest (no line with the 10 tab-separated columns of rpm -qa)')]
      : problems.map((p) => ({ code: 'package-skipped', message: `${path}: skipped ${p}`, path }));
  return { facts: [{ kind: 'packages', analyzer: ID, path, packages }], warnings };
}

function analyzeRpmDb({ header, content }: AnalyzerInput): AnalyzerResult {
  const path = header.path;
  let read: ReturnType<typeof readRpmDb>;
  try {
    read = readRpmDb(content);
  } catch (err) {
    return { facts: [], warnings: [warning(path, `cannot read the rpm database: ${describeError(err)}`)] };
  }
  const problems = [...read.problems];
  const packages: PackageFact[] = [];
  for (const record of read.records) {
    try {
      const info = readRpmPackage(new RpmHeader(record.blob));
      if (info.name !== 'gpg-pubkey') packages.push(rpmPackageFact(info));
    } catch (err) {
      problems.push(`package record ${record.key}: ${describeError(err)}`);
    }
  }
  const warnings = problems
    .slice(0, MAX_LISTED_PROBLEMS)
    .map((p) => warning(path, `${read.format} database: ${p}`));
  if (problems.length > MAX_LISTED_PROBLEMS) {
    warnings.push(
      warning(path, `${read.format} database: ${problems.length - MAX_LISTED_PROBLEMS} more problems`),
    );
  }
  if (problems.length > 0) {
    warnings.push(warning(path, `${read.format} database is damaged: ${packages.length} packages recovered`));
  }
  return { facts: [{ kind: 'packages', analyzer: ID, path, packages }], warnings };
}

function warning(path: string, problem: string): Warning {
  return { code: 'package-db-invalid', message: `${path}: ${problem}`, path };
}
