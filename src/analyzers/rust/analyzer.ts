import type { Warning } from '../../core/warnings.js';
import type { Analyzer } from '../types.js';
import { elfHeaders, isExecutableCandidate } from '../go-binary/analyzer.js';
import { auditPackages, auditSection, decodeAuditData } from './auditable.js';
import { parseCargoLock } from './cargo-lock.js';

/** Largest file read into memory (executables; lockfiles are far smaller). */
export const RUST_MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Warning codes of the Rust analyzer. */
export const RustWarnings = {
  lockInvalid: 'cargo-lock-invalid',
  auditInvalid: 'cargo-auditable-invalid',
} as const;

const isCargoLock = (path: string) => path.endsWith('/Cargo.lock');

function packagesFact(path: string, packages: ReturnType<typeof auditPackages>) {
  return packages.length > 0 ? [{ kind: 'packages' as const, analyzer: 'rust', path, packages }] : [];
}

/**
 * Rust: `Cargo.lock` files, and executables built with cargo-auditable (`.dep-v0` section).
 * Any other ELF returns after its headers. Broken ELF headers are reported once, by `go-binary`,
 * which reads the same executables.
 */
export const rustAnalyzer: Analyzer = {
  id: 'rust',
  version: 1,
  maxBytes: RUST_MAX_FILE_BYTES,
  wants: (header) =>
    header.type === 'file' &&
    (isCargoLock(header.path) || isExecutableCandidate(header, RUST_MAX_FILE_BYTES)),
  analyze: ({ header, content }) => {
    const path = header.path;
    if (isCargoLock(path)) {
      const { packages, problems } = parseCargoLock(content.toString('utf8'));
      const warnings: Warning[] = problems.map((p) => ({
        code: RustWarnings.lockInvalid,
        message: `${path}: ${p}`,
        path,
      }));
      return { facts: packagesFact(path, packages), warnings };
    }
    const { elf } = elfHeaders(path, content);
    if (!elf) return { facts: [], warnings: [] };
    try {
      const section = auditSection(content, elf);
      if (!section) return { facts: [], warnings: [] };
      return { facts: packagesFact(path, auditPackages(decodeAuditData(section))), warnings: [] };
    } catch (err) {
      const message = `${path}: ${err instanceof Error ? err.message : String(err)}`;
      return { facts: [], warnings: [{ code: RustWarnings.auditInvalid, message, path }] };
    }
  },
};
