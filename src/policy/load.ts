import { dirname, resolve } from 'node:path';
import { loadSourceFile, type SourceFile } from '../config/load.js';
import { CATALOGUE_FILE, emptyCatalogue, loadCatalogue, type BaseCatalogue } from './catalogue.js';
import { defaultPolicy, PolicySchema, type Policy } from './schema.js';
import { strictValidate } from './validate.js';

/** A policy with where it came from and the base catalogue kept beside it. */
export interface LoadedPolicy {
  policy: Policy;
  /** The file it was read from; absent for the default policy. */
  file?: string;
  /** Where in the file: `policy` for a config file's `policy:` section, `` for a policy file. */
  section?: 'policy' | '';
  catalogue: BaseCatalogue;
  /** The catalogue file (it may not exist yet: then the catalogue is empty). */
  catalogueFile?: string;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validate a parsed policy file. A file whose top level has a `policy:` key is a config file
 * (`vigia.yaml`) and that section is the policy; otherwise the whole file is the policy. An empty
 * file is the default policy. Errors are `POLICY_INVALID` naming `file:line: field: problem`.
 */
export function policyFromSource(file: SourceFile): { policy: Policy; section: 'policy' | '' } {
  const data = file.data ?? {};
  if (isMapping(data) && 'policy' in data) {
    const section = data.policy ?? {};
    return { policy: strictValidate(file, section, PolicySchema, ['policy']), section: 'policy' };
  }
  return { policy: strictValidate(file, data, PolicySchema, []), section: '' };
}

/** The catalogue file of a policy file: `bases.catalogue` (relative to it), else `vigia-bases.yaml` beside it. */
export function catalogueFileFor(policyFile: string, policy: Policy): string {
  return resolve(dirname(policyFile), policy.bases?.catalogue ?? CATALOGUE_FILE);
}

/**
 * Load a policy file (YAML or JSON; a standalone policy or a `vigia.yaml` whose `policy:`
 * section is the policy) and the base catalogue beside it. A missing default catalogue is an
 * empty one; a catalogue the policy names must exist.
 */
export async function loadPolicy(path: string): Promise<LoadedPolicy> {
  const file = await loadSourceFile(path, 'POLICY_INVALID');
  const { policy, section } = policyFromSource(file);
  const catalogueFile = catalogueFileFor(path, policy);
  const catalogue = await loadCatalogue(catalogueFile, policy.bases?.catalogue !== undefined);
  return { policy, file: path, section, catalogue, catalogueFile };
}

/**
 * The policy a scan uses: `--policy FILE` when given; else the config file's `policy:` section
 * when it has one; else the default policy (no failing rule, scoring only).
 */
export async function resolvePolicy(options: {
  policyFile?: string;
  configFile?: string;
}): Promise<LoadedPolicy> {
  if (options.policyFile) return loadPolicy(options.policyFile);
  if (options.configFile) {
    const file = await loadSourceFile(options.configFile, 'POLICY_INVALID');
    if (isMapping(file.data) && 'policy' in file.data) return loadPolicy(options.configFile);
  }
  return { policy: defaultPolicy(), catalogue: emptyCatalogue() };
}
