import { PackageURL } from 'packageurl-js';

/**
 * Does `pattern` (a purl, possibly without version or qualifiers) name the package `purl`?
 * Type, namespace and name must be equal; a version in the pattern must be equal; qualifiers
 * in the pattern must all be present with the same values.
 */
export function purlMatches(pattern: string, purl: string): boolean {
  const p = parse(pattern);
  const q = parse(purl);
  if (!p || !q) return false;
  if (p.type !== q.type || (p.namespace ?? '') !== (q.namespace ?? '') || p.name !== q.name) return false;
  if (p.version && p.version !== q.version) return false;
  for (const [k, v] of Object.entries(p.qualifiers ?? {})) if (q.qualifiers?.[k] !== v) return false;
  return true;
}

function parse(s: string): PackageURL | undefined {
  try {
    return PackageURL.fromString(s);
  } catch {
    return undefined;
  }
}
