import { describe, expect, it } from 'vitest';
import { normalizePypiName, pypiPurlName } from './name.js';

// Expected values produced by Python's `packaging.utils.canonicalize_name` (packaging 24).
describe('normalizePypiName (PEP 503)', () => {
  it.each([
    ['Jinja2', 'jinja2'],
    ['PyYAML', 'pyyaml'],
    ['typing_extensions', 'typing-extensions'],
    ['zope.interface', 'zope-interface'],
    ['Foo__Bar', 'foo-bar'],
    ['a-_.b', 'a-b'],
    ['backports.ssl_match_hostname', 'backports-ssl-match-hostname'],
    ['ruamel.yaml.clib', 'ruamel-yaml-clib'],
    ['---x---', '-x-'],
    ['A.B-C_D', 'a-b-c-d'],
    ['foo..bar', 'foo-bar'],
    ['python-dateutil', 'python-dateutil'],
  ])('%s → %s', (name, normalised) => {
    expect(normalizePypiName(name)).toBe(normalised);
  });
});

describe('pypiPurlName (purl-spec: lower case, _ → -)', () => {
  it.each([
    ['Jinja2', 'jinja2'],
    ['typing_extensions', 'typing-extensions'],
    ['zope.interface', 'zope.interface'],
    ['Flask_SQLAlchemy', 'flask-sqlalchemy'],
  ])('%s → %s', (name, purlName) => {
    expect(pypiPurlName(name)).toBe(purlName);
  });
});
