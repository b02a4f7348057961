/**
 * Parser for os-release(5) files (`/etc/os-release`, `/usr/lib/os-release`): newline-separated
 * `KEY=VALUE` assignments in a shell-compatible subset. Values may be unquoted, 'single-quoted' or
 * "double-quoted" (where `\"`, `\\`, `\$` and `` \` `` are escapes). Lines starting with `#` and
 * blank lines are ignored; lines that are not assignments are skipped.
 */
export function parseOsReleaseFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) continue;
    out.set(key, unquote(line.slice(eq + 1).trim()));
  }
  return out;
}

function unquote(value: string): string {
  const first = value[0];
  if ((first === '"' || first === "'") && value.length >= 2 && value.endsWith(first)) {
    const inner = value.slice(1, -1);
    return first === "'" ? inner : inner.replace(/\\(["\\$`])/g, '$1');
  }
  return value;
}
