import { readLicense } from '../spdx/licenses.js';
import type { CdxLicense } from './types.js';

/**
 * CycloneDX `licenses` of a package: one compound SPDX expression alone becomes `expression`
 * (the schema allows exactly one); otherwise each declared licence becomes `license.id` when it
 * is a single SPDX id, else `license.name` (compound expressions among several licences too).
 */
export function cdxLicenses(licenses: readonly string[] | undefined): CdxLicense[] | undefined {
  if (!licenses || licenses.length === 0) return undefined;
  if (licenses.length === 1) {
    const only = readLicense(licenses[0] as string);
    if (only.kind === 'expression') return [{ expression: only.expression }];
  }
  return licenses.map((l) => {
    const r = readLicense(l);
    return r.kind === 'id' ? { license: { id: r.id } } : { license: { name: l.trim() || l } };
  });
}
