import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackageFact } from '../../core/package.js';
import { FIXTURES } from '../../test-support/fixtures.js';
import { runAnalyzer, packagesOf } from '../../test-support/analyzers.js';
import { fileHeader } from '../../test-support/image-files.js';
import { composerInstalledAnalyzer } from './installed.js';
import { composerLockAnalyzer } from './lock.js';

const PHP = join(FIXTURES, 'pkgdb', 'php');

const composer = (name: string, version: string, licenses: string[], dev = false): PackageFact => ({
  ecosystem: 'composer',
  name,
  version,
  licenses,
  ...(dev ? { dev: true } : {}),
});

describe('composer-installed on pkgdb/php (MANIFEST: 2 each)', () => {
  const INSTALLED = '/var/www/html/vendor/composer/installed.json';
  it.each([
    [
      'vendor-composer1 (Composer 1: top-level array)',
      'vendor-composer1',
      [composer('asm89/stack-cors', '1.3.0', ['MIT']), composer('behat/mink', 'v1.8.1', ['MIT'])],
    ],
    [
      'vendor-composer2 ({"packages"}, behat/mink in dev-package-names)',
      'vendor-composer2',
      [composer('asm89/stack-cors', '1.3.0', ['MIT']), composer('behat/mink', 'v1.8.1', ['MIT'], true)],
    ],
    [
      'vendor-composer2-trivy',
      'vendor-composer2-trivy',
      [composer('pear/log', '1.13.3', ['MIT']), composer('pear/pear_exception', 'v1.0.2', ['BSD-2-Clause'])],
    ],
  ])('%s', (_what, dir, expected) => {
    const content = readFileSync(join(PHP, dir, 'vendor', 'composer', 'installed.json'));
    expect(composerInstalledAnalyzer.wants(fileHeader(INSTALLED, content))).toBe(true);
    const result = runAnalyzer(composerInstalledAnalyzer, INSTALLED, content);
    expect(result.warnings).toEqual([]);
    expect(packagesOf(result)).toEqual(expected);
  });
});

describe('composer-lock on pkgdb/php', () => {
  it('composer.lock-trivy: 10 packages, 8 + 2 dev; string licences kept', () => {
    const result = runAnalyzer(
      composerLockAnalyzer,
      '/app/composer.lock',
      readFileSync(join(PHP, 'composer.lock-trivy', 'composer.lock')),
    );
    expect(result.warnings).toEqual([]);
    const packages = packagesOf(result);
    expect(packages).toHaveLength(10);
    expect(packages.filter((p) => p.dev).map((p) => `${p.name}@${p.version}`)).toEqual([
      'pear/log@1.13.3',
      'pear/pear_exception@v1.0.2',
    ]);
    expect(packages).toContainEqual(composer('guzzlehttp/guzzle', '6.5.8', ['MIT']));
    expect(packages).toContainEqual(composer('symfony/polyfill-intl-normalizer', 'v1.27.0', ['MIT']));
    expect(packages).toContainEqual(composer('symfony/polyfill-php72', 'v1.27.0', ['MIT or BSD-2-Clause']));
  });

  it('composer.lock-syft: 4 packages, 2 + 2 dev', () => {
    const result = runAnalyzer(
      composerLockAnalyzer,
      '/app/composer.lock',
      readFileSync(join(PHP, 'composer.lock-syft', 'composer.lock')),
    );
    expect(result.warnings).toEqual([]);
    expect(packagesOf(result).map((p) => `${p.name}@${p.version}${p.dev ? ' dev' : ''}`)).toEqual([
      'adoy/fastcgi-client@1.0.2',
      'alcaeus/mongo-php-adapter@1.1.11',
      'behat/gherkin@v4.6.2 dev',
      'codeception/codeception@4.1.6 dev',
    ]);
  });
});

describe('composer wants', () => {
  it.each([
    [composerInstalledAnalyzer, '/app/vendor/composer/installed.json', true],
    [composerInstalledAnalyzer, '/app/custom-vendor/composer/installed.json', true],
    [composerInstalledAnalyzer, '/app/vendor/composer/installed.php', false],
    [composerInstalledAnalyzer, '/app/installed.json', false],
    [composerLockAnalyzer, '/app/composer.lock', true],
    [composerLockAnalyzer, '/app/composer.json', false],
  ])('%#: %s', (analyzer, path, wanted) => {
    expect(analyzer.wants(fileHeader(path, ''))).toBe(wanted);
  });
});

describe('composer vectors', () => {
  const I = '/app/vendor/composer/installed.json';
  const L = '/app/composer.lock';

  it('an entry without a version is skipped with a warning; the others are kept', () => {
    const json = { packages: [{ name: 'a/b' }, { name: 'c/d', version: '1.0.0', license: 'MIT' }, 'junk'] };
    const result = runAnalyzer(composerInstalledAnalyzer, I, JSON.stringify(json));
    expect(packagesOf(result)).toEqual([composer('c/d', '1.0.0', ['MIT'])]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      `${I}: skipped package a/b: no string "name" and "version"`,
      `${I}: skipped package #3: no string "name" and "version"`,
    ]);
  });

  it('a lock with only packages-dev, null packages, dev-branch versions kept as written', () => {
    const json = { packages: null, 'packages-dev': [{ name: 'x/y', version: 'dev-main' }] };
    const result = runAnalyzer(composerLockAnalyzer, L, JSON.stringify(json));
    expect(result.warnings).toEqual([]);
    expect(packagesOf(result)).toEqual([
      { ecosystem: 'composer', name: 'x/y', version: 'dev-main', dev: true },
    ]);
  });

  it.each([
    [composerInstalledAnalyzer, I, '{"packages": [', /invalid JSON/],
    [composerInstalledAnalyzer, I, '{"installed": []}', /neither an array nor/],
    [composerLockAnalyzer, L, '', /invalid JSON/],
    [composerLockAnalyzer, L, '{"packages": {}}', /"packages" is not an array/],
    [composerLockAnalyzer, L, '{"content-hash": "x"}', /no "packages"/],
    [composerLockAnalyzer, L, '"text"', /not a JSON object/],
  ])('%#: bad file → parse-failed warning naming the path', (analyzer, path, text, message) => {
    const result = runAnalyzer(analyzer, path, text);
    expect(packagesOf(result)).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'parse-failed', path });
    expect(result.warnings[0]?.message).toMatch(message);
  });
});
