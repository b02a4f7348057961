import { describe, expect, it } from 'vitest';
import { formatPlatform, hostPlatform, platformMatches } from './platform.js';

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
  ])('%o wants %o: %s', (wanted, candidate, expected) => {
    expect(platformMatches(wanted, candidate)).toBe(expected);
  });
});
