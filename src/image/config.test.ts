import { describe, expect, it } from 'vitest';
import { VigiaError } from '../core/errors.js';
import { alignHistory, checkLayerCount, configPlatform, parseConfig } from './config.js';
import type { HistoryEntry } from './types.js';

const D = `sha256:${'b'.repeat(64)}`;
const bytes = (o: unknown) => Buffer.from(JSON.stringify(o));

describe('parseConfig', () => {
  it('drops nulls and renames history fields', () => {
    const config = parseConfig(
      bytes({
        architecture: 'amd64',
        os: 'linux',
        config: { Env: null, Cmd: ['sh'], Entrypoint: null, Labels: null },
        rootfs: { type: 'layers', diff_ids: [D] },
        history: [
          { created_by: 'ADD x /', empty_layer: false },
          { created_by: 'CMD ["sh"]', empty_layer: true },
        ],
      }),
      'x',
    );
    expect(config.config).toEqual({ Cmd: ['sh'], Entrypoint: null });
    expect(config.history).toEqual([
      { createdBy: 'ADD x /', emptyLayer: false },
      { createdBy: 'CMD ["sh"]', emptyLayer: true },
    ]);
  });
  it('refuses a config without rootfs', () => {
    expect(() => parseConfig(bytes({ architecture: 'amd64', os: 'linux' }), 'x')).toThrow(
      expect.objectContaining({ name: VigiaError.name, code: 'IMAGE_INVALID' }),
    );
  });

  it('keeps the health check fields it knows, in one order', () => {
    const config = parseConfig(
      bytes({
        architecture: 'arm64',
        variant: 'v8',
        os: 'linux',
        config: { Healthcheck: { Interval: 5, Test: ['CMD', 'true'], Retries: 3, Other: 'x' } },
        rootfs: { type: 'layers', diff_ids: [] },
      }),
      'x',
    );
    expect(JSON.stringify(config.config.Healthcheck)).toBe(
      '{"Test":["CMD","true"],"Interval":5,"Retries":3}',
    );
    expect(configPlatform(config)).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
  });

  it.each([
    [
      'malformed JSON, with the parser’s reason',
      Buffer.from('{"os":'),
      /^img config: malformed JSON \(.+\)$/,
    ],
    [
      'a missing field, with where',
      bytes({ architecture: 'amd64', os: 'linux' }),
      /^img config: invalid at rootfs: /,
    ],
    [
      'a diff_id that is not a digest',
      bytes({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: ['sha256:zz'] } }),
      /^img config: invalid at rootfs\.diff_ids\.0: expected a sha256:… or sha512:… digest$/,
    ],
  ])('%s', (_name, raw, message) => {
    expect(() => parseConfig(raw, 'img config')).toThrow(message);
  });
});

describe('alignHistory', () => {
  const h = (createdBy: string, emptyLayer = false): HistoryEntry => ({ createdBy, emptyLayer });
  const history = [h('ADD rootfs /'), h('CMD ["sh"]', true), h('RUN apk add x'), h('ENV A=1', true)];

  it('skips empty_layer entries: the n-th remaining entry belongs to layer n', () => {
    expect(alignHistory(history, 2).map((e) => e?.createdBy)).toEqual(['ADD rootfs /', 'RUN apk add x']);
  });
  it('layers past the end of the history get none', () => {
    expect(alignHistory(history, 3).map((e) => e?.createdBy)).toEqual([
      'ADD rootfs /',
      'RUN apk add x',
      undefined,
    ]);
  });
  it('an empty history aligns nothing', () => {
    expect(alignHistory([], 2)).toEqual([undefined, undefined]);
  });
});

describe('checkLayerCount', () => {
  const config = parseConfig(
    bytes({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [D] } }),
    'x',
  );
  it('passes one diff_id per layer', () => {
    expect(() => checkLayerCount(config, 1, 'img')).not.toThrow();
  });
  it('names both counts otherwise', () => {
    expect(() => checkLayerCount(config, 2, 'img')).toThrow(
      'img: the config lists 1 diff_ids but the image has 2 layers',
    );
  });
});
