import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../test-support/fixtures.js';
import { identityFromFileName, identityFromManifest, identityFromPomProperties } from './identity.js';
import { parseManifest, parseProperties } from './metadata.js';

const META = join(FIXTURES, 'pkgdb/java/jar-metadata');
const manifestOf = (dir: string) =>
  parseManifest(readFileSync(join(META, dir, 'META-INF/MANIFEST.MF'), 'utf8'));

describe('parseProperties', () => {
  it.each([
    ['key=value', 'key', 'value'],
    ['key = value ', 'key', 'value '],
    ['key:value', 'key', 'value'],
    ['key value', 'key', 'value'],
    ['   indented=yes', 'indented', 'yes'],
    ['long=one \\\n    two', 'long', 'one two'],
    ['esc\\=aped=a\\tb', 'esc=aped', 'a\tb'],
    ['uni=caf\\u00e9', 'uni', 'café'],
    ['empty=', 'empty', ''],
  ])('%j', (text, key, value) => {
    expect(parseProperties(text).get(key)).toBe(value);
  });

  it('skips comments and blank lines; the last duplicate wins', () => {
    const p = parseProperties('# c\n! c2\n\nversion=1\nversion=2\r\n');
    expect([...p]).toEqual([['version', '2']]);
  });

  it('reads the real pom.properties of pkgdb (no trailing newline in api-all)', () => {
    const dir = join(META, 'api-all-2.0.0/META-INF/maven/org.apache.directory.api/api-all');
    const props = parseProperties(readFileSync(join(dir, 'pom.properties'), 'utf8'));
    expect(Object.fromEntries(props)).toEqual({
      version: '2.0.0',
      groupId: 'org.apache.directory.api',
      artifactId: 'api-all',
    });
  });
});

describe('identityFromPomProperties', () => {
  const entry = 'META-INF/maven/org.example/widget/pom.properties';
  it('falls back on the directory names for a missing groupId/artifactId', () => {
    expect(identityFromPomProperties(new Map([['version', '1.0']]), entry)).toEqual({
      groupId: 'org.example',
      artifactId: 'widget',
      version: '1.0',
      source: 'pom.properties',
    });
  });
  it('gives a problem when the version is missing', () => {
    expect(identityFromPomProperties(new Map([['groupId', 'g']]), entry)).toEqual({
      problem: `${entry} has no version`,
    });
  });
});

describe('parseManifest and identityFromManifest on the pkgdb manifests', () => {
  it('joins continuation lines and lowercases header names', () => {
    const m = manifestOf('spring-instrumentation-4.3.0-1.0');
    expect(m.main.get('weave-violation-filter')).toBe(
      'METHOD_MISSING_REQUIRED_ANNOTATIONS,CLASS_MISSING_REQUIRED_ANNOTATIONS',
    );
    expect(m.main.get('implementation-vendor')).toBe('New Relic');
  });

  it('reads CRLF manifests with named sections (opensaml: identity only in the section)', () => {
    const m = manifestOf('opensaml-core-3.4.6');
    expect(m.main.get('main-class')).toBe('org.opensaml.core.Version');
    expect(m.sections).toHaveLength(1);
    expect(m.sections[0]?.get('name')).toBe('org/opensaml/core/');
    expect(identityFromManifest(m)).toEqual({
      artifactId: 'opensaml-core',
      version: '3.4.6',
      source: 'manifest',
    });
  });

  it.each([
    // MANIFEST.tsv: "0 from this file: no name/version headers".
    ['api-all-2.0.0', undefined],
    [
      'jackson-core-2.15.2',
      { groupId: 'com.fasterxml.jackson.core', artifactId: 'jackson-core', version: '2.15.2' },
    ],
    [
      'jenkins-gradle-plugin-2.11',
      { groupId: 'org.jenkins-ci.plugins', artifactId: 'gradle', version: '2.11' },
    ],
    [
      'spring-instrumentation-4.3.0-1.0',
      { artifactId: 'com.newrelic.instrumentation.spring-4.3.0', version: '1.0' },
    ],
  ])('%s', (dir, expected) => {
    const id = identityFromManifest(manifestOf(dir));
    expect(id).toEqual(expected && { ...expected, source: 'manifest' });
  });

  it('splits an OSGi Bundle-SymbolicName when there is no vendor id', () => {
    const m = parseManifest(
      'Bundle-SymbolicName: org.yaml.snakeyaml;singleton:=true\nBundle-Version: 1.33.0\n',
    );
    expect(identityFromManifest(m)).toEqual({
      groupId: 'org.yaml',
      artifactId: 'snakeyaml',
      version: '1.33.0',
      source: 'manifest',
    });
  });

  it('prefers Implementation-Version to Bundle-Version', () => {
    const m = parseManifest(
      'Implementation-Title: t\nBundle-Version: 1.0.0.v2020\nImplementation-Version: 1.0\n',
    );
    expect(identityFromManifest(m)?.version).toBe('1.0');
  });
});

describe('identityFromFileName', () => {
  it.each([
    ['commons-lang3-3.12.0.jar', 'commons-lang3', '3.12.0'],
    ['guava-31.1-jre.jar', 'guava', '31.1-jre'],
    ['spring-core-5.3.20.RELEASE.jar', 'spring-core', '5.3.20.RELEASE'],
    ['app-1.0-SNAPSHOT.war', 'app', '1.0-SNAPSHOT'],
    ['/deep/path/x-2.jar', 'x', '2'],
  ])('%s', (name, artifactId, version) => {
    expect(identityFromFileName(name)).toEqual({ artifactId, version, source: 'filename' });
  });
  it.each(['app.jar', 'launcher-zip64.jar', 'tool-v.jar'])('%s has no version', (name) => {
    expect(identityFromFileName(name)).toBeUndefined();
  });
});
