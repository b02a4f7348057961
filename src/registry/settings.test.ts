import { describe, expect, it } from 'vitest';
import { parseSourceText } from '../config/load.js';
import { isVigiaError } from '../core/errors.js';
import { pullEndpoints, registryConfigFrom } from './settings.js';

const yaml = (text: string) => registryConfigFrom(parseSourceText('vigia.yaml', text));

describe('registry: config section', () => {
  it('reads mirrors, insecure hosts and allowOrigin', () => {
    const config = yaml(`registry:
  mirrors:
    docker.io: ["mirror.corp.example:5000", "harbor.corp.example/hub-proxy"]
  insecure: [test-registry.corp:5000]
  allowOrigin: false
`);
    expect(config).toEqual({
      mirrors: { 'docker.io': ['mirror.corp.example:5000', 'harbor.corp.example/hub-proxy'] },
      insecure: ['test-registry.corp:5000'],
      allowOrigin: false,
    });
  });

  it.each([
    ['registry:\n  mirrors:\n    docker.io: "mirror:5000"\n', 'vigia.yaml:3: registry.mirrors.docker.io'],
    [
      'registry:\n  insecure:\n    - "http://x:5000"\n',
      'vigia.yaml:3: registry.insecure[0]: expected host[:port]',
    ],
    ['registry:\n  alloworigin: true\n', 'vigia.yaml:2'],
  ])('names the line of a bad value (%#)', (text, message) => {
    let caught: unknown;
    try {
      yaml(text);
    } catch (err) {
      caught = err;
    }
    expect(isVigiaError(caught, 'CONFIG_INVALID')).toBe(true);
    expect((caught as Error).message).toContain(message);
  });

  it('has no settings when the section is absent', () => {
    expect(yaml('db:\n  x: 1\n')).toBeUndefined();
  });
});

describe('pullEndpoints', () => {
  const hub = 'registry-1.docker.io';
  it.each([
    ['no config', undefined, [hub]],
    ['mirrors only', { mirrors: { 'docker.io': ['m1:5000', 'm2/p/q'] } }, ['m1:5000', 'm2/p/q']],
    ['mirrors + origin', { mirrors: { 'docker.io': ['m1'] }, allowOrigin: true }, ['m1', hub]],
    ['other registry', { mirrors: { 'quay.io': ['m1'] } }, [hub]],
  ])('%s', (_name, config, expected) => {
    const got = pullEndpoints('docker.io', config, hub).map((e) =>
      e.prefix ? `${e.host}/${e.prefix}` : e.host,
    );
    expect(got).toEqual(expected);
  });
});
