import type { Analyzer, AnalyzerInput } from '../types.js';
import type { AnalyzerResult } from '../../core/facts.js';
import type { PackageFact } from '../../core/package.js';
import type { Warning } from '../../core/warnings.js';
import { describeError } from '../../core/errors.js';
import { isObj } from '../shared/json.js';
import { packagesResult, parseFailed, skipped } from '../shared/result.js';
import { basename, npmVersion, parseYamlDocuments, splitDescriptor, str } from './shared.js';
import { parseYarnV1 } from './yarn-v1.js';

const ID = 'yarn-lock';

/** Protocols that point at the project's own folders, not at an installed package. */
const LOCAL_PROTOCOLS = new Set(['workspace', 'link', 'portal']);

/**
 * `yarn.lock`, classic (v1, "# yarn lockfile v1") and berry (YAML with `__metadata`). One
 * package per resolved name@version (duplicates merged). Names come from the resolved
 * descriptor, so aliases (`alias@npm:real@^1`) report the real package. Workspace, `link:` and
 * `portal:` entries are skipped; `patch:` entries are reported with the version they patch and
 * `note: 'patched'`. Yarn records no dev/prod split, so `dev` is never set.
 */
export const yarnLockAnalyzer: Analyzer = {
  id: ID,
  version: 1,
  wants: (header) => header.type === 'file' && basename(header.path) === 'yarn.lock',
  analyze: ({ header, content }: AnalyzerInput): AnalyzerResult => {
    const text = content.toString('utf8');
    return /^__metadata:/m.test(text) ? analyzeBerry(header.path, content) : analyzeV1(header.path, text);
  },
};

function analyzeV1(path: string, text: string): AnalyzerResult {
  let blocks;
  try {
    blocks = parseYarnV1(text);
  } catch (err) {
    return parseFailed(ID, path, `invalid yarn v1 lockfile: ${describeError(err)}`);
  }
  const found = new Packages();
  const warnings: Warning[] = [];
  for (const block of blocks) {
    const first = block.descriptors[0] ?? '';
    const target = resolveV1Descriptor(first);
    if (!target) {
      warnings.push(skipped(path, `entry "${first}" (line ${block.line})`, 'cannot read the package name'));
      continue;
    }
    if (LOCAL_PROTOCOLS.has(protocolOf(target.range) ?? '')) continue;
    const version = npmVersion(block.fields.version);
    if (version === undefined) {
      const raw = JSON.stringify(block.fields.version);
      warnings.push(
        skipped(path, `entry "${first}" (line ${block.line})`, `invalid or missing version ${raw}`),
      );
      continue;
    }
    found.add({ ecosystem: 'npm', name: target.name, version });
  }
  return packagesResult(ID, path, found.list(), warnings);
}

/** `name@range`, following an `npm:` alias (`alias@npm:real@^1` → `real`). */
function resolveV1Descriptor(descriptor: string): { name: string; range: string } | undefined {
  const outer = splitDescriptor(descriptor);
  if (!outer) return undefined;
  if (!outer.range.startsWith('npm:')) return outer;
  const inner = splitDescriptor(outer.range.slice('npm:'.length));
  return inner ?? { name: outer.name, range: outer.range.slice('npm:'.length) };
}

function analyzeBerry(path: string, content: Buffer): AnalyzerResult {
  const parsed = parseYamlDocuments(content);
  if ('error' in parsed) return parseFailed(ID, path, parsed.error);
  const lock = parsed.values[0];
  if (parsed.values.length !== 1 || !isObj(lock)) {
    return parseFailed(ID, path, 'yarn berry lockfile is not a single YAML mapping');
  }
  const found = new Packages();
  const warnings: Warning[] = [];
  for (const [key, entry] of Object.entries(lock)) {
    if (key === '__metadata') continue;
    if (!isObj(entry)) {
      warnings.push(skipped(path, `entry "${key}"`, 'not a mapping'));
      continue;
    }
    const resolution = str(entry.resolution) ?? key.split(',')[0]?.trim() ?? key;
    const target = splitDescriptor(resolution);
    if (!target) {
      warnings.push(skipped(path, `entry "${key}"`, `cannot read the package name from "${resolution}"`));
      continue;
    }
    const protocol = protocolOf(target.range);
    if (LOCAL_PROTOCOLS.has(protocol ?? '') || entry.version === '0.0.0-use.local') continue;
    const version = npmVersion(entry.version);
    if (version === undefined) {
      warnings.push(
        skipped(path, `entry "${key}"`, `invalid or missing version ${JSON.stringify(entry.version)}`),
      );
      continue;
    }
    const pkg: PackageFact = { ecosystem: 'npm', name: target.name, version };
    if (protocol === 'patch') pkg.note = 'patched';
    found.add(pkg);
  }
  return packagesResult(ID, path, found.list(), warnings);
}

/** `npm:1.2.3` → `npm`; `^1.2.3` → undefined. */
function protocolOf(range: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]*):/.exec(range);
  return match?.[1];
}

/** Packages in first-seen order, one per name@version. */
class Packages {
  private readonly byId = new Map<string, PackageFact>();

  add(pkg: PackageFact): void {
    const id = `${pkg.name}@${pkg.version}`;
    if (!this.byId.has(id)) this.byId.set(id, pkg);
  }

  list(): PackageFact[] {
    return [...this.byId.values()];
  }
}
