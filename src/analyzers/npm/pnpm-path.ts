/**
 * Reads a pnpm dependency path (a `packages:`/`snapshots:` key) into name and version.
 * https://github.com/pnpm/spec/blob/master/dependency-path.md
 *
 * - lockfile v5.x: `/name/1.2.3`, `/@scope/name/1.2.3_peer@1.0.0+other@2.0.0`
 * - lockfile v6.x: `/name@1.2.3`, `/@scope/name@1.2.3(peer@1.0.0)(other@2.0.0)`
 * - lockfile v9.x: `name@1.2.3`, `@scope/name@1.2.3(peer@1.0.0)`, `name@https://…` (no version)
 *
 * A registry host may prefix old keys (`registry.npmjs.org/name/1.2.3`). Returns the version
 * part as written after removing peer suffixes; it is not always a semver (tarball URLs,
 * `file:` paths), so callers validate it.
 */
export function parsePnpmDepPath(
  key: string,
  lockfileMajor: number,
): { name: string; version: string } | undefined {
  let rest = key;
  if (lockfileMajor < 9) {
    const slash = rest.indexOf('/');
    if (slash < 0) return undefined;
    // `/name…` or `host/name…`: drop everything up to the first slash.
    rest = rest.slice(slash + 1);
  }
  const separator = lockfileMajor < 6 ? '/' : '@';
  let scope = '';
  if (rest.startsWith('@')) {
    const slash = rest.indexOf('/');
    if (slash < 0) return undefined;
    scope = rest.slice(0, slash + 1);
    rest = rest.slice(slash + 1);
  }
  const cut = rest.indexOf(separator);
  if (cut <= 0) return undefined;
  const name = scope + rest.slice(0, cut);
  let version = rest.slice(cut + 1);
  if (lockfileMajor < 6) {
    const underscore = version.indexOf('_');
    if (underscore >= 0) version = version.slice(0, underscore);
  }
  const paren = version.indexOf('(');
  if (paren >= 0) version = version.slice(0, paren);
  if (version === '') return undefined;
  return { name, version };
}

/** The snapshot key without its peer suffix: `debug@4.3.4(supports-color@8.1.1)` → `debug@4.3.4`. */
export function withoutPeers(key: string): string {
  const paren = key.indexOf('(');
  return paren < 0 ? key : key.slice(0, paren);
}
