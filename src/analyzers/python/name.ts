/**
 * A PyPI project name normalised per PEP 503 (the form pip, the index and advisories compare):
 * lower case, every run of `-`, `_` and `.` replaced by one `-`. `Jinja2` → `jinja2`,
 * `zope.interface` → `zope-interface`, `typing_extensions` → `typing-extensions`.
 * https://peps.python.org/pep-0503/#normalized-names
 */
export function normalizePypiName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/**
 * The name as a `pkg:pypi/` package URL spells it: lower case with `_` replaced by `-` (dots are
 * kept). packageurl-js applies the same rule when building a pypi purl.
 * https://github.com/package-url/purl-spec/blob/main/PURL-TYPES.rst#pypi
 */
export function pypiPurlName(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}
