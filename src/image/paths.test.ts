import { describe, expect, it } from 'vitest';
import { VigiaError } from '../core/errors.js';
import { joinInRoot, normaliseEntryName, resolveInRoot } from './paths.js';

describe('normaliseEntryName', () => {
  it.each([
    ['etc/os-release', '/etc/os-release'],
    ['./etc/os-release', '/etc/os-release'],
    ['/etc/passwd', '/etc/passwd'],
    ['//etc//passwd/', '/etc/passwd'],
    ['./', '/'],
    ['a/b/../c', '/a/c'],
    ['a/..', '/'],
    ['../etc/passwd', undefined],
    ['../../etc/passwd', undefined],
    ['a/../../b', undefined],
  ])('%s → %s', (name, expected) => {
    expect(normaliseEntryName(name)).toBe(expected);
  });
});

describe('joinInRoot', () => {
  it.each([
    ['/usr/bin', 'python3', '/usr/bin/python3'],
    ['/usr/bin', '../lib/x', '/usr/lib/x'],
    ['/usr/bin', '../../../../etc/passwd', '/etc/passwd'],
    ['/usr/bin', '/etc/alternatives/x', '/etc/alternatives/x'],
    ['/', '..', '/'],
  ])('%s + %s → %s', (base, path, expected) => {
    expect(joinInRoot(base, path)).toBe(expected);
  });
});

describe('resolveInRoot', () => {
  const links: Record<string, string> = {
    '/bin': 'usr/bin',
    '/usr/bin/python3': 'python3.11',
    '/usr/bin/py': '/bin/python3',
    '/etc/escape': '../../../../../etc/shadow',
    '/etc/os-release': '../usr/lib/os-release',
    '/loop/a': 'b',
    '/loop/b': 'a',
    '/self': 'self',
    '/lib64': '/usr/lib64',
    '/usr/lib64': '../lib64',
  };
  const readlink = (p: string) => links[p];

  it.each([
    ['/bin/python3', '/usr/bin/python3.11'],
    ['/usr/bin/py', '/usr/bin/python3.11'],
    ['/etc/escape', '/etc/shadow'],
    ['/etc/os-release', '/usr/lib/os-release'],
    ['/bin/../etc/passwd', '/usr/etc/passwd'],
    ['/plain/file', '/plain/file'],
    ['/', '/'],
  ])('%s → %s', (path, expected) => {
    expect(resolveInRoot(path, readlink)).toBe(expected);
  });

  it.each(['/loop/a', '/self', '/lib64/libc.so'])('%s is a loop: UNSAFE_PATH', (path) => {
    let err: unknown;
    try {
      resolveInRoot(path, readlink);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VigiaError);
    expect((err as VigiaError).code).toBe('UNSAFE_PATH');
    expect((err as VigiaError).message).toContain('symlink loop');
  });
});
