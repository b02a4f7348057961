import { describe, expect, it } from 'vitest';
import { sampleReport } from '../__golden__/sample-report.js';
import { validateCycloneDx } from '../__golden__/validators.js';
import type { ScanReport } from '../types.js';
import { cdxLicenses } from './licenses.js';
import { renderCycloneDx } from './render.js';

type Bom = {
  serialNumber: string;
  metadata: {
    timestamp: string;
    component: { type: string; 'bom-ref': string; purl?: string };
    properties: { name: string; value: string }[];
  };
  components: {
    type: string;
    'bom-ref': string;
    group?: string;
    name: string;
    licenses?: unknown[];
    properties?: { name: string; value: string }[];
  }[];
  dependencies: { ref: string; dependsOn: string[] }[];
  vulnerabilities?: {
    id: string;
    'bom-ref': string;
    affects: { ref: string; versions: unknown[] }[];
    ratings: { method?: string; score?: number; severity: string }[];
    analysis?: { state: string; response?: string[] };
  }[];
  annotations?: { text: string }[];
};

const render = (r: ScanReport) => JSON.parse(renderCycloneDx(r, { color: false })) as Bom;

describe('CycloneDX renderer', () => {
  const report = sampleReport();
  const bom = render(report);

  it('validates against the official CycloneDX 1.6 schema', () => {
    expect(validateCycloneDx(bom)).toEqual([]);
  });

  it('the validator rejects a broken BOM (it can fail)', () => {
    const broken = render(report) as unknown as { components: { type: string }[] };
    broken.components[0]!.type = 'package';
    expect(validateCycloneDx(broken).length).toBeGreaterThan(0);
  });

  it('describes the image as a container with its digest, and the OS and packages as components', () => {
    expect(bom.metadata.component).toMatchObject({
      type: 'container',
      'bom-ref': `image:sha256:${'a'.repeat(64)}`,
      purl: `pkg:oci/app@sha256:${'a'.repeat(64)}?arch=amd64&repository_url=registry.example%2Fteam%2Fapp&tag=1.2`,
    });
    expect(bom.metadata.timestamp).toBe('2026-01-01T00:00:00.000Z');
    expect(bom.components.map((c) => c['bom-ref'])).toEqual([
      'os:alpine@3.10.4',
      '1111111111111111',
      '3333333333333333',
      '2222222222222222',
    ]);
    const jackson = bom.components.find((c) => c['bom-ref'] === '3333333333333333')!;
    expect(jackson).toMatchObject({ group: 'com.fasterxml.jackson.core', name: 'jackson-databind' });
    expect(jackson.properties).toContainEqual({
      name: 'vigia:package:ownedBy',
      value: 'apk:libssl1.1@1.1.1d-r2',
    });
    expect(jackson.properties).toContainEqual({ name: 'vigia:layer:index', value: '1' });
  });

  it.each([
    [['MIT'], [{ license: { id: 'MIT' } }]],
    [['MIT OR Apache-2.0'], [{ expression: 'MIT OR Apache-2.0' }]],
    [['GPL-2.0+'], [{ expression: 'GPL-2.0+' }]],
    [['GPLv2+'], [{ license: { name: 'GPLv2+' } }]],
    [
      ['MIT', 'BSD'],
      [{ license: { id: 'MIT' } }, { license: { name: 'BSD' } }],
    ],
    [
      ['MIT OR Apache-2.0', 'ISC'],
      [{ license: { name: 'MIT OR Apache-2.0' } }, { license: { id: 'ISC' } }],
    ],
    [[], undefined],
  ])('licences %j → %j', (input, expected) => {
    expect(cdxLicenses(input)).toEqual(expected);
  });

  it('has one vulnerability per finding, affecting the package bom-ref, with CVSS ratings', () => {
    const v = bom.vulnerabilities!;
    expect(v.map((x) => x.id)).toEqual([
      'CVE-2020-1967',
      'CVE-2020-8203',
      'CVE-2021-23337',
      'GHSA-abcd-efgh-ijkl',
    ]);
    const ssl = v[0]!;
    expect(ssl.affects).toEqual([
      {
        ref: '1111111111111111',
        versions: [
          { version: '1.1.1d-r2', status: 'affected' },
          { version: '1.1.1g-r0', status: 'unaffected' },
        ],
      },
    ]);
    expect(ssl.ratings.map((r) => [r.method, r.score, r.severity])).toEqual([
      ['other', undefined, 'high'],
      ['CVSSv31', 7.5, 'high'],
      ['CVSSv2', 4.3, 'medium'],
    ]);
  });

  it('maps suppressions VEX-style: VEX → not_affected, ignore file → exploitable + will_not_fix', () => {
    const v = bom.vulnerabilities!;
    expect(v.find((x) => x.id === 'CVE-2020-8203')!.analysis).toMatchObject({ state: 'not_affected' });
    expect(v.find((x) => x.id === 'CVE-2021-23337')!.analysis).toMatchObject({
      state: 'exploitable',
      response: ['will_not_fix'],
    });
    expect(v[0]!.analysis).toBeUndefined();
  });

  it('annotates the image with secrets, misconfigurations and warnings; verdict, score and grade are properties', () => {
    const texts = bom.annotations!.map((a) => a.text);
    expect(texts.filter((t) => t.startsWith('secret '))).toHaveLength(2);
    expect(texts.filter((t) => t.startsWith('misconfiguration '))).toHaveLength(2);
    expect(texts.filter((t) => t.startsWith('warning '))).toHaveLength(2);
    expect(bom.metadata.properties).toEqual(
      expect.arrayContaining([
        { name: 'vigia:verdict', value: 'fail' },
        { name: 'vigia:score', value: '42' },
        { name: 'vigia:grade', value: 'E' },
      ]),
    );
  });

  it('leaves vulnerabilities and the verdict out of an inventory (sbom) BOM', () => {
    const inventory = {
      ...sampleReport(),
      findings: [],
      options: { ...sampleReport().options, scanners: [] },
    };
    const doc = render(inventory);
    expect(validateCycloneDx(doc)).toEqual([]);
    expect(doc.vulnerabilities).toBeUndefined();
    expect(doc.metadata.properties.map((p) => p.name)).not.toContain('vigia:verdict');
  });

  it('derives the serial number deterministically from the image digest and the timestamp', () => {
    expect(bom.serialNumber).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(render(sampleReport()).serialNumber).toBe(bom.serialNumber);
    expect(render({ ...sampleReport(), createdAt: '2026-01-02T00:00:00.000Z' }).serialNumber).not.toBe(
      bom.serialNumber,
    );
    const shuffled = {
      ...report,
      packages: [...report.packages].reverse(),
      findings: [...report.findings].reverse(),
    };
    expect(renderCycloneDx(shuffled, { color: false })).toBe(renderCycloneDx(report, { color: false }));
  });
});
