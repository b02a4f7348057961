import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../__golden__/sample-report.js';
import { validateSpdx } from '../__golden__/validators.js';
import type { ScanReport } from '../types.js';
import { readLicense, spdxDeclared } from './licenses.js';
import { renderSpdx } from './render.js';
import { uuidV5 } from './uuid.js';

type Doc = {
  SPDXID: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[]; comment: string };
  packages: {
    SPDXID: string;
    name: string;
    primaryPackagePurpose?: string;
    licenseDeclared: string;
    licenseComments?: string;
    externalRefs?: { referenceLocator: string }[];
  }[];
  relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
};
const render = (r: ScanReport) => JSON.parse(renderSpdx(r, { color: false })) as Doc;

describe('SPDX renderer', () => {
  const doc = render(sampleReport());

  it('validates against the official SPDX 2.3 schema', () => {
    expect(validateSpdx(doc)).toEqual([]);
  });

  it('the validator rejects a broken document (it can fail)', () => {
    const broken = render(sampleReport()) as unknown as Record<string, unknown>;
    delete broken.dataLicense;
    expect(validateSpdx(broken).join()).toMatch(/dataLicense/);
  });

  it('describes the image as a CONTAINER that contains the OS and every package', () => {
    expect(doc.creationInfo.created).toBe('2026-01-01T00:00:00Z');
    expect(doc.creationInfo.creators).toEqual(['Tool: vigia-0.1.0']);
    const image = doc.packages[0]!;
    expect(image).toMatchObject({ SPDXID: 'SPDXRef-Image', primaryPackagePurpose: 'CONTAINER' });
    expect(doc.relationships).toContainEqual({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: 'SPDXRef-Image',
    });
    const contained = doc.relationships.filter(
      (r) => r.spdxElementId === 'SPDXRef-Image' && r.relationshipType === 'CONTAINS',
    );
    expect(contained).toHaveLength(4);
    for (const p of doc.packages) expect(p.SPDXID).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/);
    expect(new Set(doc.packages.map((p) => p.SPDXID)).size).toBe(doc.packages.length);
  });

  it('links an owned language package to its OS package', () => {
    const owner = doc.packages.find((p) => p.name === 'libssl1.1')!;
    const owned = doc.packages.find((p) => p.name === 'com.fasterxml.jackson.core:jackson-databind')!;
    expect(doc.relationships).toContainEqual({
      spdxElementId: owner.SPDXID,
      relationshipType: 'CONTAINS',
      relatedSpdxElement: owned.SPDXID,
    });
    expect(owned.externalRefs?.[0]?.referenceLocator).toBe(
      'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.14.0',
    );
  });

  it.each([
    [['MIT'], 'MIT', undefined],
    [['MIT OR Apache-2.0'], 'MIT OR Apache-2.0', undefined],
    [['MIT', 'GPL-2.0-only OR MIT'], 'MIT AND (GPL-2.0-only OR MIT)', undefined],
    [['GPLv2+'], 'NOASSERTION', 'declared licence, not an SPDX expression: GPLv2+'],
    [['LicenseRef-acme'], 'NOASSERTION', 'declared licence, not an SPDX expression: LicenseRef-acme'],
    [undefined, 'NOASSERTION', undefined],
  ])('licences %j → %s', (input, declared, comment) => {
    expect(spdxDeclared(input)).toEqual(comment ? { declared, comment } : { declared });
  });

  it('reads single ids, expressions and names', () => {
    expect(readLicense('Apache-2.0')).toEqual({ kind: 'id', id: 'Apache-2.0' });
    expect(readLicense('GPL-2.0-only WITH Classpath-exception-2.0')).toEqual({
      kind: 'expression',
      expression: 'GPL-2.0-only WITH Classpath-exception-2.0',
    });
    expect(readLicense('The Apache Software License, Version 2.0')).toEqual({
      kind: 'name',
      name: 'The Apache Software License, Version 2.0',
    });
  });

  it('derives the namespace UUID as RFC 4122 v5 (checked against Python uuid.uuid5)', () => {
    const name = 'vigia:spdx:sha256:abc:2026-01-01T00:00:00.000Z';
    const python = execFileSync(
      'python3',
      ['-c', 'import sys, uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, sys.argv[1]))', name],
      { encoding: 'utf8' },
    ).trim();
    expect(uuidV5(name)).toBe(python);
    expect(doc.documentNamespace).toMatch(
      /^https:\/\/spdx\.org\/spdxdocs\/vigia-registry\.example-team-app-1\.2-[0-9a-f-]{36}$/,
    );
  });

  it('is deterministic', () => {
    const r = sampleReport();
    expect(renderSpdx({ ...r, packages: [...r.packages].reverse() }, { color: false })).toBe(
      renderSpdx(r, { color: false }),
    );
  });
});
