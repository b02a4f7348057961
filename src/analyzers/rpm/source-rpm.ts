/**
 * Splits a source RPM file name `name-version-release.src.rpm` (also `.nosrc.rpm`) into its
 * parts. rpm names cannot tell a `-` in a name from the separators, but version and release
 * never contain `-`, so the last two dashes separate them. Undefined when the name does not
 * have that shape.
 */
export function parseSourceRpm(file: string): { name: string; version: string; release: string } | undefined {
  const base = file.endsWith('.src.rpm')
    ? file.slice(0, -'.src.rpm'.length)
    : file.endsWith('.nosrc.rpm')
      ? file.slice(0, -'.nosrc.rpm'.length)
      : undefined;
  if (base === undefined) return undefined;
  const r = base.lastIndexOf('-');
  const v = r > 0 ? base.lastIndexOf('-', r - 1) : -1;
  if (v <= 0 || r === base.length - 1 || v === r - 1) return undefined;
  return { name: base.slice(0, v), version: base.slice(v + 1, r), release: base.slice(r + 1) };
}
