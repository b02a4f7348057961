import { describeError } from '../../core/errors.js';

/** A JSON (or YAML) object: not an array, not null. */
export type Obj = Record<string, unknown>;

/** True for a plain object. */
export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text without a leading UTF-8 byte-order mark (.NET and Windows editors write one). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses a JSON document (a UTF-8 BOM allowed); `{ error }` names the problem (invalid JSON, truncated file). */
export function parseJson(content: Buffer): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(stripBom(content.toString('utf8'))) };
  } catch (err) {
    return { error: `invalid JSON: ${describeError(err)}` };
  }
}
