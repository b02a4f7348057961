/**
 * The Harbor Pluggable Scanner API v1.2 shapes vigia produces and reads (component schemas of
 * api/spec/scanner-adapter-openapi-v1.2.yaml). Field names follow the spec exactly.
 */

/** `Severity`: Harbor's scale. */
export type HarborSeverity = 'Unknown' | 'Negligible' | 'Low' | 'Medium' | 'High' | 'Critical';

export interface HarborScanner {
  name: string;
  vendor: string;
  version: string;
}

export interface HarborArtifact {
  repository?: string;
  digest?: string;
  tag?: string;
  mime_type?: string;
}

export interface HarborCapability {
  type?: 'vulnerability' | 'sbom';
  consumes_mime_types: string[];
  produces_mime_types: string[];
  additional_attributes?: Record<string, unknown>;
}

export interface HarborMetadata {
  scanner: HarborScanner;
  capabilities: HarborCapability[];
  properties?: Record<string, string>;
}

export interface HarborCvss {
  score_v3?: number;
  score_v2?: number;
  vector_v3?: string;
  vector_v2?: string;
}

export interface HarborVulnerability {
  id: string;
  package: string;
  version: string;
  fix_version?: string;
  severity: HarborSeverity;
  description: string;
  links: string[];
  preferred_cvss?: HarborCvss;
  cwe_ids?: string[];
  /** Not in the spec's schema, read by Harbor (as the Trivy adapter sends it): the layer that introduced the package. */
  layer?: { digest?: string; diff_id?: string };
  vendor_attributes?: Record<string, unknown>;
}

export interface HarborVulnerabilityReport {
  generated_at: string;
  artifact: HarborArtifact;
  scanner: HarborScanner;
  severity: HarborSeverity;
  vulnerabilities: HarborVulnerability[];
}

export interface HarborSbomReport {
  generated_at: string;
  artifact: HarborArtifact;
  scanner: HarborScanner;
  vendor_attributes?: Record<string, unknown>;
  media_type: string;
  sbom: Record<string, unknown>;
}
