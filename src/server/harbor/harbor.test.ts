import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateReport, validateSpdx } from '../../report/__golden__/validators.js';
import type { ScanReport, VulnerabilityFinding } from '../../report/types.js';
import { fixtureImage } from '../../test-support/fixtures.js';
import { startFixtureRegistry, type TestRegistry } from '../../test-support/registry.js';
import {
  json,
  registryManifest,
  startStallServer,
  startTestServer,
  type TestServer,
} from '../__fixtures__/harness.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;
const schemas = JSON.parse(
  readFileSync(join(import.meta.dirname, '__fixtures__/scanner-adapter-v1.2.schemas.json'), 'utf8'),
) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
ajv.addFormat('url', (s: string) => URL.canParse(s));
ajv.addSchema(schemas);
/** Errors of `doc` against a component schema of the spec ([] when valid). */
function check(component: string, doc: unknown): string[] {
  const validate = ajv.getSchema(
    `https://vigia.invalid/harbor/scanner-adapter-v1.2.schemas.json#/definitions/${component}`,
  );
  if (!validate) throw new Error(`no schema ${component}`);
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

// What Harbor sends: its registration's access credential as a bearer token, the spec's media types.
const ADAPTER_TOKEN = 'harbor-adapter-token-0123456789';
const REQUEST_TYPE = 'application/vnd.scanner.adapter.scan.request+json; version=1.1';
const VULN_TYPE = 'application/vnd.security.vulnerability.report; version=1.1';
const ROBOT = { user: 'robot$scanner', password: 'robot-secret-pw' };

let registry: TestRegistry;
let srv: TestServer;
let manifest: Awaited<ReturnType<typeof registryManifest>>;

function harbor(
  path: string,
  init: RequestInit & { headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${srv.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${ADAPTER_TOKEN}`, ...init.headers },
    redirect: 'manual',
  });
}

function scanRequest(
  overrides: { url?: string; authorization?: string; repository?: string; digest?: string } = {},
) {
  return {
    registry: {
      url: overrides.url ?? `http://${registry.host}`,
      authorization:
        overrides.authorization ??
        `Basic ${Buffer.from(`${ROBOT.user}:${ROBOT.password}`).toString('base64')}`,
    },
    artifact: {
      repository: overrides.repository ?? 'library/node-app',
      digest: overrides.digest ?? manifest.digest,
      tag: '1.0',
      mime_type: manifest.mediaType,
    },
    enabled_capabilities: [{ type: 'vulnerability', produces_mime_types: [VULN_TYPE] }],
  };
}

function postScan(body: unknown, type = REQUEST_TYPE): Promise<Response> {
  return harbor('/api/v1/scan', {
    method: 'POST',
    headers: {
      'Content-Type': type,
      Accept: 'application/vnd.scanner.adapter.scan.response+json; version=1.0',
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Poll the report as Harbor does (302 + Refresh-After while running). */
async function pollReport(id: string, accept: string, query = ''): Promise<Response> {
  for (let i = 0; i < 600; i++) {
    const res = await harbor(`/api/v1/scan/${id}/report${query}`, { headers: { Accept: accept } });
    if (res.status !== 302) return res;
    expect(Number(res.headers.get('refresh-after'))).toBeGreaterThan(0);
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('report never ready');
}

beforeAll(async () => {
  registry = await startFixtureRegistry(ROBOT);
  await registry.push(
    `oci-archive:${fixtureImage('debian-node-app.oci.tar')}:node-app`,
    'library/node-app:1.0',
  );
  manifest = await registryManifest(
    `${registry.host}/library/node-app:1.0`,
    `${ROBOT.user}:${ROBOT.password}`,
  );
  srv = await startTestServer({ token: ADAPTER_TOKEN });
}, 300_000);

afterAll(async () => {
  await srv?.stop();
  await registry?.stop();
});

describe('Harbor scanner adapter API v1.2', () => {
  it('describes the scanner (GET /api/v1/metadata)', async () => {
    const res = await harbor('/api/v1/metadata', {
      headers: { Accept: 'application/vnd.scanner.adapter.metadata+json; version=1.1' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.scanner.adapter.metadata+json; version=1.1',
    );
    const body = await json(res);
    expect(check('ScannerAdapterMetadata', body)).toEqual([]);
    expect(body).toMatchObject({
      scanner: { name: 'vigia', vendor: 'vigia', version: '0.0.0-test' },
      capabilities: [
        {
          type: 'vulnerability',
          consumes_mime_types: [
            'application/vnd.oci.image.manifest.v1+json',
            'application/vnd.docker.distribution.manifest.v2+json',
          ],
          produces_mime_types: expect.arrayContaining([VULN_TYPE]) as unknown,
        },
        {
          type: 'sbom',
          produces_mime_types: ['application/vnd.security.sbom.report+json; version=1.0'],
          additional_attributes: {
            sbom_media_types: ['application/spdx+json', 'application/vnd.cyclonedx+json'],
          },
        },
      ],
    });
    const props = body.properties as Record<string, string>;
    expect(props['harbor.scanner-adapter/scanner-type']).toBe('os-package-vulnerability');
    expect(Date.parse(props['harbor.scanner-adapter/vulnerability-database-updated-at'] ?? '')).not.toBeNaN();
    const v10 = await harbor('/api/v1/metadata', {
      headers: { Accept: 'application/vnd.scanner.adapter.metadata+json; version=1.0' },
    });
    expect(v10.headers.get('content-type')).toBe(
      'application/vnd.scanner.adapter.metadata+json; version=1.0',
    );
  });

  it('scans an artifact pushed to a registry with robot-account credentials and reports its vulnerabilities', async () => {
    const res = await postScan(scanRequest());
    expect(res.status).toBe(202);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.scanner.adapter.scan.response+json; version=1.0',
    );
    const accepted = await json(res);
    expect(check('ScanResponse', accepted)).toEqual([]);
    const id = accepted.id as string;

    const report = await pollReport(id, VULN_TYPE);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toBe(VULN_TYPE);
    const body = await json<{
      artifact: unknown;
      scanner: unknown;
      severity: string;
      generated_at: string;
      vulnerabilities: {
        id: string;
        package: string;
        version: string;
        fix_version?: string;
        severity: string;
        links: string[];
        layer: { digest: string; diff_id: string };
        preferred_cvss?: { score_v3?: number; vector_v3?: string };
      }[];
    }>(report);
    expect(check('HarborVulnerabilityReport', body)).toEqual([]);
    expect(body.artifact).toEqual(scanRequest().artifact);
    expect(body.scanner).toEqual({ name: 'vigia', vendor: 'vigia', version: '0.0.0-test' });

    // Known vulnerable npm packages of the fixture (fixtures README), with the fixed versions of their advisories.
    const find = (cve: string, pkg: string) =>
      body.vulnerabilities.find((v) => v.id === cve && v.package === pkg);
    expect(find('CVE-2021-44906', 'minimist')).toMatchObject({
      version: '1.2.0',
      fix_version: '1.2.6',
      severity: 'Critical',
    });
    expect(find('CVE-2020-8203', 'lodash')).toMatchObject({ version: '4.17.15' });
    expect(find('CVE-2021-23337', 'lodash')).toMatchObject({ version: '4.17.15' });
    expect(find('CVE-2022-24999', 'qs')).toMatchObject({ version: '6.7.0' });
    expect(body.severity).toBe('Critical');
    // The layer: the registry's blob digest of the layer that added /app (the manifest's 3rd layer).
    const minimist = find('CVE-2021-44906', 'minimist');
    expect(minimist?.layer.digest).toBe(manifest.layers[2]?.digest);
    expect(minimist?.preferred_cvss).toEqual({
      score_v3: 9.8,
      vector_v3: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    });

    // Item for item, the unsuppressed vulnerability findings of vigia's own report (raw type).
    const raw = await harbor(`/api/v1/scan/${id}/report`, {
      headers: { Accept: 'application/vnd.scanner.adapter.vuln.report.raw' },
    });
    expect(raw.status).toBe(200);
    const own = await json<ScanReport>(raw);
    expect(validateReport(own)).toEqual([]);
    const expected = own.findings
      .filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability' && !f.suppressed)
      .map((f) => `${f.id} ${f.package.name} ${f.installedVersion} ${f.severity}`)
      .sort();
    expect(
      body.vulnerabilities.map((v) => `${v.id} ${v.package} ${v.version} ${v.severity.toUpperCase()}`).sort(),
    ).toEqual(expected);

    const legacy = await harbor(`/api/v1/scan/${id}/report`, {
      headers: { Accept: 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0' },
    });
    expect(legacy.headers.get('content-type')).toBe(
      'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0',
    );
    expect(check('HarborVulnerabilityReport', await json(legacy))).toEqual([]);

    const sbom = await harbor(
      `/api/v1/scan/${id}/report?sbom_media_type=${encodeURIComponent('application/spdx+json')}`,
      {
        headers: { Accept: 'application/vnd.security.sbom.report+json; version=1.0' },
      },
    );
    expect(sbom.status).toBe(200);
    const sbomBody = await json<{ media_type: string; sbom: unknown }>(sbom);
    expect(check('HarborSbomReport', sbomBody)).toEqual([]);
    expect(sbomBody.media_type).toBe('application/spdx+json');
    expect(validateSpdx(sbomBody.sbom)).toEqual([]);

    const noType = await harbor(`/api/v1/scan/${id}/report`, {
      headers: { Accept: 'application/vnd.security.sbom.report+json; version=1.0' },
    });
    expect(noType.status).toBe(400);
    expect(check('ErrorResponse', await json(noType))).toEqual([]);
  });

  it('answers 302 with Refresh-After while the scan runs', async () => {
    const stall = await startStallServer();
    try {
      const res = await postScan(scanRequest({ url: `http://${stall.host}` }));
      expect(res.status).toBe(202);
      const id = (await json(res)).id as string;
      const pending = await harbor(`/api/v1/scan/${id}/report`, { headers: { Accept: VULN_TYPE } });
      expect(pending.status).toBe(302);
      expect(pending.headers.get('refresh-after')).toBe('5');
      expect(pending.headers.get('location')).toBe(`${srv.url}/api/v1/scan/${id}/report`);
    } finally {
      await stall.release();
    }
  });

  it('reports a failed scan as 500 with the spec error body', async () => {
    const res = await postScan(
      scanRequest({ authorization: `Basic ${Buffer.from('robot$scanner:wrong').toString('base64')}` }),
    );
    const id = (await json(res)).id as string;
    const report = await pollReport(id, VULN_TYPE);
    expect(report.status).toBe(500);
    expect(report.headers.get('content-type')).toBe(
      'application/vnd.scanner.adapter.error+json; version=1.0',
    );
    const body = await json<{ error: { message: string } }>(report);
    expect(check('ErrorResponse', body)).toEqual([]);
    expect(body.error.message).toMatch(/unauthorized/);
  });

  const bad: [string, () => Promise<Response>, number][] = [
    ['invalid JSON', () => postScan('{"registry":'), 400],
    ['a number for the URL', () => postScan({ registry: { url: 5 }, artifact: {} }), 400],
    [
      'no registry URL',
      () => postScan({ registry: {}, artifact: { repository: 'a', digest: manifest.digest } }),
      422,
    ],
    ['a registry URL that is not http(s)', () => postScan(scanRequest({ url: 'ftp://host' })), 422],
    ['a registry URL with a path', () => postScan(scanRequest({ url: `http://${registry.host}/v2` })), 422],
    ['no repository', () => postScan(scanRequest({ repository: '' })), 422],
    ['a bad digest', () => postScan(scanRequest({ digest: 'sha256:1234' })), 422],
    ['a Bearer registry token', () => postScan(scanRequest({ authorization: 'Bearer eyJhbGciOi' })), 422],
    ['garbage credentials', () => postScan(scanRequest({ authorization: 'Basic !!!' })), 422],
    [
      'another artifact type',
      () =>
        postScan({
          ...scanRequest(),
          artifact: { ...scanRequest().artifact, mime_type: 'application/vnd.cncf.helm.config.v1+json' },
        }),
      501,
    ],
    ['a text body', () => postScan('x', 'text/plain'), 415],
  ];
  it.each(bad)('refuses a scan request with %s', async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/vnd.scanner.adapter.error+json; version=1.0');
    expect(check('ErrorResponse', await json(res))).toEqual([]);
  });

  it('answers 404 for an unknown scan and 501 for a report type it does not produce', async () => {
    const unknown = await harbor('/api/v1/scan/3fa85f64-5717-4562-b3fc-2c963f66afa6/report', {
      headers: { Accept: VULN_TYPE },
    });
    expect(unknown.status).toBe(404);
    const other = await harbor('/api/v1/scan/3fa85f64-5717-4562-b3fc-2c963f66afa6/report', {
      headers: { Accept: 'text/csv' },
    });
    expect(other.status).toBe(501);
    expect(check('ErrorResponse', await json(other))).toEqual([]);
  });

  it('requires the adapter credential', async () => {
    const res = await fetch(`${srv.url}/api/v1/metadata`);
    expect(res.status).toBe(401);
  });
});
