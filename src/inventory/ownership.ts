import { dirname } from 'node:path';
import { ecosystem, type EcosystemId } from '../core/ecosystems.js';
import type { Fact } from '../core/facts.js';

/** The OS package that owns a file. */
export interface Owner {
  ecosystem: EcosystemId;
  name: string;
  version: string;
}

/**
 * Index of the files owned by OS packages in the final image: from the packages' own file lists
 * (apk, rpm) and from separate list files (dpkg `info/*.list`, matched to the installed package
 * by name).
 */
export class FileOwners {
  private readonly owners = new Map<string, Owner>();

  constructor(facts: Iterable<Fact>) {
    const osPackages = new Map<string, Owner>();
    const lists: Array<Extract<Fact, { kind: 'owned-files' }>> = [];
    for (const fact of facts) {
      if (fact.kind === 'owned-files') lists.push(fact);
      if (fact.kind !== 'packages') continue;
      for (const pkg of fact.packages) {
        if (ecosystem(pkg.ecosystem).kind !== 'os') continue;
        const owner = { ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version };
        osPackages.set(`${pkg.ecosystem}:${pkg.name}`, owner);
        for (const file of pkg.files ?? []) this.owners.set(file, owner);
      }
    }
    for (const list of lists) {
      const owner = osPackages.get(`deb:${list.owner}`) ?? osPackages.get(`${list.analyzer}:${list.owner}`);
      if (!owner) continue;
      for (const file of list.files) this.owners.set(file, owner);
    }
  }

  /**
   * The owner of a language package found at `path`: the file itself, or its metadata directory
   * (`*.dist-info`, `*.egg-info`) when the list names only the directory.
   */
  ownerOf(path: string): Owner | undefined {
    const direct = this.owners.get(path);
    if (direct) return direct;
    const parent = dirname(path);
    if (/\.(dist|egg)-info$/.test(parent)) return this.owners.get(parent);
    return undefined;
  }

  get size(): number {
    return this.owners.size;
  }
}
