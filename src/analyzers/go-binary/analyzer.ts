import type { Warning } from '../../core/warnings.js';
import type { EntryHeader } from '../../image/types.js';
import type { Analyzer } from '../types.js';
import { BuildInfoError, readGoBuildInfo } from './buildinfo.js';
import { isElf, parseElf, type ElfFile } from './elf.js';
import { parseModInfo } from './modinfo.js';
import { goPackages } from './packages.js';

/** Largest executable read into memory. */
export const GO_MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Warning codes of the Go binary analyzer. */
export const GoBinaryWarnings = {
  /** An ELF file whose headers are truncated or inconsistent. */
  elfInvalid: 'elf-invalid',
  /** A Go build-info blob that cannot be decoded. */
  buildInfoInvalid: 'go-buildinfo-invalid',
  /** Module info lines not understood, or a toolchain version with no release. */
  buildInfoPartial: 'go-buildinfo-partial',
} as const;

/** A regular file with an executable bit, within the size cap: the only candidates for ELF parsing. */
export function isExecutableCandidate(header: EntryHeader, maxBytes: number): boolean {
  return (
    header.type === 'file' && (header.mode & 0o111) !== 0 && header.size >= 64 && header.size <= maxBytes
  );
}

/** ELF headers of `content`, undefined when it is not ELF, or a warning when they are broken. */
export function elfHeaders(path: string, content: Buffer): { elf?: ElfFile; warning?: Warning } {
  if (!isElf(content)) return {};
  try {
    return { elf: parseElf(content) };
  } catch (err) {
    const message = `${path}: ELF headers unreadable: ${err instanceof Error ? err.message : String(err)}`;
    return { warning: { code: GoBinaryWarnings.elfInvalid, message, path } };
  }
}

/**
 * Go executables: the build info the linker embeds (toolchain version, main module, dependencies
 * with replacements). Reports `stdlib` at the toolchain version so that Go standard-library
 * advisories match. Returns after the ELF headers for anything that is not a Go binary.
 */
export const goBinaryAnalyzer: Analyzer = {
  id: 'go-binary',
  version: 1,
  maxBytes: GO_MAX_FILE_BYTES,
  wants: (header) => isExecutableCandidate(header, GO_MAX_FILE_BYTES),
  analyze: ({ header, content }) => {
    const path = header.path;
    const { elf, warning } = elfHeaders(path, content);
    if (!elf) return { facts: [], warnings: warning ? [warning] : [] };
    let raw;
    try {
      raw = readGoBuildInfo(content, elf);
    } catch (err) {
      const why = err instanceof BuildInfoError || err instanceof Error ? err.message : String(err);
      return {
        facts: [],
        warnings: [
          {
            code: GoBinaryWarnings.buildInfoInvalid,
            message: `${path}: Go build info unreadable: ${why}`,
            path,
          },
        ],
      };
    }
    if (!raw) return { facts: [], warnings: [] };
    const mod = parseModInfo(raw.modinfo);
    const { packages, problems } = goPackages(raw.goVersion, mod);
    const warnings: Warning[] = [...mod.problems, ...problems].map((p) => ({
      code: GoBinaryWarnings.buildInfoPartial,
      message: `${path}: ${p}`,
      path,
    }));
    const facts =
      packages.length > 0 ? [{ kind: 'packages' as const, analyzer: 'go-binary', path, packages }] : [];
    return { facts, warnings };
  },
};
