/** One RFC 822-style stanza of a Debian control file. */
export interface Stanza {
  /** Field names in lower case (deb822 names are case-insensitive) → value. */
  fields: Map<string, string>;
  /** 1-based line number of the stanza's first line, for messages. */
  line: number;
}

/**
 * Splits a Debian control file (dpkg `status`, `status.d/*`) into stanzas, per deb822(5):
 * stanzas are separated by blank lines; a field is `Name: value`; a line starting with a space or
 * a tab continues the previous field (kept with a `\n`, first space removed). Comment lines (`#`)
 * are ignored. Lines that are neither are skipped.
 */
export function parseStanzas(text: string): Stanza[] {
  const stanzas: Stanza[] = [];
  let fields = new Map<string, string>();
  let start = 0;
  let last: string | undefined;
  const lines = text.split('\n');
  const flush = (): void => {
    if (fields.size > 0) stanzas.push({ fields, line: start });
    fields = new Map();
    last = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.startsWith('#')) continue;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (last !== undefined) fields.set(last, `${fields.get(last) ?? ''}\n${line.slice(1)}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    if (fields.size === 0) start = i + 1;
    last = line.slice(0, colon).trim().toLowerCase();
    fields.set(last, line.slice(colon + 1).trim());
  }
  flush();
  return stanzas;
}
