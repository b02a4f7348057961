import type { DbMetadata } from '../../advisories/index.js';
import { HarborMime, type SbomMediaType } from './mime.js';
import { CONSUMED } from './request.js';
import type { HarborMetadata, HarborScanner } from './types.js';

/** How vigia names itself to Harbor. */
export function scannerOf(version: string): HarborScanner {
  return { name: 'vigia', vendor: 'vigia', version };
}

/** The report types vigia produces for the vulnerability capability. */
export const VULN_PRODUCED = [HarborMime.vulnReport, HarborMime.vulnHarbor, HarborMime.vulnRaw] as const;

/**
 * `GET /api/v1/metadata`: the scanner, its capabilities (vulnerability reports for OCI and Docker
 * v2 manifests; SBOMs when renderers are wired) and properties (scanner type, advisory database
 * date).
 */
export function harborMetadata(
  version: string,
  db: DbMetadata,
  sbomTypes: readonly SbomMediaType[],
): HarborMetadata {
  const metadata: HarborMetadata = {
    scanner: scannerOf(version),
    capabilities: [
      { type: 'vulnerability', consumes_mime_types: [...CONSUMED], produces_mime_types: [...VULN_PRODUCED] },
    ],
    properties: {
      'harbor.scanner-adapter/scanner-type': 'os-package-vulnerability',
      'harbor.scanner-adapter/vulnerability-database-updated-at': db.builtAt,
      'org.label-schema.name': 'vigia',
      'org.label-schema.version': version,
    },
  };
  if (sbomTypes.length > 0) {
    metadata.capabilities.push({
      type: 'sbom',
      consumes_mime_types: [...CONSUMED],
      produces_mime_types: [HarborMime.sbomReport],
      additional_attributes: { sbom_media_types: [...sbomTypes] },
    });
  }
  return metadata;
}
