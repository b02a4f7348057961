/**
 * A small glob for policy patterns on flat strings (package names, purls, licence ids, check
 * ids): `*` matches any run of characters (including `/`), `?` one character, everything else is
 * literal. Path-like patterns (image sources) use `matchesSource` instead.
 */
export function globToRegExp(pattern: string, caseInsensitive = false): RegExp {
  let out = '';
  for (const ch of pattern) {
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else out += ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, caseInsensitive ? 'i' : '');
}

/** True when `value` matches the flat glob `pattern`. */
export function globMatch(value: string, pattern: string, caseInsensitive = false): boolean {
  return globToRegExp(pattern, caseInsensitive).test(value);
}
