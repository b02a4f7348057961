import { describe, expect, it } from 'vitest';
import { VigiaError } from '../core/errors.js';
import { isConfigMediaType, layerCompression } from './media-types.js';

describe('layerCompression', () => {
  it.each([
    ['application/vnd.oci.image.layer.v1.tar', 'none'],
    ['application/vnd.oci.image.layer.v1.tar+gzip', 'gzip'],
    ['application/vnd.oci.image.layer.v1.tar+zstd', 'zstd'],
    ['application/vnd.oci.image.layer.nondistributable.v1.tar+gzip', 'gzip'],
    ['application/vnd.docker.image.rootfs.diff.tar', 'none'],
    ['application/vnd.docker.image.rootfs.diff.tar.gzip', 'gzip'],
    ['application/vnd.docker.image.rootfs.foreign.diff.tar.gzip', 'gzip'],
  ])('%s → %s', (type, compression) => {
    expect(layerCompression(type, 'x')).toBe(compression);
  });
  it('refuses an unknown layer type', () => {
    expect(() => layerCompression('application/vnd.cncf.helm.chart.content.v1.tar+gzip', 'x')).toThrow(
      expect.objectContaining({ name: VigiaError.name, code: 'IMAGE_INVALID' }),
    );
  });
  it('names the layer and the media type', () => {
    expect(() => layerCompression('application/octet-stream', 'img: layer 2')).toThrow(
      'img: layer 2 has media type application/octet-stream, not an image layer',
    );
  });
});

describe('isConfigMediaType', () => {
  it.each([
    ['application/vnd.oci.image.config.v1+json', true],
    ['application/vnd.docker.container.image.v1+json', true],
    ['application/vnd.cncf.helm.config.v1+json', false],
  ])('%s → %s', (type, expected) => {
    expect(isConfigMediaType(type)).toBe(expected);
  });
});
