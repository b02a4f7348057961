import { describe, expect, it } from 'vitest';
import { parseChallenges } from './challenge.js';

describe('parseChallenges', () => {
  it.each([
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:library/alpine:pull',
          },
        },
      ],
    ],
    ['Basic realm="Registry Realm"', [{ scheme: 'basic', params: { realm: 'Registry Realm' } }]],
    ['basic realm=fixture-registry', [{ scheme: 'basic', params: { realm: 'fixture-registry' } }]],
    [
      'Bearer realm="a,b", scope="repository:x:pull,push", error="insufficient_scope"',
      [
        {
          scheme: 'bearer',
          params: { realm: 'a,b', scope: 'repository:x:pull,push', error: 'insufficient_scope' },
        },
      ],
    ],
    ['Bearer realm="say \\"hi\\"\\\\"', [{ scheme: 'bearer', params: { realm: 'say "hi"\\' } }]],
    [
      'Basic realm="b", Bearer realm="t",service="s"',
      [
        { scheme: 'basic', params: { realm: 'b' } },
        { scheme: 'bearer', params: { realm: 't', service: 's' } },
      ],
    ],
    ['Negotiate', [{ scheme: 'negotiate', params: {} }]],
    ['', []],
  ])('%s', (header, expected) => {
    expect(parseChallenges(header)).toEqual(expected);
  });

  it('reads several header values', () => {
    expect(parseChallenges(['Basic realm="x"', 'Bearer realm="y"']).map((c) => c.scheme)).toEqual([
      'basic',
      'bearer',
    ]);
    expect(parseChallenges(undefined)).toEqual([]);
  });
});
