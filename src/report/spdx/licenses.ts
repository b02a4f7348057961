import parse from 'spdx-expression-parse';

/** How one declared licence string reads as SPDX. */
export type LicenseReading =
  /** A single licence id from the SPDX list (`MIT`, `GPL-2.0-only`). */
  | { kind: 'id'; id: string }
  /** A valid compound SPDX expression (`MIT OR Apache-2.0`, `GPL-2.0+`, `… WITH …`). */
  | { kind: 'expression'; expression: string }
  /** Anything else (`GPLv2+`, `BSD`, `LicenseRef-…` that no document defines): kept as a name. */
  | { kind: 'name'; name: string };

/**
 * Read a declared licence string as SPDX. `LicenseRef-`/`DocumentRef-` references count as names:
 * they would need definitions our documents do not carry.
 */
export function readLicense(declared: string): LicenseReading {
  const text = declared.trim();
  if (text === '' || /\b(LicenseRef|DocumentRef)-/.test(text)) return { kind: 'name', name: text };
  let info: parse.Info;
  try {
    info = parse(text);
  } catch {
    return { kind: 'name', name: text };
  }
  if ('license' in info && !info.plus && !info.exception) return { kind: 'id', id: info.license };
  return { kind: 'expression', expression: text };
}

/**
 * The `licenseDeclared` of an SPDX package: the declared licences joined with AND when every one
 * of them is valid SPDX, else `NOASSERTION` (the raw text then goes to `licenseComments`).
 */
export function spdxDeclared(licenses: readonly string[] | undefined): {
  declared: string;
  comment?: string;
} {
  if (!licenses || licenses.length === 0) return { declared: 'NOASSERTION' };
  const readings = licenses.map(readLicense);
  const invalid = readings.filter((r) => r.kind === 'name');
  if (invalid.length > 0) {
    return {
      declared: 'NOASSERTION',
      comment: `declared licence, not an SPDX expression: ${licenses.join('; ')}`,
    };
  }
  const parts = readings.map((r) => (r.kind === 'id' ? r.id : r.kind === 'expression' ? r.expression : ''));
  if (parts.length === 1) return { declared: parts[0] as string };
  return { declared: parts.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(' AND ') };
}
