/**
 * Parsers for the two metadata files a JAR carries: Maven's `pom.properties` (a
 * `java.util.Properties` file) and `META-INF/MANIFEST.MF` (the JAR manifest format).
 */

/** Decodes the escapes of a properties key or value (`\t`, `\n`, `\uXXXX`, `\:` …). */
function unescapeProperty(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, e: string) => {
    if (e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e === 't') return '\t';
    if (e === 'n') return '\n';
    if (e === 'r') return '\r';
    if (e === 'f') return '\f';
    return e;
  });
}

/**
 * Parses a `.properties` file: `#`/`!` comments, `=`, `:` or whitespace separators, lines
 * continued by an odd number of trailing backslashes, escapes. The last duplicate key wins.
 */
export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = (lines[i] ?? '').replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + (lines[++i] ?? '').replace(/^[ \t\f]+/, '');
    }
    const m = /^((?:\\.|[^\\=: \t\f])*)[ \t\f]*(?:[=:][ \t\f]*)?(.*)$/.exec(line);
    if (!m) continue;
    out.set(unescapeProperty(m[1] ?? ''), unescapeProperty(m[2] ?? ''));
  }
  return out;
}

/** A parsed manifest: the main section and the named per-entry sections, header names lowercased. */
export interface Manifest {
  main: Map<string, string>;
  sections: Map<string, string>[];
}

/**
 * Parses `MANIFEST.MF`: `Name: value` headers, continuation lines start with one space, sections
 * are separated by blank lines. Header names are case-insensitive (kept lowercased here).
 */
export function parseManifest(text: string): Manifest {
  const sections: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let lastKey: string | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (current.size > 0) sections.push(current);
      current = new Map();
      lastKey = undefined;
      continue;
    }
    if (line.startsWith(' ')) {
      if (lastKey !== undefined) current.set(lastKey, (current.get(lastKey) ?? '') + line.slice(1));
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    lastKey = line.slice(0, colon).trim().toLowerCase();
    current.set(lastKey, line.slice(colon + 1).trim());
  }
  if (current.size > 0) sections.push(current);
  const first = sections[0];
  if (first === undefined || first.has('name')) return { main: new Map(), sections };
  return { main: first, sections: sections.slice(1) };
}
