import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openImage } from '../image/index.js';
import type { ReportArtifact } from '../report/types.js';
import { artifactOf } from '../scan/report-parts.js';
import { fixtureImage, tempDir } from '../test-support/fixtures.js';
import { detectBase } from './base.js';
import { addBase, loadCatalogue, type BaseCatalogue, type BaseEntry } from './catalogue.js';
import { PolicySchema } from './schema.js';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const layers = (...ids: string[]) => ids.map((id) => ({ diffID: id }));
const entry = (name: string, diffIDs: string[], extra: Partial<BaseEntry> = {}): BaseEntry => ({
  name,
  diffIDs,
  addedAt: '2026-10-01T00:00:00Z',
  ...extra,
});
const noLabels: Pick<ReportArtifact, 'config'> = { config: {} };
const labelled = (labels: Record<string, string>): Pick<ReportArtifact, 'config'> => ({ config: { labels } });
const NAME = 'org.opencontainers.image.base.name';
const DIGEST = 'org.opencontainers.image.base.digest';
const none = PolicySchema.parse({});

describe('detectBase: catalogue', () => {
  const catalogue: BaseCatalogue = {
    bases: [
      entry('registry.corp.example/base/debian:12', [d('1')], { manifestDigest: d('a') }),
      entry('registry.corp.example/base/node:20', [d('1'), d('2')], { manifestDigest: d('b') }),
      entry('registry.corp.example/base/other:1', [d('2')]),
      entry('registry.corp.example/base/big:1', [d('1'), d('2'), d('3'), d('4')]),
    ],
  };

  it('the longest prefix of leading diffIDs wins', () => {
    expect(detectBase(noLabels, layers(d('1'), d('2'), d('3')), catalogue, none)).toEqual({
      method: 'catalogue',
      name: 'registry.corp.example/base/node:20',
      digest: d('b'),
      layers: 2,
      approved: true,
      current: true,
    });
    expect(detectBase(noLabels, layers(d('1'), d('9')), catalogue, none)).toMatchObject({
      name: 'registry.corp.example/base/debian:12',
      layers: 1,
    });
  });

  it('an entry must be a prefix, not a later run, nor longer than the image', () => {
    expect(detectBase(noLabels, layers(d('9'), d('2')), catalogue, none)).toEqual({
      method: 'unknown',
      layers: 0,
      approved: 'unknown',
    });
  });

  it('a base the catalogue holds a newer digest of is not current', () => {
    const c: BaseCatalogue = {
      bases: [
        entry('debian:12', [d('1')], { manifestDigest: d('a'), addedAt: '2026-01-01T00:00:00Z' }),
        entry('docker.io/library/debian:12', [d('5')], {
          manifestDigest: d('e'),
          addedAt: '2026-06-01T00:00:00Z',
        }),
      ],
    };
    expect(detectBase(noLabels, layers(d('1'), d('2')), c, none)).toMatchObject({
      layers: 1,
      current: false,
    });
    expect(detectBase(noLabels, layers(d('5'), d('2')), c, none)).toMatchObject({ layers: 1, current: true });
  });

  it('takes the creation date from the catalogue, else from the last base layer', () => {
    const c: BaseCatalogue = { bases: [entry('debian:12', [d('1')])] };
    const withDates = [
      { diffID: d('1'), created: '2026-10-10T00:00:00Z' },
      { diffID: d('2'), created: '2026-11-11T00:00:00Z' },
    ];
    expect(detectBase(noLabels, withDates, c, none).created).toBe('2026-10-10T00:00:00Z');
    const dated: BaseCatalogue = {
      bases: [entry('debian:12', [d('1')], { created: '2026-09-09T00:00:00Z' })],
    };
    expect(detectBase(noLabels, withDates, dated, none).created).toBe('2026-09-09T00:00:00Z');
  });
});

describe('detectBase: labels come first', () => {
  const catalogue: BaseCatalogue = {
    bases: [entry('debian:bookworm', [d('1')], { manifestDigest: d('a') })],
  };

  it('a labelled digest in the catalogue gives its layer count', () => {
    const art = labelled({ [NAME]: 'debian:bookworm', [DIGEST]: d('a') });
    expect(detectBase(art, layers(d('1'), d('2')), catalogue, none)).toEqual({
      method: 'label',
      name: 'debian:bookworm',
      digest: d('a'),
      layers: 1,
      approved: true,
      current: true,
    });
  });

  it('a labelled name alone finds the catalogue entry by normalised name', () => {
    const art = labelled({ [NAME]: 'docker.io/library/debian:bookworm' });
    expect(detectBase(art, layers(d('1')), catalogue, none)).toMatchObject({ method: 'label', layers: 1 });
  });

  it('labels win over a catalogue match; a label the catalogue lacks covers 0 layers, with a note', () => {
    const art = labelled({ [NAME]: 'ghcr.io/acme/base:1', [DIGEST]: d('f') });
    const got = detectBase(art, layers(d('1'), d('2')), catalogue, none);
    expect(got).toMatchObject({ method: 'label', name: 'ghcr.io/acme/base:1', layers: 0, approved: false });
    expect(got.note).toMatch(/not in the catalogue/);
  });

  it('a labelled digest whose catalogue layers are not the leading layers covers 0 layers', () => {
    const art = labelled({ [DIGEST]: d('a') });
    const got = detectBase(art, layers(d('7'), d('1')), catalogue, none);
    expect(got).toMatchObject({ layers: 0, approved: false });
    expect(got.note).toMatch(/not this image's leading layers/);
  });

  it('approval of a labelled base by name pattern or digest; unknown when nothing is approved', () => {
    const art = labelled({ [NAME]: 'registry.corp.example/base/alpine:3.20', [DIGEST]: d('c') });
    const empty: BaseCatalogue = { bases: [] };
    const byName = PolicySchema.parse({ bases: { approved: ['registry.corp.example/base/*'] } });
    const byDigest = PolicySchema.parse({ bases: { approved: [d('c')] } });
    const other = PolicySchema.parse({ bases: { approved: ['registry.corp.example/golden/*'] } });
    expect(detectBase(art, layers(d('1')), empty, byName).approved).toBe(true);
    expect(detectBase(art, layers(d('1')), empty, byDigest).approved).toBe(true);
    expect(detectBase(art, layers(d('1')), empty, other).approved).toBe(false);
    expect(detectBase(art, layers(d('1')), empty, none).approved).toBe('unknown');
  });

  it('a labelled digest unknown to the catalogue, of a catalogued name, is approved but not current', () => {
    const art = labelled({ [NAME]: 'debian:bookworm', [DIGEST]: d('9') });
    expect(detectBase(art, layers(d('8')), catalogue, none)).toMatchObject({
      layers: 0,
      approved: true,
      current: false,
    });
  });
});

describe('detectBase on the real debian-node-app image, with bookworm recorded by add-base', () => {
  const tmp = tempDir('vigia-base-');
  afterAll(() => tmp.cleanup());
  // Digests read independently with `tar -xOf debian-node-app.oci.tar index.json | jq` and the
  // node-app config blob: the bookworm manifest, and the labels the node-app config carries.
  const BOOKWORM_MANIFEST = 'sha256:7e8cb5fbe198bf323ff208a6953192aef2a9a33f9ebddd3a2cca01cbcb8c325a';
  const BOOKWORM_DIFFID = 'sha256:69f5e407b96e4e29aef430f3770edb64dd21d1487bff5f75726de9128a32bb1f';

  async function opened(ref: string) {
    const image = await openImage(`${fixtureImage('debian-node-app.oci.tar')}:${ref}`);
    try {
      return {
        artifact: artifactOf(image, undefined),
        diffIDs: image.layers.map((l) => ({ diffID: l.diffID })),
        image,
      };
    } finally {
      await image.close();
    }
  }

  it('records bookworm and detects it under node-app by label and by catalogue', async () => {
    const file = join(tmp.path, 'vigia-bases.yaml');
    const bookworm = await opened('bookworm');
    await addBase(file, {
      name: 'debian:bookworm',
      manifestDigest: bookworm.image.manifestDigest,
      diffIDs: bookworm.diffIDs.map((l) => l.diffID),
      addedAt: '2026-11-29T12:00:00Z',
    });
    const catalogue = await loadCatalogue(file, true);
    expect(catalogue.bases).toEqual([
      {
        name: 'debian:bookworm',
        manifestDigest: BOOKWORM_MANIFEST,
        diffIDs: [BOOKWORM_DIFFID],
        addedAt: '2026-11-29T12:00:00Z',
      },
    ]);

    const app = await opened('node-app');
    expect(app.diffIDs).toHaveLength(5);
    expect(app.artifact.config.labels).toEqual({ [DIGEST]: BOOKWORM_MANIFEST, [NAME]: 'debian:bookworm' });
    expect(detectBase(app.artifact, app.diffIDs, catalogue, none)).toEqual({
      method: 'label',
      name: 'debian:bookworm',
      digest: BOOKWORM_MANIFEST,
      layers: 1,
      approved: true,
      current: true,
    });

    const unlabelled = { config: { ...app.artifact.config, labels: {} } };
    expect(detectBase(unlabelled, app.diffIDs, catalogue, none)).toEqual({
      method: 'catalogue',
      name: 'debian:bookworm',
      digest: BOOKWORM_MANIFEST,
      layers: 1,
      approved: true,
      current: true,
    });

    // Without the catalogue the labels still name the base, covering no known layer.
    expect(detectBase(app.artifact, app.diffIDs, { bases: [] }, none)).toMatchObject({
      method: 'label',
      name: 'debian:bookworm',
      layers: 0,
      approved: 'unknown',
    });
  });
});
