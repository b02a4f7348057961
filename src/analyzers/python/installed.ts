import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { PackageFact } from '../../core/package.js';
import { packagesResult, parseFailed } from '../shared/result.js';
import type { EntryHeader } from '../../image/types.js';
import { field, metadataLicenses, parseCoreMetadata } from './metadata.js';

const ID = 'python-installed';

/**
 * True for the metadata file of an installed distribution: `*.dist-info/METADATA` (wheels, pip),
 * `*.egg-info/PKG-INFO` (setuptools), `*.egg/EGG-INFO/PKG-INFO` (eggs) and `*.egg-info` as a
 * file (distutils, e.g. Debian's `/usr/lib/python3.11/lib-dynload/…egg-info`).
 */
export function isPythonMetadataPath(header: EntryHeader): boolean {
  if (header.type !== 'file') return false;
  const path = header.path;
  if (path.endsWith('.egg-info')) return true;
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  if (base !== 'METADATA' && base !== 'PKG-INFO') return false;
  const parent = path.slice(path.lastIndexOf('/', slash - 1) + 1, slash);
  if (base === 'METADATA') return parent.endsWith('.dist-info');
  return parent.endsWith('.egg-info') || parent === 'EGG-INFO';
}

/**
 * Installed Python distributions, one per metadata file, from its `Name` and `Version` headers.
 * `name` keeps the declared spelling (`Jinja2`, `PyYAML`); compare through `normalizePypiName`.
 * Versions are kept as written (PEP 440 is the matcher's business).
 */
export const pythonInstalledAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  maxBytes: 16 * 1024 * 1024,
  wants: isPythonMetadataPath,
  analyze: ({ header, content }: AnalyzerInput): AnalyzerResult => {
    const path = header.path;
    const fields = parseCoreMetadata(content.toString('utf8'));
    const name = field(fields, 'Name');
    const version = field(fields, 'Version');
    if (name === undefined || version === undefined) {
      const missing = [name === undefined ? 'Name' : '', version === undefined ? 'Version' : '']
        .filter(Boolean)
        .join(' and ');
      return parseFailed(ID, path, `not Python core metadata: no ${missing} header`);
    }
    const pkg: PackageFact = { ecosystem: 'pypi', name, version };
    const licenses = metadataLicenses(fields);
    if (licenses.length > 0) pkg.licenses = licenses;
    return packagesResult(ID, path, [pkg]);
  },
};
