import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../core/errors.js';
import { formatReference, parseRegistryReference } from './reference.js';

const D = `sha256:${'a'.repeat(64)}`;

// Expected forms follow docker's normalisation (distribution/reference ParseNormalizedNamed).
describe('parseRegistryReference', () => {
  it.each([
    ['alpine', 'docker.io/library/alpine:latest'],
    ['alpine:3.10', 'docker.io/library/alpine:3.10'],
    ['library/alpine', 'docker.io/library/alpine:latest'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis:7'],
    ['docker.io/alpine', 'docker.io/library/alpine:latest'],
    ['index.docker.io/library/alpine:3', 'docker.io/library/alpine:3'],
    ['docker://alpine:3.19', 'docker.io/library/alpine:3.19'],
    ['localhost/app', 'localhost/app:latest'],
    ['localhost:5000/app:v1', 'localhost:5000/app:v1'],
    ['127.0.0.1:5000/team/app:1.0', '127.0.0.1:5000/team/app:1.0'],
    ['registry.corp.example/a/b/c:tag_1.2-3', 'registry.corp.example/a/b/c:tag_1.2-3'],
    ['[::1]:5000/app:x', '[::1]:5000/app:x'],
    ['ghcr.io/o/app__x.y-z', 'ghcr.io/o/app__x.y-z:latest'],
    [`alpine@${D}`, `docker.io/library/alpine@${D}`],
    [`alpine:3.10@${D}`, `docker.io/library/alpine:3.10@${D}`],
    [`reg:5000/app@${D}`, `reg:5000/app@${D}`],
    ['Registry.Example/app', 'Registry.Example/app:latest'],
  ])('%s → %s', (input, expected) => {
    expect(formatReference(parseRegistryReference(input))).toBe(expected);
  });

  it('keeps tag and digest apart', () => {
    expect(parseRegistryReference(`r.io:443/x/y:1@${D}`)).toEqual({
      registry: 'r.io:443',
      repository: 'x/y',
      tag: '1',
      digest: D,
    });
    expect(parseRegistryReference(`x@${D}`).tag).toBeUndefined();
  });

  it.each([
    ['', 'empty image reference'],
    ['Alpine', 'repository name must be lower-case'],
    ['docker.io/Library/alpine', 'repository name must be lower-case'],
    ['alpine:', 'invalid tag'],
    ['alpine:-x', 'invalid tag'],
    [`alpine:${'t'.repeat(129)}`, 'invalid tag'],
    ['alpine@sha256:abc', 'invalid digest'],
    [`alpine@sha256:${'A'.repeat(64)}`, 'sha256 digest must be 64 lower-case hex'],
    ['reg.io/', 'missing repository name'],
    ['reg.io/a//b', 'invalid repository path component ""'],
    ['reg.io/a/-b', 'invalid repository path component "-b"'],
    ['reg.io/a_/b', 'invalid repository path component "a_"'],
    ['-reg.io/a', 'invalid registry'],
    ['a'.repeat(64), 'image ID'],
    [`r.io/${'a/'.repeat(130)}a`, 'longer than 255'],
  ])('%s is BAD_REFERENCE (%s)', (input, why) => {
    let caught: unknown;
    try {
      parseRegistryReference(input);
    } catch (err) {
      caught = err;
    }
    expect(isVigiaError(caught, 'BAD_REFERENCE')).toBe(true);
    expect((caught as Error).message).toContain(why);
  });
});
