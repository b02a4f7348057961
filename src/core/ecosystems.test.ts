import { describe, expect, it } from 'vitest';
import { ECOSYSTEMS } from './ecosystems.js';
import type { OsInfo } from './os.js';

describe('OSV namespaces of OS releases', () => {
  it.each<[keyof typeof ECOSYSTEMS, OsInfo, string | undefined]>([
    ['apk', { family: 'alpine', version: '3.10.4' }, 'Alpine:v3.10'],
    ['deb', { family: 'debian', version: '12.15' }, 'Debian:12'],
    ['deb', { family: 'debian', version: '11.11' }, 'Debian:11'],
    ['deb', { family: 'ubuntu', version: '22.04' }, 'Ubuntu:22.04:LTS'],
    ['deb', { family: 'ubuntu', version: '23.10' }, 'Ubuntu:23.10'],
    ['deb', { family: 'ubuntu', version: '18.04.6' }, 'Ubuntu:18.04:LTS'],
    ['rpm', { family: 'almalinux', version: '8.9' }, 'AlmaLinux:8'],
    ['rpm', { family: 'centos', version: '7.5.1804' }, undefined],
    ['apk', { family: 'debian', version: '12' }, undefined],
  ])('%s on %o → %s', (eco, os, expected) => {
    expect(ECOSYSTEMS[eco].osv(os)).toBe(expected);
  });

  it('names language ecosystems as OSV does, whatever the OS', () => {
    expect(ECOSYSTEMS.pypi.osv()).toBe('PyPI');
    expect(ECOSYSTEMS.cargo.osv()).toBe('crates.io');
    expect(ECOSYSTEMS.composer.osv()).toBe('Packagist');
  });
});
