import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackageFact } from '../../core/package.js';
import { FIXTURES } from '../../test-support/fixtures.js';
import { runAnalyzer, packagesOf } from '../../test-support/analyzers.js';
import { fileHeader } from '../../test-support/image-files.js';
import { dotnetDepsAnalyzer } from './deps-json.js';
import { nugetLockAnalyzer } from './packages-lock.js';

const DOTNET = join(FIXTURES, 'pkgdb', 'dotnet');

const ids = (packages: PackageFact[]) => packages.map((p) => `${p.name}@${p.version}`);

describe('pkgdb/dotnet fixtures (counts and samples from MANIFEST.tsv)', () => {
  it.each([
    [
      dotnetDepsAnalyzer,
      'deps-json-net6-library/TestLibrary.deps.json',
      '/app/TestLibrary.deps.json',
      12,
      [
        'AWSSDK.Core@3.7.10.6',
        'Microsoft.Extensions.DependencyInjection@6.0.0',
        'Microsoft.Extensions.DependencyInjection.Abstractions@6.0.0',
      ],
    ],
    [
      dotnetDepsAnalyzer,
      'deps-json-net6-app/hello2.deps.json',
      '/app/hello2.deps.json',
      7,
      ['JsonDiffPatch@2.0.61', 'Libuv@1.9.1', 'Microsoft.NETCore.App@1.1.2'],
    ],
    [
      nugetLockAnalyzer,
      'packages-lock-multi-target/packages.lock.json',
      '/src/packages.lock.json',
      40,
      ['AWSSDK.Core@3.5.1.30', 'Microsoft.Bcl.AsyncInterfaces@1.1.0', 'Microsoft.CSharp@4.3.0'],
    ],
    [
      nugetLockAnalyzer,
      'packages-lock-net8/packages.lock.json',
      '/src/packages.lock.json',
      51,
      ['Humanizer@2.14.1', 'Humanizer.Core@2.14.1', 'Humanizer.Core.af@2.14.1'],
    ],
  ] as const)('%#: %s → %s (%d)', (analyzer, file, path, count, samples) => {
    const content = readFileSync(join(DOTNET, file));
    expect(analyzer.wants(fileHeader(path, content))).toBe(true);
    const result = runAnalyzer(analyzer, path, content);
    expect(result.warnings).toEqual([]);
    const packages = packagesOf(result);
    expect(packages).toHaveLength(count);
    expect(ids(packages)).toEqual(expect.arrayContaining([...samples]));
    expect(packages.every((p) => p.ecosystem === 'nuget')).toBe(true);
  });

  it('deps.json project entries (the app itself) are not packages', () => {
    const content = readFileSync(join(DOTNET, 'deps-json-net6-library/TestLibrary.deps.json'));
    const names = packagesOf(runAnalyzer(dotnetDepsAnalyzer, '/app/TestLibrary.deps.json', content)).map(
      (p) => p.name,
    );
    expect(names).not.toContain('TestLibrary');
    expect(names).not.toContain('TestCommon');
  });
});

describe('dotnet wants', () => {
  it.each([
    [dotnetDepsAnalyzer, '/app/MyApp.deps.json', true],
    [dotnetDepsAnalyzer, '/app/MyApp.runtimeconfig.json', false],
    [nugetLockAnalyzer, '/src/MyApp/packages.lock.json', true],
    [nugetLockAnalyzer, '/src/MyApp/packages.config', false],
  ])('%#: %s → %s', (analyzer, path, wanted) => {
    expect(analyzer.wants(fileHeader(path, ''))).toBe(wanted);
  });
});

describe('dotnet vectors', () => {
  it('deps.json: a self-contained runtime pack is reported under its NuGet id; bad keys warned', () => {
    const deps = {
      libraries: {
        'app/1.0.0': { type: 'project' },
        'runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/6.0.16': {
          type: 'runtimepack',
          serviceable: false,
        },
        'Newtonsoft.Json/13.0.1': { type: 'package', serviceable: true, sha512: 'sha512-x' },
        'System.Private.CoreLib/6.0.0.0': { type: 'reference' },
        NoVersion: { type: 'package' },
      },
    };
    const result = runAnalyzer(dotnetDepsAnalyzer, '/app/app.deps.json', JSON.stringify(deps));
    expect(packagesOf(result)).toEqual([
      { ecosystem: 'nuget', name: 'Microsoft.NETCore.App.Runtime.linux-x64', version: '6.0.16' },
      { ecosystem: 'nuget', name: 'Newtonsoft.Json', version: '13.0.1' },
    ]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'package-skipped', path: '/app/app.deps.json' });
  });

  it('packages.lock.json: case-insensitive merge across frameworks, Project skipped, CentralTransitive kept', () => {
    const lock = {
      version: 2,
      dependencies: {
        'net8.0': {
          Serilog: { type: 'Direct', requested: '[3.1.1, )', resolved: '3.1.1' },
          'Shared.Lib': { type: 'Project' },
          'System.Text.Json': { type: 'CentralTransitive', requested: '[8.0.4, )', resolved: '8.0.4' },
        },
        'net8.0/linux-x64': {
          serilog: { type: 'Direct', resolved: '3.1.1' },
          Broken: { type: 'Transitive' },
        },
      },
    };
    const result = runAnalyzer(nugetLockAnalyzer, '/src/packages.lock.json', JSON.stringify(lock));
    expect(packagesOf(result)).toEqual([
      { ecosystem: 'nuget', name: 'Serilog', version: '3.1.1' },
      { ecosystem: 'nuget', name: 'System.Text.Json', version: '8.0.4' },
    ]);
    expect(result.warnings.map((w) => w.code)).toEqual(['package-skipped']);
  });

  it.each([
    [dotnetDepsAnalyzer, '/app/a.deps.json', '{"runtimeTarget": {', /invalid JSON/],
    [dotnetDepsAnalyzer, '/app/a.deps.json', '{"targets": {}}', /no "libraries" object/],
    [nugetLockAnalyzer, '/src/packages.lock.json', '[]', /not a NuGet packages.lock.json/],
    [nugetLockAnalyzer, '/src/packages.lock.json', '\ufeff{"version": 1, "dependencies": []}', /not a NuGet/],
  ])('%#: bad file → parse-failed warning naming the path', (analyzer, path, text, message) => {
    const result = runAnalyzer(analyzer, path, text);
    expect(packagesOf(result)).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'parse-failed', path });
    expect(result.warnings[0]?.message).toMatch(message);
  });

  it('a UTF-8 byte order mark is accepted', () => {
    const text = '\ufeff{"libraries": {"A/1.0.0": {"type": "package"}}}';
    expect(packagesOf(runAnalyzer(dotnetDepsAnalyzer, '/app/a.deps.json', text))).toEqual([
      { ecosystem: 'nuget', name: 'A', version: '1.0.0' },
    ]);
  });
});
