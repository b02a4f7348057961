import { describe, expect, it } from 'vitest';
import type { Fact } from '../core/facts.js';
import type { LayerFacts } from '../scan/layer-facts.js';
import { deletedByLayer, squash } from './squash.js';

const pkgFact = (path: string, name: string, version: string): Fact => ({
  kind: 'packages',
  analyzer: 'npm',
  path,
  packages: [{ ecosystem: 'npm', name, version }],
});

const layer = (index: number, facts: Fact[], extra: Partial<LayerFacts> = {}) => ({
  index,
  facts: {
    diffID: `sha256:${index}`,
    facts,
    secrets: [],
    whiteouts: [],
    opaqueDirs: [],
    paths: facts.map((f) => f.path),
    stats: { entries: 0, files: 0, uncompressedBytes: 0, compressedBytes: 0 },
    warnings: [],
    ...extra,
  },
});

describe('deletedByLayer', () => {
  const by = (whiteouts: string[], opaqueDirs: string[]) => ({ whiteouts, opaqueDirs });
  it.each([
    [by(['/app/.env'], []), '/app/.env', true],
    [by(['/app'], []), '/app/x/y', true],
    [by(['/app'], []), '/application', false],
    [by(['/app/.env'], []), '/app/.envrc', false],
    [by([], ['/app']), '/app/x', true],
    [by([], ['/app']), '/app', false],
    [by([], ['/app']), '/apple', false],
  ])('%o deletes %s: %s', (layer, path, want) => expect(deletedByLayer(layer, path)).toBe(want));
});

describe('squash', () => {
  it('lets a later layer replace the facts of a path, and whiteouts delete them', () => {
    const { live, history } = squash([
      layer(0, [pkgFact('/a/package.json', 'a', '1.0.0'), pkgFact('/b/package.json', 'b', '1.0.0')]),
      layer(1, [pkgFact('/a/package.json', 'a', '2.0.0')], { whiteouts: ['/b'] }),
    ]);
    expect([...live.keys()]).toEqual(['/a/package.json']);
    expect(live.get('/a/package.json')?.layer).toBe(1);
    expect(history.get('/b/package.json')?.map((h) => [h.layer, h.facts === null])).toEqual([
      [0, false],
      [1, true],
    ]);
  });

  it('drops facts when a later layer overwrites the file with one that yields none', () => {
    const { live } = squash([
      layer(0, [pkgFact('/a/package.json', 'a', '1.0.0')]),
      layer(1, [], { paths: ['/a/package.json'] }),
    ]);
    expect(live.size).toBe(0);
  });

  it('hides lower layers under an opaque directory but keeps the same layer’s own files', () => {
    const { live } = squash([
      layer(0, [pkgFact('/app/node_modules/x/package.json', 'x', '1.0.0')]),
      layer(1, [pkgFact('/app/node_modules/y/package.json', 'y', '1.0.0')], { opaqueDirs: ['/app'] }),
    ]);
    expect([...live.keys()]).toEqual(['/app/node_modules/y/package.json']);
  });
});
