import type { LayerCache } from '../cache/layer-cache.js';
import { createSecretScanner, type SecretScannerOptions } from '../checks/secrets/index.js';
import type { OpenOptions } from '../image/types.js';
import { emptyCatalogue, type LoadedPolicy } from '../policy/index.js';
import type { RegistryConfig, RegistryOptions } from '../registry/index.js';
import type { ScanReport } from '../report/types.js';
import { databaseInfo } from '../scan/database.js';
import { runScan } from '../scan/run.js';
import { defaultScanOptions } from '../scan/scan.js';
import type { StoreHandle } from './advisory-store.js';
import type { JobSecrets, JobSummary, ScanInput } from './jobs/types.js';

/** What every scan of the server shares. */
export interface ScanServices {
  store: StoreHandle;
  cache?: LayerCache;
  toolVersion: string;
  /** Registry settings for every pull: the config file's `registry:` section, `--insecure`, `--ca-file`. */
  registry: { config?: RegistryConfig; insecure?: boolean; caFile?: string; timeoutMs: number };
  env: NodeJS.ProcessEnv;
  /** Accept local paths (archives, layouts, directories) as image references. */
  allowLocal: boolean;
  /** Secret rules (the config file's `secrets:` section); default: the built-in rules. */
  secrets?: SecretScannerOptions;
  /** The server's policy (`--policy`), used when a request brings none; absent: scoring only. */
  policy?: LoadedPolicy;
  /** The clock (tests pin it). */
  now?: () => Date;
}

/**
 * The string given to `openImage`. Without `allowLocal`, the `registry:` prefix makes sure the
 * server never looks at its own file system, even for a name that happens to exist as a path.
 */
export function openReference(input: ScanInput, allowLocal: boolean): string {
  if (input.kind === 'harbor') return `registry:${input.reference}`;
  return allowLocal ? input.image : `registry:${input.image.replace(/^(registry:|docker:\/\/)/, '')}`;
}

/** Run one job's scan (opening the image, the pipeline, the policy) and return its report. */
export async function runJob(
  input: ScanInput,
  secrets: JobSecrets | undefined,
  services: ScanServices,
): Promise<ScanReport> {
  const now = services.now?.() ?? new Date();
  const options = defaultScanOptions(services.toolVersion, now);
  if (input.kind === 'api' && input.failOn) options.failOn = input.failOn;
  const open: OpenOptions & RegistryOptions = {
    timeoutMs: services.registry.timeoutMs,
    env: services.env,
  };
  if (services.registry.config) open.config = services.registry.config;
  if (services.registry.caFile) open.caFile = services.registry.caFile;
  if (services.registry.insecure) open.insecure = true;
  if (input.kind === 'api' && input.platform) open.platform = input.platform;
  if (input.kind === 'harbor') {
    if (input.plainHttp && open.insecure !== true) open.insecure = [hostOf(input.reference)];
    if (secrets?.username !== undefined) open.username = secrets.username;
    if (secrets?.password !== undefined) open.password = secrets.password;
  }
  const lease = services.store.lease(now);
  try {
    return await runScan(
      { reference: openReference(input, services.allowLocal), open, options, ...policyOf(input, services) },
      {
        ...(services.cache ? { cache: services.cache } : {}),
        store: lease.store,
        database: databaseInfo(lease.store.metadata(), now),
        secretScanner: createSecretScanner(services.secrets ?? {}),
        warnings: [...lease.warnings],
      },
    );
  } finally {
    lease.release();
  }
}

/** The policy of a scan: the request's own (with the server's base catalogue), else the server's. */
function policyOf(input: ScanInput, services: ScanServices): { policy?: LoadedPolicy } {
  if (input.kind === 'api' && input.policy) {
    return {
      policy: {
        policy: input.policy,
        file: REQUEST_POLICY,
        catalogue: services.policy?.catalogue ?? emptyCatalogue(),
        ...(services.policy?.catalogueFile ? { catalogueFile: services.policy.catalogueFile } : {}),
      },
    };
  }
  return services.policy ? { policy: services.policy } : {};
}

/** What `report.policy.file` says when the policy came in the request body. */
export const REQUEST_POLICY = '(request body)';

/** The counts a listing shows, taken from the report. */
export function summaryOf(report: ScanReport): JobSummary {
  const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const out: JobSummary = {
    verdict: report.verdict.status,
    vulnerabilities: { ...report.summary.vulnerabilities },
    packages: report.summary.packages.total,
    secrets: total(report.summary.secrets),
    misconfigs: total(report.summary.misconfigs),
  };
  if (report.verdict.score !== undefined) out.score = report.verdict.score;
  if (report.verdict.grade !== undefined) out.grade = report.verdict.grade;
  return out;
}

function hostOf(reference: string): string {
  return reference.slice(0, reference.indexOf('/'));
}
