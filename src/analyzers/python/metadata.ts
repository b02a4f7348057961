/**
 * The header fields of a Python core-metadata file (`METADATA`, `PKG-INFO`): RFC 822 style
 * `Name: value` lines, folded continuation lines (starting with a space or tab) joined with a
 * newline, parsing stopped at the first blank line (the description body follows it). Field
 * names are lower-cased; repeated fields (`Classifier`) keep every value in order.
 * https://packaging.python.org/en/latest/specifications/core-metadata/
 */
export function parseCoreMetadata(text: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  let last: { values: string[]; index: number } | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') break;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (last) last.values[last.index] = `${last.values[last.index] ?? ''}\n${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) break;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const values = fields.get(key) ?? [];
    values.push(value);
    fields.set(key, values);
    last = { values, index: values.length - 1 };
  }
  return fields;
}

/** The first value of a field, when non-empty. */
export function field(fields: Map<string, string[]>, name: string): string | undefined {
  const value = fields.get(name.toLowerCase())?.[0]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

const UNKNOWN = new Set(['unknown', 'none', 'n/a']);

/**
 * The licences a distribution declares, best source first: `License-Expression` (metadata 2.4,
 * SPDX), else a one-line `License` (not `UNKNOWN`), else the `License :: …` classifiers (their
 * last segment, e.g. `MIT License`), else the first line of a multi-line `License` text.
 */
export function metadataLicenses(fields: Map<string, string[]>): string[] {
  const expression = field(fields, 'License-Expression');
  if (expression !== undefined) return [expression];
  const license = field(fields, 'License');
  const usable = license !== undefined && !UNKNOWN.has(license.toLowerCase());
  if (usable && !license.includes('\n')) return [license];
  const classifiers: string[] = [];
  for (const classifier of fields.get('classifier') ?? []) {
    const parts = classifier.split('::').map((p) => p.trim());
    if (parts[0] !== 'License' || parts.length < 2) continue;
    const last = parts.at(-1) ?? '';
    if (parts.length === 2 && last === 'OSI Approved') continue;
    if (last !== '' && !classifiers.includes(last)) classifiers.push(last);
  }
  if (classifiers.length > 0) return classifiers;
  const firstLine = usable ? license.split('\n')[0]?.trim() : undefined;
  return firstLine ? [firstLine] : [];
}
