import { createHash } from 'node:crypto';
import { resolveOs } from '../analyzers/os-release/resolve.js';
import { ecosystem } from '../core/ecosystems.js';
import type { Fact } from '../core/facts.js';
import type { OsInfo } from '../core/os.js';
import type { Package, PackageFact } from '../core/package.js';
import type { Warning } from '../core/warnings.js';
import { FileOwners } from './ownership.js';
import { purlOf } from './purl.js';
import { squash, type IndexedLayerFacts, type PathHistory } from './squash.js';

/** A file-note fact and the layer that added it. */
export type LayerFileNote = Extract<Fact, { kind: 'file-note' }> & { layer: number };

/** The squashed image: its OS, every package with its origin, and notable files. */
export interface Inventory {
  os?: OsInfo;
  packages: Package[];
  /** File notes of every layer (not only the final view: a setuid file later deleted still shipped). */
  fileNotes: LayerFileNote[];
  warnings: Warning[];
}

export interface InventoryOptions {
  /** Keep packages that lockfiles mark as development-only (default: dropped). */
  includeDevDependencies?: boolean;
}

/**
 * Build the inventory from each layer's facts: squash the layers, resolve the OS, attribute
 * each package to the layer that introduced it, mark language packages owned by OS packages,
 * and merge identical packages found in several files of the same layer.
 */
export function buildInventory(
  layers: readonly IndexedLayerFacts[],
  diffIDs: readonly string[],
  options: InventoryOptions = {},
): Inventory {
  const warnings: Warning[] = [];
  const { live, history } = squash(layers);
  const liveFacts = [...live.values()].flatMap((l) => l.facts);

  const osFacts = liveFacts.flatMap((f) => (f.kind === 'os' ? [{ path: f.path, os: f.os }] : []));
  const os = resolveOs(osFacts);
  if (!os) {
    warnings.push({
      code: 'os-unknown',
      message:
        'no OS release file found (os-release, alpine-release, debian_version, …): OS packages cannot be matched',
    });
  } else if (os.family === 'unknown') {
    warnings.push({ code: 'os-unknown', message: `unrecognised OS "${os.name ?? os.version}"` });
  }

  const owners = new FileOwners(liveFacts);
  const merged = new Map<string, Package>();
  const sortedPaths = [...live.keys()].sort();
  for (const path of sortedPaths) {
    const entry = live.get(path);
    if (!entry) continue;
    for (const fact of entry.facts) {
      if (fact.kind !== 'packages') continue;
      for (const pkg of fact.packages) {
        if (pkg.dev && !options.includeDevDependencies) continue;
        const introduced = introducingLayer(history.get(path) ?? [], entry.layer, pkg);
        const owner = ecosystem(pkg.ecosystem).kind === 'library' ? owners.ownerOf(path) : undefined;
        const key = [
          pkg.ecosystem,
          pkg.name,
          pkg.version,
          pkg.arch ?? '',
          owner?.name ?? '',
          introduced,
        ].join('\0');
        const existing = merged.get(key);
        if (existing) {
          if (!existing.paths.includes(path)) existing.paths.push(path);
          if (existing.dev && !pkg.dev) delete existing.dev;
          continue;
        }
        merged.set(key, toPackage(pkg, path, fact.analyzer, introduced, diffIDs, os, owner));
      }
    }
  }

  const fileNotes: LayerFileNote[] = [];
  for (const { index, facts } of layers) {
    for (const fact of facts.facts) if (fact.kind === 'file-note') fileNotes.push({ ...fact, layer: index });
    warnings.push(...facts.warnings);
  }
  const packages = [...merged.values()].sort(comparePackages);
  return os ? { os, packages, fileNotes, warnings } : { packages, fileNotes, warnings };
}

function toPackage(
  pkg: PackageFact,
  path: string,
  analyzer: string,
  layer: number,
  diffIDs: readonly string[],
  os: OsInfo | undefined,
  owner: ReturnType<FileOwners['ownerOf']>,
): Package {
  const purl = purlOf(pkg, os);
  const id = createHash('sha256')
    .update(`${purl}\0${path}\0${pkg.location ?? ''}`)
    .digest('hex')
    .slice(0, 16);
  const out: Package = {
    ...pkg,
    id,
    purl,
    type: ecosystem(pkg.ecosystem).kind,
    layer: { index: layer, diffID: diffIDs[layer] ?? '' },
    paths: [path],
    analyzer,
  };
  if (owner) out.ownedBy = owner;
  return out;
}

/**
 * The layer that introduced `pkg` (found at a path last written by layer `last`): walking back
 * through the path's history, the earliest layer of the unbroken run of versions of that file
 * that list the same package at the same version.
 */
function introducingLayer(history: PathHistory, last: number, pkg: PackageFact): number {
  let introduced = last;
  for (let i = history.length - 1; i >= 0; i--) {
    const step = history[i];
    if (!step || step.layer > last) continue;
    if (
      !step.facts ||
      !step.facts.some((f) => f.kind === 'packages' && f.packages.some((p) => samePackage(p, pkg)))
    ) {
      break;
    }
    introduced = step.layer;
  }
  return introduced;
}

function samePackage(a: PackageFact, b: PackageFact): boolean {
  return (
    a.ecosystem === b.ecosystem &&
    a.name === b.name &&
    a.version === b.version &&
    (a.arch ?? '') === (b.arch ?? '') &&
    (a.location ?? '') === (b.location ?? '')
  );
}

function comparePackages(a: Package, b: Package): number {
  return (
    a.layer.index - b.layer.index ||
    cmp(a.type, b.type) ||
    cmp(a.ecosystem, b.ecosystem) ||
    cmp(a.name, b.name) ||
    cmp(a.version, b.version) ||
    cmp(a.paths[0] ?? '', b.paths[0] ?? '')
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
