import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { VigiaError, type ErrorCode } from '../core/errors.js';

/**
 * A YAML or JSON file given by the user (config, policy, ignore file), parsed with positions so
 * that validation errors name `file:line`.
 */
export interface SourceFile {
  path: string;
  data: unknown;
  /** 1-based line of the node at `keyPath`, or of its nearest existing parent. */
  lineOf(keyPath: readonly PropertyKey[]): number | undefined;
}

/** Parse YAML/JSON text (JSON is YAML) into a SourceFile. Syntax errors name the line. */
export function parseSourceText(path: string, text: string, code: ErrorCode = 'CONFIG_INVALID'): SourceFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line;
    throw new VigiaError(code, `${path}:${line}: ${first.message.split('\n')[0]}`);
  }
  return {
    path,
    data: doc.toJS() as unknown,
    lineOf: (keyPath) => lineOfPath(doc, lineCounter, keyPath),
  };
}

/** Read and parse a YAML/JSON file. A missing or unreadable file is an error naming it. */
export async function loadSourceFile(path: string, code: ErrorCode = 'CONFIG_INVALID'): Promise<SourceFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new VigiaError(
      code,
      `${path}: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      {
        cause: err,
      },
    );
  }
  return parseSourceText(path, text, code);
}

/**
 * Validate `value` (found at `basePath` in `file`) with a zod schema. The first problem becomes
 * an error like `vigia.yaml:12: policy.exceptions[0].expires: Invalid date`.
 */
export function validate<S extends z.ZodType>(
  file: SourceFile,
  value: unknown,
  schema: S,
  basePath: readonly PropertyKey[] = [],
  code: ErrorCode = 'CONFIG_INVALID',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const fullPath = [...basePath, ...(issue?.path ?? [])];
  const line = file.lineOf(fullPath);
  const where = line ? `${file.path}:${line}` : file.path;
  const field = formatKeyPath(fullPath);
  throw new VigiaError(code, `${where}: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}`);
}

/** Validate one top-level section of a file (`db`, `registry`, `policy`, …); absent → undefined. */
export function validateSection<S extends z.ZodType>(
  file: SourceFile | undefined,
  key: string,
  schema: S,
  code: ErrorCode = 'CONFIG_INVALID',
): z.output<S> | undefined {
  if (!file || typeof file.data !== 'object' || file.data === null) return undefined;
  const value = (file.data as Record<string, unknown>)[key];
  if (value === undefined) return undefined;
  return validate(file, value, schema, [key], code);
}

/**
 * The config file to use: an explicit path (`--config`), else `$VIGIA_CONFIG`, else
 * `vigia.yaml`/`vigia.yml`/`vigia.json` in `cwd`. Undefined when there is none.
 */
export function findConfigFile(cwd: string, env: NodeJS.ProcessEnv, explicit?: string): string | undefined {
  if (explicit) return explicit;
  if (env.VIGIA_CONFIG) return env.VIGIA_CONFIG;
  for (const name of ['vigia.yaml', 'vigia.yml', 'vigia.json']) {
    const candidate = join(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** A zod issue path as people read it: `policy.bases.approved[2]`. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function lineOfPath(doc: Document, lc: LineCounter, keyPath: readonly PropertyKey[]): number | undefined {
  for (let n = keyPath.length; n >= 0; n--) {
    const node = doc.getIn(keyPath.slice(0, n) as unknown[], true) as
      { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lc.linePos(node.range[0]).line;
    if (n === 0 && (isMap(doc.contents) || isSeq(doc.contents)) && doc.contents.range) {
      return lc.linePos(doc.contents.range[0]).line;
    }
  }
  return undefined;
}
