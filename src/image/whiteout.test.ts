import { describe, expect, it } from 'vitest';
import { WhiteoutIndex, hides, squash, type WhiteoutMarker } from './whiteout.js';

const wh = (target: string): WhiteoutMarker => ({ type: 'whiteout', target });
const opq = (target: string): WhiteoutMarker => ({ type: 'opaque', target });

describe('hides (OCI image-spec whiteout semantics)', () => {
  it.each([
    // marker, marker layer, path, path layer, hidden
    [wh('/app/.env'), 2, '/app/.env', 1, true],
    [wh('/app/.env'), 2, '/app/.env', 2, false], // same layer: not hidden
    [wh('/app/.env'), 2, '/app/.env', 3, false], // upper layer: not hidden
    [wh('/app'), 2, '/app/index.js', 0, true], // deleting a directory deletes its content
    [wh('/app'), 2, '/application', 0, false], // prefix of a name is not a parent
    [opq('/etc'), 1, '/etc/passwd', 0, true],
    [opq('/etc'), 1, '/etc', 0, false], // the opaque directory itself stays
    [opq('/etc'), 1, '/etc/passwd', 1, false],
    [opq('/'), 1, '/anything', 0, true],
  ] as const)('%o in layer %i vs %s in layer %i → %s', (marker, ml, path, pl, expected) => {
    expect(hides(marker, ml, path, pl)).toBe(expected);
  });
});

describe('WhiteoutIndex', () => {
  it('answers like hides() for markers of upper layers', () => {
    const index = new WhiteoutIndex();
    index.add(wh('/app/.env'));
    index.add(opq('/var/cache'));
    expect(index.hides('/app/.env')).toBe(true);
    expect(index.hides('/app/.env/x')).toBe(true);
    expect(index.hides('/app/index.js')).toBe(false);
    expect(index.hides('/var/cache')).toBe(false);
    expect(index.hides('/var/cache/apt/x')).toBe(true);
    expect(index.size).toBe(2);
  });
});

describe('squash', () => {
  it('keeps the topmost provider and applies whiteouts and opaque dirs to lower layers only', () => {
    const view = squash([
      { paths: ['/etc', '/etc/passwd', '/app/.env', '/var/cache/a', '/bin/sh'], markers: [] },
      { paths: ['/etc/passwd', '/var/cache/b'], markers: [opq('/var/cache')] },
      { paths: [], markers: [wh('/app/.env')] },
    ]);
    expect(Object.fromEntries([...view].sort())).toEqual({
      '/bin/sh': 0,
      '/etc': 0,
      '/etc/passwd': 1,
      '/var/cache/b': 1,
    });
  });
});
