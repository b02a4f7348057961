import { beforeAll, describe, expect, it } from 'vitest';
import type { PackageFact } from '../../core/package.js';
import { fixtureImage } from '../../test-support/fixtures.js';
import { fileHeader, readImageFiles } from '../../test-support/image-files.js';
import { pythonInstalledAnalyzer } from './installed.js';
import { normalizePypiName } from './name.js';

/**
 * The real node-app image (images/README.md): "Python (dpkg-owned egg/dist-info): 10, e.g.
 * requests 2.28.1, urllib3 1.26.12, Jinja2 3.1.2, certifi 2022.9.24".
 */
describe('python-installed on debian-node-app.oci.tar (node-app)', () => {
  const found: { path: string; pkg: PackageFact }[] = [];

  beforeAll(async () => {
    const wanted = (path: string) => pythonInstalledAnalyzer.wants(fileHeader(path, ''));
    const files = await readImageFiles(fixtureImage('debian-node-app.oci.tar'), wanted, 'node-app');
    for (const file of files) {
      const { header } = file;
      if (!pythonInstalledAnalyzer.wants(header)) continue;
      const result = pythonInstalledAnalyzer.analyze({ header, content: file.content });
      expect(result.warnings).toEqual([]);
      for (const fact of result.facts) {
        if (fact.kind === 'packages') for (const pkg of fact.packages) found.push({ path: fact.path, pkg });
      }
    }
  }, 120_000);

  it('finds the 10 distributions, among them the README samples', () => {
    expect(found).toHaveLength(10);
    const ids = found.map(({ pkg }) => `${pkg.name}@${pkg.version}`);
    expect(ids).toEqual(
      expect.arrayContaining(['requests@2.28.1', 'urllib3@1.26.12', 'Jinja2@3.1.2', 'certifi@2022.9.24']),
    );
    expect(found.every(({ pkg }) => pkg.ecosystem === 'pypi')).toBe(true);
  });

  it("each header name/version agrees with its folder's name (compared PEP 503-normalised)", () => {
    for (const { path, pkg } of found) {
      const folder = /\/([^/]+)-([^-/]+)\.(?:dist|egg)-info\/(?:METADATA|PKG-INFO)$/.exec(path);
      expect(folder, path).not.toBeNull();
      expect(normalizePypiName(folder?.[1] ?? ''), path).toBe(normalizePypiName(pkg.name));
      expect(folder?.[2], path).toBe(pkg.version);
    }
  });
});
