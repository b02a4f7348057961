import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VigiaError } from '../core/errors.js';
import { fixtureImage, tempDir } from '../test-support/fixtures.js';
import { isRegistryReference, parseReference } from './reference.js';

const tmp = tempDir('vigia-ref-');
const t = (name: string) => join(tmp.path, name);

beforeAll(() => {
  mkdirSync(t('layout'));
  writeFileSync(t('layout/oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  mkdirSync(t('rootfs/etc'), { recursive: true });
  writeFileSync(t('notes.txt'), 'just some text, not an image\n');
  writeFileSync(t('empty'), '');
  symlinkSync(fixtureImage('alpine-310.tar.gz'), t('img:v1.tar.gz'));
  copyFileSync(fixtureImage('alpine-310-zstd.oci.tar'), t('zstd.oci.tar'));
});
afterAll(() => tmp.cleanup());

function failure(fn: () => unknown): VigiaError {
  try {
    fn();
  } catch (err) {
    if (err instanceof VigiaError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('parseReference: explicit prefixes', () => {
  it.each([
    ['docker-archive:alpine.tar', { kind: 'docker-archive', path: t('alpine.tar') }],
    ['oci:layout', { kind: 'oci-layout', path: t('layout') }],
    ['oci:layout:v2', { kind: 'oci-layout', path: t('layout'), ref: 'v2' }],
    ['oci:layout:ns/app:1.0', { kind: 'oci-layout', path: t('layout'), ref: 'ns/app:1.0' }],
    ['oci-archive:zstd.oci.tar:3.10', { kind: 'oci-archive', path: t('zstd.oci.tar'), ref: '3.10' }],
    ['docker-archive:img:v1.tar.gz', { kind: 'docker-archive', path: t('img:v1.tar.gz') }],
    [
      'docker-archive:img:v1.tar.gz:alpine:3.10',
      { kind: 'docker-archive', path: t('img:v1.tar.gz'), ref: 'alpine:3.10' },
    ],
    ['dir:rootfs', { kind: 'dir', path: t('rootfs') }],
    ['registry:alpine:3.19', { kind: 'registry', reference: 'alpine:3.19' }],
    ['docker://ghcr.io/org/app:1', { kind: 'registry', reference: 'ghcr.io/org/app:1' }],
  ])('%s', (input, expected) => {
    expect(parseReference(input, tmp.path)).toEqual(expected);
  });
});

describe('parseReference: auto-detection', () => {
  it.each([
    [fixtureImage('alpine-310.tar.gz'), 'docker-archive', undefined],
    [fixtureImage('alpine-310-skopeo.tar.gz'), 'docker-archive', undefined],
    [fixtureImage('debian-bullseye.oci.tar'), 'oci-archive', undefined],
    [`${fixtureImage('debian-node-app.oci.tar')}:node-app`, 'oci-archive', 'node-app'],
    ['zstd.oci.tar', 'oci-archive', undefined],
    ['layout', 'oci-layout', undefined],
    ['layout:v2', 'oci-layout', 'v2'],
    ['img:v1.tar.gz', 'docker-archive', undefined],
  ])('%s → %s (ref %s)', (input, kind, ref) => {
    const parsed = parseReference(input, tmp.path);
    expect(parsed.kind).toBe(kind);
    expect('ref' in parsed ? parsed.ref : undefined).toBe(ref);
  });

  it.each([
    'alpine',
    'alpine:3.19',
    'library/alpine',
    'ghcr.io/org/app:1.0',
    `localhost:5000/a/b@sha256:${'a'.repeat(64)}`,
  ])('%s is a registry reference', (input) => {
    expect(parseReference(input, tmp.path)).toEqual({ kind: 'registry', reference: input });
  });

  it.each([
    ['rootfs', 'BAD_REFERENCE', 'dir:rootfs'],
    ['notes.txt', 'IMAGE_INVALID', 'not an image'],
    ['empty', 'IMAGE_INVALID', 'empty file'],
    ['./missing.tar', 'FILE_UNREADABLE', 'no such file'],
    ['missing.tar.gz:latest', 'FILE_UNREADABLE', 'no such file'],
    ['Not A Reference!', 'BAD_REFERENCE', 'not a registry reference'],
    ['', 'BAD_REFERENCE', 'empty'],
  ])('%s → %s', (input, code, text) => {
    const err = failure(() => parseReference(input, tmp.path));
    expect(err.code).toBe(code);
    expect(err.message).toContain(text);
    expect(err.message).not.toContain('\n');
  });
});

describe('isRegistryReference', () => {
  it.each([
    ['alpine', true],
    ['docker.io/library/alpine:latest', true],
    ['host:5000/ns/repo:tag', true],
    ['UPPER/case', false],
    ['repo:tag:tag', false],
    ['repo@sha256:short', false],
  ])('%s → %s', (input, expected) => {
    expect(isRegistryReference(input)).toBe(expected);
  });
});
