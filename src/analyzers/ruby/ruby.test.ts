import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../test-support/fixtures.js';
import { runAnalyzer, packagesOf } from '../../test-support/analyzers.js';
import { fileHeader } from '../../test-support/image-files.js';
import { gemfileLockAnalyzer } from './gemfile-lock.js';
import { gemspecAnalyzer } from './gemspec.js';

const RUBY = join(FIXTURES, 'pkgdb', 'ruby');
const SPECS = '/usr/local/bundle/specifications';

describe('gemspec on pkgdb/ruby/specifications (MANIFEST: 1 each)', () => {
  it.each([
    ['bundler-2.1.4.gemspec', 'bundler', '2.1.4'],
    ['formatador-1.1.0.gemspec', 'formatador', '1.1.0'],
    ['rake-13.0.3.gemspec', 'rake', '13.0.3'],
  ])('%s → %s %s (MIT)', (file, name, version) => {
    const path = `${SPECS}/${file}`;
    const content = readFileSync(join(RUBY, 'specifications', file));
    expect(gemspecAnalyzer.wants(fileHeader(path, content))).toBe(true);
    const result = runAnalyzer(gemspecAnalyzer, path, content);
    expect(result.warnings).toEqual([]);
    expect(packagesOf(result)).toEqual([{ ecosystem: 'gem', name, version, licenses: ['MIT'] }]);
  });
});

describe('gemspec wants', () => {
  it.each([
    ['/usr/local/lib/ruby/gems/3.1.0/specifications/rake-13.0.3.gemspec', 'file', true],
    ['/usr/local/lib/ruby/gems/3.1.0/specifications/default/openssl-3.0.1.gemspec', 'file', true],
    ['/usr/share/rubygems-integration/all/specifications/rake-13.0.6.gemspec', 'file', true],
    ['/app/myapp.gemspec', 'file', false],
    ['/usr/local/bundle/gems/rake-13.0.3/rake.gemspec', 'file', false],
    ['/usr/local/bundle/specifications/rake-13.0.3.gemspec', 'symlink', false],
  ] as const)('%s (%s) → %s', (path, type, wanted) => {
    expect(gemspecAnalyzer.wants(fileHeader(path, '', type))).toBe(wanted);
  });
});

describe('gemspec vectors', () => {
  const P = `${SPECS}/x.gemspec`;
  it.each([
    [
      'Gem::Version.new, single quotes, license =',
      "Gem::Specification.new do |spec|\n  spec.name = 'nokogiri'\n  spec.version = Gem::Version.new('1.13.6')\n  spec.license = 'MIT'\n  spec.platform = 'x86_64-linux'\nend\n",
      { ecosystem: 'gem', name: 'nokogiri', version: '1.13.6', licenses: ['MIT'], arch: 'x86_64-linux' },
    ],
    [
      'several licences, .freeze, interpolated homepage not mistaken for the name',
      '  s.homepage = "https://x/#{s.name}".freeze\n  s.name = "a-b".freeze\n  s.version = "2.0.0.pre.1"\n  s.licenses = ["MIT".freeze, "Ruby".freeze]\n  s.platform = "ruby".freeze\n',
      { ecosystem: 'gem', name: 'a-b', version: '2.0.0.pre.1', licenses: ['MIT', 'Ruby'] },
    ],
    [
      '%w licences',
      "s.name = 'c'\ns.version = '1'\ns.licenses = %w[BSD-2-Clause GPL-2.0]\n",
      { ecosystem: 'gem', name: 'c', version: '1', licenses: ['BSD-2-Clause', 'GPL-2.0'] },
    ],
    [
      'stub line only',
      '# -*- encoding: utf-8 -*-\n# stub: racc 1.6.2 x86_64-linux lib\n',
      { ecosystem: 'gem', name: 'racc', version: '1.6.2', arch: 'x86_64-linux' },
    ],
  ])('%s', (_what, text, expected) => {
    const result = runAnalyzer(gemspecAnalyzer, P, text);
    expect(result.warnings).toEqual([]);
    expect(packagesOf(result)).toEqual([expected]);
  });

  it.each([
    ['an empty file', ''],
    ['a truncated gemspec', 'Gem::Specification.new do |s|\n  s.na'],
    ['a name without a version', 's.name = "x"\n'],
  ])('%s → parse-failed warning naming the path', (_what, text) => {
    const result = runAnalyzer(gemspecAnalyzer, P, text);
    expect(packagesOf(result)).toEqual([]);
    expect(result.warnings).toEqual([
      { code: 'parse-failed', message: `${P}: no gem name and version found in the gemspec`, path: P },
    ]);
  });
});

describe('gemfile-lock on pkgdb/ruby', () => {
  it('Gemfile.lock-bundler2: 8 gems (MANIFEST 8)', () => {
    const result = runAnalyzer(
      gemfileLockAnalyzer,
      '/app/Gemfile.lock',
      readFileSync(join(RUBY, 'Gemfile.lock-bundler2', 'Gemfile.lock')),
    );
    expect(result.warnings).toEqual([]);
    expect(packagesOf(result).map((p) => `${p.name}@${p.version}`)).toEqual([
      'coderay@1.1.3',
      'concurrent-ruby@1.1.10',
      'dotenv@2.7.6',
      'faker@2.21.0',
      'i18n@1.10.0',
      'json@2.6.2',
      'method_source@1.0.0',
      'pry@0.14.1',
    ]);
  });

  // MANIFEST says 53, but its script counted every 4-space line, including `bad-entry (5.5.5)` of
  // the BAD-SECTION that syft's test (parse_gemfile_lock_test.go) deliberately excludes: 52.
  it('Gemfile.lock-with-git-and-path: the 52 gems of PATH, GIT and GEM that syft expects; BAD-SECTION ignored', () => {
    const file = join(RUBY, 'Gemfile.lock-with-git-and-path', 'Gemfile.lock');
    const result = runAnalyzer(gemfileLockAnalyzer, '/app/Gemfile.lock', readFileSync(file));
    expect(result.warnings).toEqual([]);
    const packages = packagesOf(result);
    expect(packages.every((p) => p.ecosystem === 'gem')).toBe(true);
    expect(packages.map((p) => `${p.name}@${p.version}`).sort()).toEqual(SYFT_GEMFILE_LOCK.split(' ').sort());
  });
});

// anchore/syft syft/pkg/cataloger/ruby/parse_gemfile_lock_test.go, expectedPkgs for this file.
const SYFT_GEMFILE_LOCK = [
  'actionmailer@4.1.1 actionpack@4.1.1 actionview@4.1.1 activemodel@4.1.1 activerecord@4.1.1',
  'activesupport@4.1.1 arel@5.0.1.20140414130214 bootstrap-sass@3.1.1.1 builder@3.2.2 coffee-rails@4.0.1',
  'coffee-script@2.2.0 coffee-script-source@1.7.0 erubis@2.7.0 execjs@2.0.2 google-cloud-errors@1.3.0',
  'hike@1.2.3 i18n@0.6.9 jbuilder@2.0.7 jquery-rails@3.1.0 json@1.8.1 kgio@2.9.2 libv8@3.16.14.3',
  'mail@2.5.4 mime-types@1.25.1 minitest@5.3.4 multi_json@1.10.1 mysql2@0.3.16 polyglot@0.3.4 rack@1.5.2',
  'rack-test@0.6.2 rails@4.1.1 railties@4.1.1 raindrops@0.13.0 rake@10.3.2 rdoc@4.1.1 ref@1.0.5',
  'sass@3.2.19 sass-rails@4.0.3 sdoc@0.4.0 spring@1.1.3 sprockets@2.11.0 sprockets-rails@2.1.3',
  'sqlite3@1.3.9 therubyracer@0.12.1 thor@0.19.1 thread_safe@0.3.3 tilt@1.4.1 treetop@1.4.15',
  'turbolinks@3.0.0 tzinfo@1.2.0 uglifier@2.5.0 unicorn@4.8.3',
].join(' ');

describe('gemfile-lock vectors', () => {
  const P = '/app/Gemfile.lock';
  it('platform suffixes become arch; platform variants of one version merge', () => {
    const text = [
      'GEM',
      '  remote: https://rubygems.org/',
      '  specs:',
      '    nokogiri (1.13.6-x86_64-linux)',
      '      racc (~> 1.4)',
      '    nokogiri (1.13.6-arm64-darwin)',
      '    racc (1.6.0)',
      '    sqlite3 (1.4.4-x86_64-linux)',
      '',
      'CHECKSUMS',
      '  racc (1.6.0) sha256=abc',
      '',
      'BUNDLED WITH',
      '   2.5.0',
    ].join('\r\n');
    const result = runAnalyzer(gemfileLockAnalyzer, P, text);
    expect(result.warnings).toEqual([]);
    expect(packagesOf(result)).toEqual([
      { ecosystem: 'gem', name: 'nokogiri', version: '1.13.6' },
      { ecosystem: 'gem', name: 'racc', version: '1.6.0' },
      { ecosystem: 'gem', name: 'sqlite3', version: '1.4.4', arch: 'x86_64-linux' },
    ]);
  });

  it('a malformed spec line is skipped with a warning naming the line', () => {
    const result = runAnalyzer(gemfileLockAnalyzer, P, 'GEM\n  specs:\n    broken entry\n    ok (1.0)\n');
    expect(packagesOf(result)).toEqual([{ ecosystem: 'gem', name: 'ok', version: '1.0' }]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'package-skipped', path: P });
    expect(result.warnings[0]?.message).toContain('line 3');
  });

  it('a file that is not a lockfile → parse-failed', () => {
    const result = runAnalyzer(gemfileLockAnalyzer, P, '{"not": "a lockfile"}');
    expect(packagesOf(result)).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['parse-failed']);
  });

  it('wants Gemfile.lock and gems.locked only', () => {
    expect(gemfileLockAnalyzer.wants(fileHeader('/app/Gemfile.lock', ''))).toBe(true);
    expect(gemfileLockAnalyzer.wants(fileHeader('/app/gems.locked', ''))).toBe(true);
    expect(gemfileLockAnalyzer.wants(fileHeader('/app/Gemfile', ''))).toBe(false);
  });
});
