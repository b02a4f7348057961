import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isVigiaError, type ErrorCode } from '../core/errors.js';

/** The codes of the API's JSON errors (besides the `VigiaError` codes of failed scans). */
export const ApiErrorCodes = {
  BAD_REQUEST: 'BAD_REQUEST',
  BAD_JSON: 'BAD_JSON',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  NOT_READY: 'NOT_READY',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  NOT_ACCEPTABLE: 'NOT_ACCEPTABLE',
  UNPROCESSABLE: 'UNPROCESSABLE',
  NOT_IMPLEMENTED: 'NOT_IMPLEMENTED',
  QUEUE_FULL: 'QUEUE_FULL',
  INTERNAL: 'INTERNAL',
} as const;

export type ApiErrorCode = (typeof ApiErrorCodes)[keyof typeof ApiErrorCodes];

/** The body of every JSON error: `{ "error": { "code", "message" } }`. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** An error answered as JSON with an HTTP status (thrown by handlers, turned into a response by `onError`). */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    /** An `ApiErrorCode`, a `VigiaError` code, or a failed job's code. */
    readonly code: ApiErrorCode | ErrorCode | (string & {}),
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A JSON error body. */
export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Bad input reported by our own validation (`VigiaError`) keeps its code and becomes a 400. */
export function toApiError(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (isVigiaError(err)) return new ApiError(400, err.code, err.message);
  return undefined;
}

/** Answer `err` as JSON: ApiError/VigiaError with their status, anything else a 500 without internals. */
export function errorResponse(c: Context, err: unknown, log: (line: string) => void): Response {
  const api = toApiError(err);
  if (api) {
    for (const [k, v] of Object.entries(api.headers)) c.header(k, v);
    return c.json(errorBody(api.code, api.message), api.status);
  }
  log(
    `internal error on ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
  return c.json(errorBody(ApiErrorCodes.INTERNAL, 'internal server error'), 500);
}
