import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { OsInfo } from '../../core/os.js';
import type { Warning } from '../../core/warnings.js';
import { familyOfOsReleaseId } from './families.js';
import { parseOsReleaseFile } from './os-release-file.js';
import { OS_FILES, firstLine, parseReleaseLine } from './release-files.js';

const ID = 'os-release';

/**
 * The OS analyzer: one `os` fact per OS identification file found (os-release, alpine-release,
 * debian_version, the `*-release` files of the RPM distributions). Only regular files are read:
 * a symlink such as CentOS's `/etc/redhat-release -> centos-release` has no content of its own.
 * Combine the facts of the final file system with `resolveOs`.
 */
export const osReleaseAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  maxBytes: 64 * 1024,
  wants: (header) => header.type === 'file' && OS_FILES.has(header.path),
  analyze: analyzeOsFile,
};

function analyzeOsFile({ header, content }: AnalyzerInput): AnalyzerResult {
  const spec = OS_FILES.get(header.path);
  if (spec === undefined) return { facts: [], warnings: [] };
  const text = content.toString('utf8');
  const warnings: Warning[] = [];
  let os: OsInfo;
  switch (spec.kind) {
    case 'os-release':
      os = fromOsRelease(text, header.path, warnings);
      break;
    case 'alpine-release':
      os = { family: 'alpine', version: firstLine(text) };
      break;
    case 'debian_version':
      os = { family: 'debian', version: firstLine(text) };
      break;
    case 'release-line':
      os = parseReleaseLine(text, spec.family);
      break;
  }
  return { facts: [{ kind: 'os', analyzer: ID, path: header.path, os }], warnings };
}

/** os-release → OsInfo. An ID vigia does not know gives family `unknown` and an `os-unknown` warning. */
export function fromOsRelease(text: string, path: string, warnings: Warning[]): OsInfo {
  const fields = parseOsReleaseFile(text);
  const id = fields.get('ID') ?? '';
  const family = familyOfOsReleaseId(id);
  const info: OsInfo = { family: family ?? 'unknown', version: fields.get('VERSION_ID') ?? '' };
  const name = fields.get('PRETTY_NAME') ?? fields.get('NAME');
  if (name) info.name = name;
  const codename =
    fields.get('VERSION_CODENAME') || fields.get('UBUNTU_CODENAME') || codenameOf(fields.get('VERSION'));
  if (codename) info.codename = codename;
  if (family === undefined) {
    const like = fields.get('ID_LIKE');
    warnings.push({
      code: 'os-unknown',
      message: `${path}: unknown distribution ID "${id}"${like ? ` (ID_LIKE "${like}")` : ''}; OS packages cannot be matched against a distribution's advisories`,
      path,
    });
  }
  return info;
}

/** `9 (stretch)` → `stretch` (Debian before VERSION_CODENAME); multi-word names are not codenames. */
function codenameOf(version: string | undefined): string | undefined {
  const m = version === undefined ? null : /\(([a-z]+)\)\s*$/.exec(version);
  return m?.[1];
}
