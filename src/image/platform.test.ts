import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../core/errors.js';
import {
  checkPlatform,
  formatPlatform,
  hostPlatform,
  normalisePlatform,
  platformMatches,
  selectPlatformEntry,
  type IndexEntry,
} from './platform.js';
import type { Platform } from './types.js';

describe('hostPlatform', () => {
  it.each([
    ['linux', 'x64', 'linux/amd64'],
    ['linux', 'arm64', 'linux/arm64/v8'],
    ['darwin', 'arm64', 'linux/arm64/v8'],
    ['linux', 'arm', 'linux/arm/v7'],
    ['linux', 'ia32', 'linux/386'],
    ['linux', 's390x', 'linux/s390x'],
    ['win32', 'x64', 'windows/amd64'],
  ])('%s/%s → %s', (os, arch, expected) => {
    expect(formatPlatform(hostPlatform(os, arch))).toBe(expected);
  });
});

describe('platformMatches', () => {
  const p = (os: string, architecture: string, variant?: string) =>
    variant ? { os, architecture, variant } : { os, architecture };
  it.each([
    [p('linux', 'amd64'), p('linux', 'amd64'), true],
    [p('linux', 'arm64', 'v8'), p('linux', 'arm64'), true], // arm64 means v8
    [p('linux', 'arm64'), p('linux', 'arm64', 'v8'), true],
    [p('linux', 'arm', 'v6'), p('linux', 'arm', 'v7'), false],
    [p('linux', 'arm', 'v7'), p('linux', 'arm'), true],
    [p('linux', 'amd64'), p('linux', 'arm64', 'v8'), false],
    [p('linux', 'amd64'), p('windows', 'amd64'), false],
    [p('linux', 'amd64'), p('linux', 'x86_64'), true], // normalised
    [p('linux', 'amd64'), p('linux', 'amd64', 'v1'), true],
    [p('linux', 'amd64'), p('linux', 'amd64', 'v3'), false], // no variant wanted is not "any variant"
    [p('linux', 'arm'), p('linux', 'arm', 'v6'), false], // arm means arm/v7
    [p('linux', 'arm', '6'), p('linux', 'arm', 'v6'), true],
  ])('%o wants %o: %s', (wanted, candidate, expected) => {
    expect(platformMatches(wanted, candidate)).toBe(expected);
  });
});

describe('normalisePlatform', () => {
  it.each([
    [
      { os: 'linux', architecture: 'x86_64' },
      { os: 'linux', architecture: 'amd64' },
    ],
    [
      { os: 'linux', architecture: 'aarch64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ],
    [
      { os: 'linux', architecture: 'arm64', variant: '8' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ],
    [
      { os: 'linux', architecture: 'arm' },
      { os: 'linux', architecture: 'arm', variant: 'v7' },
    ],
    [
      { os: 'linux', architecture: 'amd64', variant: 'v1' },
      { os: 'linux', architecture: 'amd64' },
    ],
  ])('%o', (input, expected) => {
    expect(normalisePlatform(input)).toEqual(expected);
  });
});

function codeAndMessage(fn: () => unknown): { code?: string; message?: string } {
  try {
    fn();
  } catch (err) {
    return isVigiaError(err) ? { code: err.code, message: err.message } : { code: 'not-a-VigiaError' };
  }
  return {};
}

describe('selectPlatformEntry', () => {
  const entry = (name: string, platform?: Platform, annotations?: Record<string, string>) => {
    const e: IndexEntry & { name: string } = { name };
    if (platform) e.platform = platform;
    if (annotations) e.annotations = annotations;
    return e;
  };
  const amd64 = entry('amd64', { os: 'linux', architecture: 'amd64' });
  const arm64 = entry('arm64', { os: 'linux', architecture: 'arm64', variant: 'v8' });
  const attestation = entry(
    'attestation',
    { os: 'unknown', architecture: 'unknown' },
    { 'vnd.docker.reference.type': 'attestation-manifest' },
  );
  const linux = (architecture: string, variant?: string): Platform =>
    variant ? { os: 'linux', architecture, variant } : { os: 'linux', architecture };

  it.each([
    ['amd64 wanted', [attestation, amd64, arm64], linux('amd64'), 'amd64'],
    ['arm64 ≡ arm64/v8', [amd64, arm64], linux('arm64'), 'arm64'],
    ['aarch64 ≡ arm64/v8', [amd64, arm64], linux('aarch64'), 'arm64'],
    ['no entry declares a platform: the first image', [entry('a'), entry('b')], linux('s390x'), 'a'],
    ['entries without a platform are passed over', [entry('a'), arm64], linux('arm64', 'v8'), 'arm64'],
  ])('%s', (_name, entries, wanted, expected) => {
    expect(selectPlatformEntry(entries, wanted, 'x').name).toBe(expected);
  });

  it('defaults to the host platform', () => {
    const host = hostPlatform();
    const here = entry('here', host);
    const other = entry('other', {
      os: 'linux',
      architecture: host.architecture === 's390x' ? 'amd64' : 's390x',
    });
    expect(selectPlatformEntry([other, here], undefined, 'x').name).toBe('here');
  });

  it('no match: IMAGE_NOT_FOUND listing what the index offers (attestations left out)', () => {
    expect(
      codeAndMessage(() => selectPlatformEntry([attestation, amd64, arm64], linux('s390x'), 'idx')),
    ).toEqual({
      code: 'IMAGE_NOT_FOUND',
      message: 'idx: no image for platform linux/s390x; available: linux/amd64, linux/arm64/v8',
    });
  });

  it('no match for the host: says so and points at --platform', () => {
    const s390x = entry('s390x', { os: 'linux', architecture: 's390x' });
    const riscv = entry('riscv', { os: 'linux', architecture: 'riscv64' });
    const host = hostPlatform();
    const offered = [s390x, riscv].filter((e) => !platformMatches(host, e.platform as Platform));
    const { code, message } = codeAndMessage(() => selectPlatformEntry(offered, undefined, 'idx'));
    expect(code).toBe('IMAGE_NOT_FOUND');
    expect(message).toContain(`no image for platform ${formatPlatform(host)} (this host); available: `);
    expect(message).toMatch(/; pick one with --platform$/);
  });

  it.each([
    ['empty', []],
    ['attestations only', [attestation]],
  ])('an index with no image (%s) is IMAGE_INVALID', (_name, entries) => {
    expect(codeAndMessage(() => selectPlatformEntry(entries, undefined, 'idx'))).toEqual({
      code: 'IMAGE_INVALID',
      message: 'idx: the image index lists no image',
    });
  });
});

describe('checkPlatform', () => {
  const amd64: Platform = { os: 'linux', architecture: 'amd64' };
  it.each([
    ['nothing asked', undefined, {}],
    ['the same platform', amd64, {}],
    [
      'another platform',
      { os: 'linux', architecture: 'arm64' },
      { code: 'IMAGE_NOT_FOUND', message: 'img: no image for platform linux/arm64; available: linux/amd64' },
    ],
  ])('%s', (_name, wanted, expected) => {
    expect(codeAndMessage(() => checkPlatform(wanted, amd64, 'img'))).toEqual(expected);
  });
});
