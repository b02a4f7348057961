import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';
import { checkConfigMediaType, manifestLayers } from './manifest.js';
import type { Descriptor } from './schemas.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const config = parseConfig(
  Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [digest('1'), digest('2')] },
      history: [
        { created_by: 'ADD a /' },
        { created_by: 'ENV X=1', empty_layer: true },
        { created_by: 'RUN b' },
      ],
    }),
  ),
  'cfg',
);
const gzip: Descriptor = {
  mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
  digest: digest('a'),
  size: 10,
};
const untyped: Descriptor = { digest: digest('b'), size: 20 };

describe('manifestLayers', () => {
  it('pairs layers with diff_ids and history (empty_layer skipped); no media type = plain OCI tar', () => {
    expect(manifestLayers([gzip, untyped], config, 'm')).toEqual([
      {
        index: 0,
        digest: digest('a'),
        verifyDigest: true,
        diffID: digest('1'),
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        compression: 'gzip',
        size: 10,
        history: { createdBy: 'ADD a /', emptyLayer: false },
      },
      {
        index: 1,
        digest: digest('b'),
        verifyDigest: true,
        diffID: digest('2'),
        mediaType: 'application/vnd.oci.image.layer.v1.tar',
        compression: 'none',
        size: 20,
        history: { createdBy: 'RUN b', emptyLayer: false },
      },
    ]);
  });
  it.each([
    [
      'a layer count that is not the diff_id count',
      [gzip],
      'm: the config lists 2 diff_ids but the image has 1 layers',
    ],
    [
      'a layer that is not an image layer',
      [gzip, { ...untyped, mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip' }],
      'm: layer 1 has media type application/vnd.cncf.helm.chart.content.v1.tar+gzip, not an image layer',
    ],
  ])('refuses %s', (_name, layers, message) => {
    expect(() => manifestLayers(layers, config, 'm')).toThrow(message);
  });
});

describe('checkConfigMediaType', () => {
  it.each([
    [undefined, undefined],
    ['application/vnd.oci.image.config.v1+json', undefined],
    ['application/vnd.docker.container.image.v1+json', undefined],
    [
      'application/vnd.cncf.helm.config.v1+json',
      'm: not a container image: config media type application/vnd.cncf.helm.config.v1+json',
    ],
  ])('%s', (mediaType, message) => {
    const run = () => checkConfigMediaType(mediaType, 'm');
    if (message) expect(run).toThrow(message);
    else expect(run).not.toThrow();
  });
});
