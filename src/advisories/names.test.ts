import { describe, expect, it } from 'vitest';
import { baseEcosystem, normalizePackageName } from './names.js';

describe('package name normalisation', () => {
  it.each([
    ['PyPI', 'Jinja2', 'jinja2'],
    ['PyPI', 'jw.util', 'jw-util'],
    ['PyPI', 'JW__Util', 'jw-util'],
    ['PyPI', 'zope.interface', 'zope-interface'],
    ['NuGet', 'Google.Protobuf', 'google.protobuf'],
    ['Packagist', 'Symfony/HTTP-Kernel', 'symfony/http-kernel'],
    ['Packagist:https://packages.drupal.org/8', 'Drupal/Core', 'drupal/core'],
    ['crates.io', 'Remove_Dir_All', 'remove-dir-all'],
    ['npm', 'JSONStream', 'JSONStream'],
    ['Go', 'github.com/BurntSushi/toml', 'github.com/BurntSushi/toml'],
    ['Maven', 'org.apache.logging.log4j:log4j-core', 'org.apache.logging.log4j:log4j-core'],
    ['Debian:12', 'glibc', 'glibc'],
    ['Alpine:v3.10', 'py3-pip', 'py3-pip'],
  ])('%s %s → %s', (eco, name, want) => {
    expect(normalizePackageName(eco, name)).toBe(want);
  });

  it.each([
    ['Debian:12', 'Debian'],
    ['Ubuntu:22.04:LTS', 'Ubuntu'],
    ['npm', 'npm'],
  ])('base of %s is %s', (eco, want) => expect(baseEcosystem(eco)).toBe(want));
});
