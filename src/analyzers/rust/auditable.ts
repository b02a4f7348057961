import { inflateSync } from 'node:zlib';
import { z } from 'zod';
import type { PackageFact } from '../../core/package.js';
import { sectionData, type ElfFile } from '../go-binary/elf.js';

/**
 * The audit data cargo-auditable embeds in Rust executables: the `.dep-v0` ELF section holds
 * zlib-compressed JSON `{"packages":[{"name","version","source","kind","dependencies","root"}],
 * "format"}` (https://github.com/rust-secure-code/cargo-auditable, `cargo-auditable.schema.json`).
 */

/** Name of the section cargo-auditable writes. */
export const AUDIT_SECTION = '.dep-v0';
/** Cap on the inflated JSON (real ones are a few hundred KiB at most). */
export const MAX_AUDIT_JSON_BYTES = 16 * 1024 * 1024;

const auditPackage = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  // "crates.io" | "git" | "local" | "registry" | any other string; the schema also allows {"Other": "…"}.
  source: z.union([z.string(), z.object({ Other: z.string() })]).optional(),
  // Absent means "runtime". Unknown future kinds are kept (treated as runtime).
  kind: z.string().optional(),
  dependencies: z.array(z.number().int().nonnegative()).optional(),
  root: z.boolean().optional(),
});
const auditData = z.object({ packages: z.array(auditPackage), format: z.number().int().optional() });

/** One package of the audit data. */
export type AuditPackage = z.infer<typeof auditPackage>;

/** The compressed audit data of an ELF file, or undefined when it has no `.dep-v0` section. */
export function auditSection(buf: Buffer, elf: ElfFile): Buffer | undefined {
  return sectionData(buf, elf, AUDIT_SECTION);
}

/** Inflates and validates audit data. Throws an Error whose message says what is wrong. */
export function decodeAuditData(compressed: Buffer): AuditPackage[] {
  let json: Buffer;
  try {
    json = inflateSync(compressed, { maxOutputLength: MAX_AUDIT_JSON_BYTES });
  } catch (err) {
    const why =
      err instanceof RangeError ? `inflates past ${MAX_AUDIT_JSON_BYTES} bytes` : (err as Error).message;
    throw new Error(`bad zlib data in ${AUDIT_SECTION}: ${why}`, { cause: err });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(json.toString('utf8'));
  } catch (err) {
    throw new Error(`invalid JSON in ${AUDIT_SECTION}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = auditData.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`unexpected audit data in ${AUDIT_SECTION}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data.packages;
}

function note(p: AuditPackage): string | undefined {
  const source = typeof p.source === 'object' ? p.source.Other : p.source;
  const parts = [
    p.root ? 'root crate' : undefined,
    source === undefined || source === 'crates.io' ? undefined : `source ${source}`,
  ].filter((x): x is string => x !== undefined);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/**
 * Packages compiled into the binary: every package whose `kind` is not `build` (build scripts
 * and proc-macros run at compile time only and are not in the executable). The root crate and
 * local or git crates are kept, with a `note` naming their source.
 */
export function auditPackages(packages: AuditPackage[]): PackageFact[] {
  return packages
    .filter((p) => p.kind !== 'build')
    .map((p) => {
      const n = note(p);
      return { ecosystem: 'cargo' as const, name: p.name, version: p.version, ...(n ? { note: n } : {}) };
    });
}
