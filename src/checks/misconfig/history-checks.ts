import type { MisconfigFinding } from '../../report/types.js';
import { redact } from '../secrets/redact.js';
import { isPlaceholderValue, isSecretName } from '../shared/secret-names.js';
import { downloadPipedToShell, historyCommand } from '../shared/shell.js';
import { IMAGE_CHECKS } from './catalogue.js';
import { makeFinding } from './finding.js';
import { layerOfHistory, originOf, type ImageCheckInput } from './input.js';

const REMOTE_SOURCE = /(?:^|\s)((?:https?|ftp):\/\/\S+|git@\S+)/;

/**
 * Checks of the history `created_by` lines: `ADD` of a remote URL, a downloaded script piped to
 * a shell in a `RUN`, and secret-looking build args (`ARG` lines and the `|N NAME=value` prefix
 * builders put on the RUN lines that used them). The evidence is the history index and the
 * matching part of the line, with secret values redacted.
 */
export function historyChecks(input: ImageCheckInput): MisconfigFinding[] {
  const out: MisconfigFinding[] = [];
  const seenArgs = new Set<string>();
  const layers = layerOfHistory(input.config, input.layers);
  input.config.history.forEach((entry, historyIndex) => {
    if (!entry.createdBy) return;
    const { instruction, args, buildArgs } = historyCommand(entry.createdBy);
    const layer = layers.get(historyIndex);
    const extra = layer ? { layer: originOf(layer) } : {};
    if (instruction === 'ADD') {
      const url = REMOTE_SOURCE.exec(args)?.[1];
      if (url) {
        out.push(
          makeFinding(IMAGE_CHECKS.addRemoteUrl, 'image', url, { historyIndex, value: `ADD ${url}` }, extra),
        );
      }
    }
    if (instruction === 'RUN') {
      const piped = downloadPipedToShell(args);
      if (piped) {
        out.push(
          makeFinding(IMAGE_CHECKS.curlPipeShell, 'image', piped, { historyIndex, value: piped }, extra),
        );
      }
    }
    const declared = instruction === 'ARG' ? args.split(/\s+/).filter((a) => a.includes('=')) : [];
    for (const assignment of [...buildArgs, ...declared]) {
      const eq = assignment.indexOf('=');
      const name = assignment.slice(0, eq);
      const value = assignment.slice(eq + 1);
      if (!isSecretName(name) || isPlaceholderValue(value) || seenArgs.has(name)) continue;
      seenArgs.add(name);
      out.push(
        makeFinding(
          IMAGE_CHECKS.secretInEnv,
          'image',
          `arg:${name}`,
          { historyIndex, value: `ARG ${name}=${redact(value.replace(/^["']|["']$/g, ''))}` },
          extra,
        ),
      );
    }
  });
  return out;
}
