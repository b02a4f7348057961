import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/fixtures.js';
import type { LayerFacts } from '../scan/layer-facts.js';
import { LayerCache, layerCacheKey } from './layer-cache.js';

const facts = (diffID: string): LayerFacts => ({
  diffID,
  facts: [
    {
      kind: 'os',
      analyzer: 'os-release',
      path: '/etc/os-release',
      os: { family: 'alpine', version: '3.10.4' },
    },
  ],
  secrets: [],
  whiteouts: ['/tmp/x'],
  opaqueDirs: [],
  paths: ['/etc/os-release'],
  stats: { entries: 1, files: 1, uncompressedBytes: 10, compressedBytes: 5 },
  warnings: [],
});

describe('layer cache', () => {
  const dirs: Array<{ cleanup: () => void }> = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const newDir = () => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };

  it('keys by diffID and analyzer versions, order-independent', () => {
    const a = layerCacheKey('sha256:aa', [
      { id: 'apk', version: 1 },
      { id: 'dpkg', version: 2 },
    ]);
    const b = layerCacheKey('sha256:aa', [
      { id: 'dpkg', version: 2 },
      { id: 'apk', version: 1 },
    ]);
    expect(a).toBe(b);
    expect(layerCacheKey('sha256:aa', [{ id: 'apk', version: 2 }])).not.toBe(
      layerCacheKey('sha256:aa', [{ id: 'apk', version: 1 }]),
    );
    expect(layerCacheKey('sha256:bb', [{ id: 'apk', version: 1 }])).not.toBe(
      layerCacheKey('sha256:aa', [{ id: 'apk', version: 1 }]),
    );
  });

  it('stores and reads back facts across reopen', () => {
    const dir = newDir();
    const cache = LayerCache.open(dir);
    cache.put('k1', facts('sha256:aa'));
    cache.close();
    const again = LayerCache.open(dir);
    expect(again.get('k1')).toEqual(facts('sha256:aa'));
    expect(again.get('missing')).toBeUndefined();
    again.close();
  });

  it('detects a damaged row and treats it as a miss with a warning', () => {
    const dir = newDir();
    const cache = LayerCache.open(dir);
    cache.put('k1', facts('sha256:aa'));
    cache.close();
    const raw = new Database(join(dir, 'layers', 'layers.db'));
    raw.prepare("UPDATE layer_facts SET sha256 = 'bad' WHERE key = 'k1'").run();
    raw.close();
    const reopened = LayerCache.open(dir);
    expect(reopened.get('k1')).toBeUndefined();
    expect(reopened.warnings.map((w) => w.code)).toContain('cache-row-damaged');
    reopened.close();
  });

  it('moves a corrupt cache file aside, warns, and starts afresh', () => {
    const dir = newDir();
    LayerCache.open(dir).close();
    writeFileSync(
      join(dir, 'layers', 'layers.db'),
      'this is not a sqlite database at all, just text'.repeat(100),
    );
    const cache = LayerCache.open(dir);
    expect(cache.warnings.map((w) => w.code)).toEqual(['cache-corrupt']);
    cache.put('k', facts('sha256:cc'));
    expect(cache.get('k')?.diffID).toBe('sha256:cc');
    cache.close();
  });
});
