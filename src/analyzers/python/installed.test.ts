import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../test-support/fixtures.js';
import { runAnalyzer } from '../../test-support/analyzers.js';
import { fileHeader } from '../../test-support/image-files.js';
import { pythonInstalledAnalyzer } from './installed.js';
import { normalizePypiName } from './name.js';

const SITE = join(FIXTURES, 'pkgdb', 'python', 'site-packages');
const IMAGE_SITE = '/usr/local/lib/python3.10/site-packages';

const run = (path: string, content: Buffer | string) => runAnalyzer(pythonInstalledAnalyzer, path, content);

describe('python-installed on pkgdb/python/site-packages (MANIFEST: 10 packages, 1 per folder)', () => {
  it.each([
    ['Flask-2.0.0.dist-info/METADATA', 'Flask', '2.0.0', ['BSD-3-Clause']],
    ['Pygments-2.6.1.dist-info/METADATA', 'Pygments', '2.6.1', ['BSD License']],
    ['asyncssh-2.14.2.dist-info/METADATA', 'asyncssh', '2.14.2', ['Eclipse Public License v2.0']],
    ['click-8.0.0.dist-info/METADATA', 'click', '8.0.0', ['BSD-3-Clause']],
    ['networkx-3.0.dist-info/METADATA', 'networkx', '3.0', undefined],
    ['typing_extensions-4.4.0.dist-info/METADATA', 'typing_extensions', '4.4.0', undefined],
    ['zipp-3.12.1.dist-info/METADATA', 'zipp', '3.12.1', ['MIT License']],
    ['Unidecode-0.4.1.egg-info/PKG-INFO', 'Unidecode', '0.4.1', undefined],
    ['requests-2.22.0-py3.8.egg-info/PKG-INFO', 'requests', '2.22.0', ['Apache 2.0']],
    ['setuptools-51.3.3-py3.8.egg-info/PKG-INFO', 'setuptools', '51.3.3', undefined],
  ])('%s → %s %s', (file, name, version, licenses) => {
    const path = `${IMAGE_SITE}/${file}`;
    const content = readFileSync(join(SITE, file));
    expect(pythonInstalledAnalyzer.wants(fileHeader(path, content))).toBe(true);
    const result = run(path, content);
    expect(result.warnings).toEqual([]);
    const expected = { ecosystem: 'pypi', name, version, ...(licenses ? { licenses } : {}) };
    expect(result.facts).toEqual([
      { kind: 'packages', analyzer: 'python-installed', path, packages: [expected] },
    ]);
  });

  it('the supporting files (RECORD, top_level.txt, direct_url.json) are not wanted', () => {
    for (const file of [
      'Pygments-2.6.1.dist-info/RECORD',
      'Pygments-2.6.1.dist-info/top_level.txt',
      'Pygments-2.6.1.dist-info/direct_url.json',
      'requests-2.22.0-py3.8.egg-info/RECORD',
    ]) {
      expect(pythonInstalledAnalyzer.wants(fileHeader(`${IMAGE_SITE}/${file}`, ''))).toBe(false);
    }
  });
});

describe('python-installed wants', () => {
  it.each([
    ['/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA', 'file', true],
    ['/usr/lib/python3/dist-packages/certifi-2022.9.24.egg-info/PKG-INFO', 'file', true],
    ['/usr/lib/python3/dist-packages/foo-1.0.egg-info', 'file', true],
    ['/usr/lib/python3/dist-packages/foo-1.0.egg-info', 'dir', false],
    ['/opt/app/foo-1.0-py3.8.egg/EGG-INFO/PKG-INFO', 'file', true],
    ['/usr/lib/python3/dist-packages/foo-1.0.dist-info/PKG-INFO', 'file', false],
    ['/usr/lib/python3/dist-packages/foo-1.0.egg-info/METADATA', 'file', false],
    ['/src/METADATA', 'file', false],
    ['/src/PKG-INFO', 'file', false],
    ['/x.dist-info/METADATA', 'symlink', false],
  ] as const)('%s (%s) → %s', (path, type, wanted) => {
    expect(pythonInstalledAnalyzer.wants(fileHeader(path, '', type))).toBe(wanted);
  });
});

describe('python-installed vectors', () => {
  it('a distutils .egg-info file (not a folder) is one package', () => {
    const path = '/usr/lib/python3.11/lib-dynload/Foo_Bar-1.0.egg-info';
    const text = 'Metadata-Version: 1.0\nName: Foo_Bar\nVersion: 1.0\nLicense: PSF\n';
    const result = run(path, text);
    expect(result.facts).toEqual([
      {
        kind: 'packages',
        analyzer: 'python-installed',
        path,
        packages: [{ ecosystem: 'pypi', name: 'Foo_Bar', version: '1.0', licenses: ['PSF'] }],
      },
    ]);
    expect(normalizePypiName('Foo_Bar')).toBe('foo-bar');
  });

  it('headers after the description body are ignored', () => {
    const text = 'Name: a\nVersion: 1\n\nName: b\nVersion: 2\n';
    const result = run('/x/a-1.dist-info/METADATA', text);
    expect(result.facts[0]).toMatchObject({ packages: [{ name: 'a', version: '1' }] });
  });

  it.each([
    ['no Version', 'Metadata-Version: 2.1\nName: x\n', /no Version header/],
    ['no Name nor Version', 'garbage', /no Name and Version header/],
    ['an empty file', '', /no Name and Version header/],
    ['a truncated file', 'Metadata-Version: 2.1\nNa', /no Name and Version header/],
  ])('%s → parse-failed warning naming the path, empty fact', (_what, text, message) => {
    const path = '/x/y-1.dist-info/METADATA';
    const result = run(path, text);
    expect(result.facts).toEqual([{ kind: 'packages', analyzer: 'python-installed', path, packages: [] }]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'parse-failed', path });
    expect(result.warnings[0]?.message).toMatch(message);
  });
});
