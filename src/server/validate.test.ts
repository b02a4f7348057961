import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { checkImageReference, parseApiScanRequest } from './validate.js';

describe('checkImageReference (registry only)', () => {
  it.each([
    ['alpine', 'docker.io/library/alpine:latest'],
    ['registry:alpine:3.10', 'docker.io/library/alpine:3.10'],
    ['docker://ghcr.io/org/app:1', 'ghcr.io/org/app:1'],
    ['127.0.0.1:5000/team/app@sha256:' + 'a'.repeat(64), `127.0.0.1:5000/team/app@sha256:${'a'.repeat(64)}`],
  ])('%s → %s', (input, normalised) => {
    expect(checkImageReference(input, false)).toBe(normalised);
  });

  it.each([
    ['/etc/passwd', /local paths are not accepted/],
    ['./image.tar', /local paths are not accepted/],
    ['~/x', /local paths are not accepted/],
    ['app.tar.gz', /local paths are not accepted/],
    ['dir:/', /local paths are not accepted/],
    ['oci-archive:/tmp/a.tar:ref', /local paths are not accepted/],
    ['Team/App', /lower-case/],
    ['alpine@sha256:1234', /digest/],
    ['a\tb', /control characters/],
  ])('refuses %j', (input, message) => {
    let error: unknown;
    try {
      checkImageReference(input, false);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toMatch(message);
  });
});

describe('parseApiScanRequest', () => {
  it('normalises the image and keeps platform, failOn and a valid policy', () => {
    expect(
      parseApiScanRequest(
        {
          image: 'alpine:3.10',
          platform: 'linux/arm64/v8',
          failOn: 'HIGH',
          policy: { secrets: { forbid: true } },
        },
        false,
      ),
    ).toEqual({
      kind: 'api',
      image: 'docker.io/library/alpine:3.10',
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      failOn: 'HIGH',
      policy: { secrets: { forbid: true } },
    });
  });

  it.each([
    [null, /body/],
    [[], /body/],
    [{ image: 'alpine', policy: { secrets: { forbid: 'yes' } } }, /^policy\.secrets\.forbid: /],
    [{ image: 'alpine', platform: 'linux/amd64/v8/x' }, /^platform: expected os\/arch/],
  ])('refuses %j', (body, message) => {
    expect(() => parseApiScanRequest(body, false)).toThrow(message);
  });
});
