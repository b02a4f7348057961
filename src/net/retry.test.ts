import { describe, expect, it } from 'vitest';
import { isRetryableNetworkError, isRetryableStatus, parseRetryAfter, retryDelayMs } from './retry.js';

describe('retry policy', () => {
  it.each([
    [429, true],
    [500, true],
    [503, true],
    [408, true],
    [501, false],
    [404, false],
    [401, false],
    [200, false],
  ])('status %i retryable: %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });

  it('recognises network errors nested in causes', () => {
    const err = new TypeError('fetch failed', {
      cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
    });
    expect(isRetryableNetworkError(err)).toBe(true);
    expect(isRetryableNetworkError(new Error('other'))).toBe(false);
  });

  it('parses Retry-After as seconds or HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('backs off exponentially with jitter and honours Retry-After up to the cap', () => {
    const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelayMs(0, policy, undefined, () => 0.999)).toBe(99);
    expect(retryDelayMs(3, policy, undefined, () => 0.5)).toBe(400);
    expect(retryDelayMs(10, policy, undefined, () => 0.999)).toBe(999);
    expect(retryDelayMs(0, policy, '2')).toBe(1000);
    expect(retryDelayMs(0, policy, '0')).toBe(0);
  });
});
