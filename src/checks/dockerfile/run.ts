import type { Warning } from '../../core/warnings.js';
import type { MisconfigFinding } from '../../report/types.js';
import { runDockerfileChecks, type DockerfileCheckOptions } from './checks.js';
import { parseDockerfile } from './parse.js';

/** The findings and warnings for one Dockerfile. */
export interface DockerfileResult {
  findings: MisconfigFinding[];
  warnings: Warning[];
}

/**
 * Parse and check a Dockerfile's text. Pure (the caller reads the file). Findings are
 * `MisconfigFinding`s with `source: 'dockerfile'`, `file`, `line` (1-based) and the instruction
 * text as evidence. A text without FROM is CONFIG_INVALID.
 */
export function checkDockerfile(text: string, options: DockerfileCheckOptions): DockerfileResult {
  return runDockerfileChecks(parseDockerfile(text, options.path), options);
}
