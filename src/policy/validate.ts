import type { z } from 'zod';
import { formatKeyPath, validate, type SourceFile } from '../config/load.js';
import { VigiaError } from '../core/errors.js';

/**
 * `validate` from config/load with code `POLICY_INVALID`, except that an unknown key is
 * reported at the key's own line (`vigia.yaml:7: policy.vulnerabilities.maxCvs: unknown key`)
 * rather than at its parent object's.
 */
export function strictValidate<S extends z.ZodType>(
  file: SourceFile,
  value: unknown,
  schema: S,
  basePath: readonly PropertyKey[],
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const path = [...basePath, ...issue.path, key];
    const line = file.lineOf(path);
    const where = line ? `${file.path}:${line}` : file.path;
    throw new VigiaError('POLICY_INVALID', `${where}: ${formatKeyPath(path)}: unknown key`);
  }
  return validate(file, value, schema, basePath, 'POLICY_INVALID');
}
