/** The parts of the CycloneDX 1.6 JSON model vigia writes (https://cyclonedx.org/docs/1.6/json/). */
export interface CdxProperty {
  name: string;
  value: string;
}

export type CdxLicense = { license: { id: string } | { name: string } } | { expression: string };

export interface CdxComponent {
  type: 'library' | 'container' | 'operating-system' | 'application';
  'bom-ref': string;
  group?: string;
  name: string;
  version?: string;
  description?: string;
  purl?: string;
  licenses?: CdxLicense[];
  properties?: CdxProperty[];
}

export interface CdxRating {
  source?: { name: string; url?: string };
  score?: number;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info' | 'none' | 'unknown';
  method?: 'CVSSv2' | 'CVSSv3' | 'CVSSv31' | 'CVSSv4' | 'other';
  vector?: string;
  justification?: string;
}

export interface CdxVulnerability {
  'bom-ref': string;
  id: string;
  source?: { name: string; url?: string };
  references?: { id: string; source: { name: string; url?: string } }[];
  ratings: CdxRating[];
  description?: string;
  detail?: string;
  recommendation?: string;
  advisories?: { url: string }[];
  published?: string;
  updated?: string;
  analysis?: {
    state: 'not_affected' | 'exploitable' | 'in_triage' | 'resolved' | 'false_positive';
    response?: ('can_not_fix' | 'will_not_fix' | 'update' | 'rollback' | 'workaround_available')[];
    detail?: string;
  };
  affects: { ref: string; versions?: { version: string; status: 'affected' | 'unaffected' }[] }[];
  properties?: CdxProperty[];
}
