/**
 * MIME types of the Harbor Pluggable Scanner API v1.2
 * (goharbor/pluggable-scanner-spec, api/spec/scanner-adapter-openapi-v1.2.yaml).
 */
export const HarborMime = {
  metadata10: 'application/vnd.scanner.adapter.metadata+json; version=1.0',
  metadata11: 'application/vnd.scanner.adapter.metadata+json; version=1.1',
  scanRequest10: 'application/vnd.scanner.adapter.scan.request+json; version=1.0',
  scanRequest11: 'application/vnd.scanner.adapter.scan.request+json; version=1.1',
  scanResponse: 'application/vnd.scanner.adapter.scan.response+json; version=1.0',
  error: 'application/vnd.scanner.adapter.error+json; version=1.0',
  vulnHarbor: 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0',
  vulnReport: 'application/vnd.security.vulnerability.report; version=1.1',
  vulnRaw: 'application/vnd.scanner.adapter.vuln.report.raw',
  sbomReport: 'application/vnd.security.sbom.report+json; version=1.0',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** The SBOM document formats the v1.2 spec names (`sbom_media_type`). */
export const SbomMediaTypes = ['application/spdx+json', 'application/vnd.cyclonedx+json'] as const;
export type SbomMediaType = (typeof SbomMediaTypes)[number];

/** A media type with its parameters, lower-cased: `{ type: 'application/…', params: { version: '1.1' } }`. */
export interface ParsedMime {
  type: string;
  params: Record<string, string>;
}

/** Parse one media type (`type/subtype; k=v; …`); parameter values may be quoted. */
export function parseMime(text: string): ParsedMime {
  const [type = '', ...rest] = text.split(';');
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (key) params[key] = value;
  }
  return { type: type.trim().toLowerCase(), params };
}

/** True when `offered` (from a header) names `wanted`: same type, and the same version when both give one. */
export function sameMime(offered: string, wanted: string): boolean {
  const a = parseMime(offered);
  const b = parseMime(wanted);
  if (a.type !== b.type) return false;
  return (
    a.params.version === undefined || b.params.version === undefined || a.params.version === b.params.version
  );
}

/**
 * The first of `produced` that an `Accept` header asks for, in the header's order (q-values are
 * not weighed: Harbor sends one type). `*\/*` or no header picks `fallback`.
 */
export function negotiate(
  accept: string | undefined,
  produced: readonly string[],
  fallback: string,
): string | undefined {
  if (!accept || accept.trim() === '') return fallback;
  for (const item of accept.split(',')) {
    const type = parseMime(item).type;
    if (type === '*/*' || type === 'application/*') return fallback;
    const found = produced.find((p) => sameMime(item, p));
    if (found) return found;
  }
  return undefined;
}
