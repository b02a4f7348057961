/**
 * Package-name normalisation per OSV ecosystem, applied on import and on lookup so that the
 * installed spelling of a name finds the advisory's spelling.
 *
 * - PyPI: PEP 503 (lowercase, runs of `-`, `_`, `.` become one `-`).
 * - NuGet, Packagist: case-insensitive ids → lowercase.
 * - crates.io: case-insensitive, `-` and `_` equivalent (crates.io refuses names differing only so).
 * - everything else (npm, Go, Maven, RubyGems, distributions): exact.
 */
const normalisers: Record<string, (name: string) => string> = {
  PyPI: (n) => n.toLowerCase().replace(/[-_.]+/g, '-'),
  NuGet: (n) => n.toLowerCase(),
  Packagist: (n) => n.toLowerCase(),
  'crates.io': (n) => n.toLowerCase().replace(/_/g, '-'),
};

/** The ecosystem without its release/suffix: `Debian:12` → `Debian`, `Alpine:v3.10` → `Alpine`. */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon);
}

/** The name under which `(ecosystem, name)` is indexed and looked up. */
export function normalizePackageName(ecosystem: string, name: string): string {
  const normalise = normalisers[baseEcosystem(ecosystem)];
  return normalise ? normalise(name) : name;
}
