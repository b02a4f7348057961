import type { SourceFile } from '../../config/load.js';
import { policyFromSource } from '../../policy/load.js';
import { matchesSource } from '../../policy/sources.js';

/**
 * `matchesSource(imageRef, pattern)` is the policy module's: one definition of the pattern
 * semantics (`registry.corp.example` = every repository there; `host/path/*` one component,
 * `**` any depth; `alpine` = `docker.io/library/alpine`; optional `:tag` glob or `@digest`).
 */
export { matchesSource };

/**
 * The approved base-image sources from a config file: its `policy:` section's
 * `approvedSources`, validated by the policy schema (errors name `file:line`, code
 * POLICY_INVALID). Undefined when there is no file, no `policy:` section or no list: then the
 * registry check does not run.
 */
export function approvedSourcesFromConfig(file: SourceFile | undefined): string[] | undefined {
  if (!file || typeof file.data !== 'object' || file.data === null || !('policy' in file.data))
    return undefined;
  return policyFromSource(file).policy.approvedSources;
}
