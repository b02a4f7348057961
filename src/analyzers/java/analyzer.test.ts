import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PackageFact } from '../../core/package.js';
import type { EntryHeader } from '../../image/types.js';
import { fixtureImage } from '../../test-support/fixtures.js';
import { readTopFiles } from '../../test-support/image-files.js';
import { javaAnalyzer } from './analyzer.js';
import { inventoryJavaArchive, JavaWarnings } from './archive.js';

const FIXTURE_DIR = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const fixture = (name: string) => readFileSync(join(FIXTURE_DIR, name));

const header = (path: string, type: EntryHeader['type'] = 'file'): EntryHeader => ({
  path,
  type,
  mode: 0o644,
  uid: 0,
  gid: 0,
  size: 1,
});

/** `name@version [location] (note)` for compact comparisons. */
const show = (p: PackageFact) =>
  `${p.name}@${p.version}${p.location ? ` ${p.location}` : ''}${p.note ? ` (${p.note})` : ''}`;

describe('javaAnalyzer.wants', () => {
  it.each([
    ['/usr/share/java/snakeyaml.jar', 'file', true],
    ['/opt/app/APP.WAR', 'file', true],
    ['/srv/x.ear', 'file', true],
    ['/var/jenkins_home/plugins/git.jpi', 'file', true],
    ['/var/jenkins_home/plugins/git.hpi', 'file', true],
    ['/usr/share/java/snakeyaml-1.33.jar', 'symlink', false],
    ['/usr/share/java/x.jar', 'hardlink', false],
    ['/usr/share/java.jar', 'dir', false],
    ['/usr/share/java/x.jarx', 'file', false],
    ['/usr/share/java/x.zip', 'file', false],
  ] as const)('%s (%s) → %s', (path, type, expected) => {
    expect(javaAnalyzer.wants(header(path, type))).toBe(expected);
  });
});

describe('javaAnalyzer on the real jars of debian-node-app', () => {
  // Identities read with `unzip -p … pom.properties` from the same files.
  const expected: Record<string, string> = {
    '/usr/share/java/jackson-annotations.jar': 'com.fasterxml.jackson.core:jackson-annotations@2.14.0',
    '/usr/share/java/jackson-core.jar': 'com.fasterxml.jackson.core:jackson-core@2.14.1',
    '/usr/share/java/jackson-databind.jar': 'com.fasterxml.jackson.core:jackson-databind@2.14.0',
    '/usr/share/java/snakeyaml.jar': 'org.yaml:snakeyaml@1.33',
  };

  it('finds one package per jar from pom.properties', async () => {
    const files = await readTopFiles(
      fixtureImage('debian-node-app.oci.tar'),
      Object.keys(expected),
      'node-app',
    );
    expect(files.size).toBe(4);
    for (const [path, file] of files) {
      expect(javaAnalyzer.wants(file.header)).toBe(true);
      const { facts, warnings } = javaAnalyzer.analyze(file);
      expect(warnings).toEqual([]);
      expect(facts).toHaveLength(1);
      const fact = facts[0];
      if (fact?.kind !== 'packages') throw new Error('expected a packages fact');
      expect(fact.path).toBe(path);
      expect(fact.analyzer).toBe('java');
      expect(fact.packages.map(show)).toEqual([expected[path]]);
      expect(fact.packages[0]?.ecosystem).toBe('maven');
      expect(fact.packages[0]?.vendor).toBe(expected[path]?.split(':')[0]);
    }
  });
});

describe('inventoryJavaArchive on jars built from pkgdb jar-metadata', () => {
  const cases: [string, string[]][] = [
    ['opensaml-core-3.4.6.jar', ['org.opensaml:opensaml-core@3.4.6']],
    // Shaded: two pom.properties, two packages.
    [
      'api-all-2.0.0.jar',
      ['org.apache.directory.api:api-all@2.0.0', 'org.apache.directory.api:api-asn1-api@2.0.0'],
    ],
    // No pom.properties; the embedded pom.xml says com.fasterxml.jackson.core / jackson-core / 2.15.2.
    [
      'jackson-core-2.15.2.jar',
      ['com.fasterxml.jackson.core:jackson-core@2.15.2 (identity from MANIFEST.MF)'],
    ],
    ['jenkins-gradle-plugin-2.11.jar', ['org.jenkins-ci.plugins:gradle@2.11 (identity from MANIFEST.MF)']],
    [
      'spring-instrumentation-4.3.0-1.0.jar',
      ['com.newrelic.instrumentation.spring-4.3.0@1.0 (identity from MANIFEST.MF)'],
    ],
    ['commons-widget-1.4.2.jar', ['commons-widget@1.4.2 (identity guessed from the file name)']],
  ];
  it.each(cases)('%s', (name, packages) => {
    const result = inventoryJavaArchive(`/opt/lib/${name}`, fixture(name));
    expect(result.warnings).toEqual([]);
    expect(result.packages.map(show).sort()).toEqual(packages);
  });

  it('opens the jars nested in a war, with their location', () => {
    const { packages, warnings } = inventoryJavaArchive('/app/webapp.war', fixture('webapp.war'));
    expect(packages.map(show)).toEqual([
      'org.opensaml:opensaml-core@3.4.6 /app/webapp.war!/WEB-INF/lib/opensaml-core-3.4.6.jar',
      'com.fasterxml.jackson.core:jackson-core@2.15.2 /app/webapp.war!/WEB-INF/lib/jackson-core-2.15.2.jar (identity from MANIFEST.MF)',
    ]);
    // The war itself has no identity at all: said, not hidden.
    expect(warnings).toEqual([
      expect.objectContaining({
        code: JavaWarnings.unknown,
        path: '/app/webapp.war',
        message: expect.stringContaining('/app/webapp.war:'),
      }),
    ]);
  });

  it('opens ear → war → jar, two levels deep', () => {
    const { packages } = inventoryJavaArchive('/srv/enterprise.ear', fixture('enterprise.ear'));
    expect(packages.map(show).sort()).toEqual([
      'com.fasterxml.jackson.core:jackson-core@2.15.2 /srv/enterprise.ear!/webapp.war!/WEB-INF/lib/jackson-core-2.15.2.jar (identity from MANIFEST.MF)',
      'org.jenkins-ci.plugins:gradle@2.11 /srv/enterprise.ear!/lib/jenkins-gradle-plugin-2.11.jar (identity from MANIFEST.MF)',
      'org.opensaml:opensaml-core@3.4.6 /srv/enterprise.ear!/webapp.war!/WEB-INF/lib/opensaml-core-3.4.6.jar',
    ]);
  });

  it('stops at the depth cap with a warning', () => {
    const { packages, warnings } = inventoryJavaArchive('/srv/enterprise.ear', fixture('enterprise.ear'), {
      maxDepth: 1,
    });
    expect(packages.map((p) => p.name)).toEqual(['org.jenkins-ci.plugins:gradle']);
    expect(warnings.map((w) => w.code)).toContain(JavaWarnings.depth);
    expect(warnings.find((w) => w.code === JavaWarnings.depth)?.message).toContain(
      '/srv/enterprise.ear!/webapp.war',
    );
  });

  it('reads a fat jar with a prepended launch script, Zip64 and stored nested jars', () => {
    const { packages, warnings } = inventoryJavaArchive(
      '/app/launcher-zip64.jar',
      fixture('launcher-zip64.jar'),
    );
    expect(packages.map(show).sort()).toEqual([
      'com.newrelic.instrumentation.spring-4.3.0@1.0 /app/launcher-zip64.jar!/BOOT-INF/lib/spring-instrumentation-4.3.0-1.0.jar (identity from MANIFEST.MF)',
      'org.apache.directory.api:api-all@2.0.0 /app/launcher-zip64.jar!/BOOT-INF/lib/api-all-2.0.0.jar',
      'org.apache.directory.api:api-asn1-api@2.0.0 /app/launcher-zip64.jar!/BOOT-INF/lib/api-all-2.0.0.jar',
    ]);
    expect(warnings.map((w) => w.code)).toEqual([JavaWarnings.unknown]);
  });

  it('stops a zip bomb at the inflate budget', () => {
    const { packages, warnings } = inventoryJavaArchive('/x/bomb.jar', fixture('bomb.jar'), {
      maxInflatedBytes: 8 * 1024 * 1024,
    });
    expect(packages).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual([JavaWarnings.unknown, JavaWarnings.budget]);
    expect(warnings[1]?.message).toMatch(/^\/x\/bomb\.jar!\/inner\.jar: .*inflate budget/);
  });

  it('within the budget, reports the nested non-zip as invalid', () => {
    const { warnings } = inventoryJavaArchive('/x/bomb.jar', fixture('bomb.jar'));
    expect(warnings.map((w) => w.code)).toEqual([JavaWarnings.unknown, JavaWarnings.invalid]);
    expect(warnings[1]?.message).toContain('/x/bomb.jar!/inner.jar: not a readable zip archive');
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['a text file', Buffer.from('not a jar\n')],
    ['a truncated jar', fixture('opensaml-core-3.4.6.jar').subarray(0, 400)],
  ])('warns on %s, never throws', (_what, content) => {
    const { facts, warnings } = javaAnalyzer.analyze({ header: header('/opt/broken-1.0.jar'), content });
    expect(facts).toEqual([]);
    expect(warnings).toEqual([
      {
        code: JavaWarnings.invalid,
        path: '/opt/broken-1.0.jar',
        message: expect.stringMatching(/^\/opt\/broken-1\.0\.jar: not a readable zip archive: /),
      },
    ]);
  });
});
