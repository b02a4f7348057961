import type { Context } from 'hono';
import type { Renderer } from '../report/format.js';
import type { StoreHandle } from './advisory-store.js';
import { ApiError } from './errors.js';
import type { SbomMediaType } from './harbor/mime.js';
import type { ScanService } from './jobs/service.js';
import type { AccessOptions } from './security.js';

/** Everything the routes use. */
export interface AppOptions {
  service: ScanService;
  store: StoreHandle;
  access: AccessOptions;
  /** Accept local paths as image references (`--allow-local`). */
  allowLocal: boolean;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  toolVersion: string;
  /** SBOM renderers for Harbor's `sbom` capability, by media type (none: the capability is not offered). */
  sbom: Partial<Record<SbomMediaType, Renderer>>;
  log: (line: string) => void;
}

/**
 * The request body as JSON, when its media type is one of `types` (compared without parameters
 * for `application/json`, with `version` for Harbor's vendor types). 415 for another type, 400
 * for JSON that does not parse.
 */
export async function readJson(c: Context, accepts: (contentType: string) => boolean): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!accepts(type)) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Type ${type.slice(0, 100) || '(none)'} is not accepted here`,
    );
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ApiError(400, 'BAD_JSON', `the body is not valid JSON: ${(err as Error).message}`);
  }
}

/** True for `application/json` with any parameters. */
export function isJson(contentType: string): boolean {
  return contentType.split(';')[0]?.trim().toLowerCase() === 'application/json';
}
