import { describe, expect, it } from 'vitest';
import type { OsInfo } from '../core/os.js';
import type { PackageFact } from '../core/package.js';
import { purlOf } from './purl.js';

const alpine: OsInfo = { family: 'alpine', version: '3.10.4' };
const debian: OsInfo = { family: 'debian', version: '12.15' };
const centos: OsInfo = { family: 'centos', version: '7.5.1804' };

describe('purlOf', () => {
  it.each<[PackageFact, OsInfo | undefined, string]>([
    [
      { ecosystem: 'apk', name: 'musl', version: '1.1.22-r3', arch: 'x86_64' },
      alpine,
      'pkg:apk/alpine/musl@1.1.22-r3?arch=x86_64&distro=alpine-3.10.4',
    ],
    [
      { ecosystem: 'deb', name: 'libssl3', version: '3.0.20-1~deb12u1', arch: 'amd64' },
      debian,
      'pkg:deb/debian/libssl3@3.0.20-1~deb12u1?arch=amd64&distro=debian-12',
    ],
    [
      { ecosystem: 'deb', name: 'perl-base', version: '1:5.36.0-7', arch: 'amd64' },
      debian,
      'pkg:deb/debian/perl-base@1:5.36.0-7?arch=amd64&distro=debian-12',
    ],
    [
      { ecosystem: 'rpm', name: 'openssl-libs', version: '1:1.0.2k-12.el7', arch: 'x86_64' },
      centos,
      'pkg:rpm/centos/openssl-libs@1.0.2k-12.el7?arch=x86_64&distro=centos-7.5.1804&epoch=1',
    ],
    [{ ecosystem: 'npm', name: 'lodash', version: '4.17.15' }, undefined, 'pkg:npm/lodash@4.17.15'],
    [
      { ecosystem: 'npm', name: '@babel/parser', version: '7.23.6' },
      undefined,
      'pkg:npm/%40babel/parser@7.23.6',
    ],
    [
      { ecosystem: 'maven', name: 'com.fasterxml.jackson.core:jackson-databind', version: '2.14.0' },
      undefined,
      'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.14.0',
    ],
    [{ ecosystem: 'pypi', name: 'Jinja2', version: '3.1.2' }, undefined, 'pkg:pypi/jinja2@3.1.2'],
    [
      { ecosystem: 'pypi', name: 'typing_extensions', version: '4.0' },
      undefined,
      'pkg:pypi/typing-extensions@4.0',
    ],
    [{ ecosystem: 'go', name: 'stdlib', version: '1.19.8' }, undefined, 'pkg:golang/stdlib@1.19.8'],
    [
      { ecosystem: 'go', name: 'github.com/junegunn/fzf', version: 'v0.38.0' },
      undefined,
      'pkg:golang/github.com/junegunn/fzf@v0.38.0',
    ],
    [{ ecosystem: 'cargo', name: 'serde', version: '1.0.1' }, undefined, 'pkg:cargo/serde@1.0.1'],
  ])('%o', (pkg, os, expected) => {
    expect(purlOf(pkg, os)).toBe(expected);
  });
});

describe('purlOf fallbacks', () => {
  it('never throws: a Maven artifact without groupId becomes a generic purl', () => {
    expect(purlOf({ ecosystem: 'maven', name: 'tools', version: '1.0' }, undefined)).toBe(
      'pkg:generic/tools@1.0',
    );
  });
});
