import type { Policy } from '../../policy/index.js';
import type { Platform } from '../../image/types.js';
import type { Severity } from '../../report/types.js';

/** Where a job is: waiting in the queue, scanning, finished with a report, or failed. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** A scan asked for through vigia's own API (`POST /api/scans`). */
export interface ApiScanInput {
  kind: 'api';
  /** The image reference as given. */
  image: string;
  platform?: Platform;
  policy?: Policy;
  failOn?: Severity;
}

/** A scan asked for by Harbor (`POST /api/v1/scan`); credentials are never stored (see `secrets`). */
export interface HarborScanInput {
  kind: 'harbor';
  /** `host[:port]/repository@digest`, built from the request. */
  reference: string;
  /** True when Harbor gave an `http://` registry URL. */
  plainHttp: boolean;
  artifact: { repository: string; digest: string; tag?: string; mime_type?: string };
  registryUrl: string;
  /** Harbor sent registry credentials (kept in memory only: the job cannot survive a restart). */
  credentials: boolean;
}

export type ScanInput = ApiScanInput | HarborScanInput;

/** Credentials that live only in memory while a job waits or runs (Harbor's robot account). */
export interface JobSecrets {
  username?: string;
  password?: string;
}

/** The counts shown in listings without loading the report. */
export interface JobSummary {
  verdict: 'pass' | 'fail';
  score?: number;
  grade?: string;
  vulnerabilities: Record<Severity, number>;
  packages: number;
  secrets: number;
  misconfigs: number;
}

/** One scan job as stored. */
export interface JobRecord {
  id: string;
  status: JobStatus;
  /** What was scanned, for people (the image reference). */
  image: string;
  input: ScanInput;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  error?: { code: string; message: string };
  summary?: JobSummary;
}
