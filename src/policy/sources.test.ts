import { describe, expect, it } from 'vitest';
import type { ReportArtifact } from '../report/types.js';
import { imageSourceNames, isPublicRegistry, matchesSource, parseSourcePattern } from './sources.js';

describe('matchesSource', () => {
  const table: [string, string, boolean][] = [
    // one path component with *, any depth with **
    ['registry.corp.example/base/debian:12', 'registry.corp.example/base/*', true],
    ['registry.corp.example/base/team/debian:12', 'registry.corp.example/base/*', false],
    ['registry.corp.example/base/team/debian:12', 'registry.corp.example/base/**', true],
    ['registry.corp.example/apps/web@sha256:' + 'a'.repeat(64), 'registry.corp.example/apps/*', true],
    // a host alone: every repository on it; hosts compare case-insensitively
    ['registry.corp.example/x/y/z:1', 'registry.corp.example', true],
    ['REGISTRY.corp.example/x:1', 'registry.corp.example', true],
    ['registry.corp.example.evil.io/x:1', 'registry.corp.example', false],
    ['localhost:5000/base/alpine:3', 'localhost:5000', true],
    ['localhost:5001/base/alpine:3', 'localhost:5000', false],
    // host globs
    ['eu.gcr.io/proj/img:1', '*.gcr.io/proj/*', true],
    // Docker Hub normalisation, on both sides
    ['alpine:3.10', 'docker.io/library/alpine', true],
    ['alpine', 'alpine', true],
    ['docker.io/library/alpine:3.10', 'alpine:3.*', true],
    ['alpine:edge', 'alpine:3.*', false],
    ['index.docker.io/library/alpine', 'docker.io/library/*', true],
    ['bitnami/redis:7', 'docker.io/library/*', false],
    ['bitnami/redis:7', 'bitnami/*', true],
    // "never straight from the internet": a private pattern does not match Docker Hub
    ['alpine:3.10', 'registry.corp.example/**', false],
    // digest pins
    [`debian@sha256:${'b'.repeat(64)}`, `debian@sha256:${'b'.repeat(64)}`, true],
    [`debian@sha256:${'c'.repeat(64)}`, `debian@sha256:${'b'.repeat(64)}`, false],
    // garbage never matches
    ['Not A Reference', '**', false],
  ];
  it.each(table)('%s against %s → %s', (ref, pattern, want) => {
    expect(matchesSource(ref, pattern)).toBe(want);
  });

  it('rejects bad patterns with a reason', () => {
    expect(parseSourcePattern('')).toBe('empty pattern');
    expect(parseSourcePattern('registry.corp.example/a b')).toBe('spaces are not allowed');
    expect(parseSourcePattern('registry.corp.example/base:')).toBe('empty tag');
    expect(parseSourcePattern('registry.corp.example/')).toBe('missing repository path');
    expect(parseSourcePattern('x@sha256:nothex')).toBe('invalid digest "sha256:nothex"');
  });
});

describe('isPublicRegistry', () => {
  it.each([
    ['docker.io', true],
    ['ghcr.io', true],
    ['quay.io', true],
    ['us.gcr.io', true],
    ['registry.k8s.io', true],
    ['public.ecr.aws', true],
    ['mcr.microsoft.com', true],
    ['registry.corp.example', false],
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', false],
  ])('%s → %s', (host, want) => expect(isPublicRegistry(host)).toBe(want));
});

describe('imageSourceNames: how an image is named for the sources rule', () => {
  const a = (source: ReportArtifact['source'], name: string, repoTags: string[]) => ({
    source,
    name,
    repoTags,
  });
  it.each([
    [
      'a registry image: its normalised reference',
      a('registry', 'ghcr.io/acme/app:1', []),
      ['ghcr.io/acme/app:1'],
    ],
    [
      'a docker-archive: its RepoTags, docker-normalised',
      a('docker-archive', '/tmp/x.tar', ['alpine:3.10', 'registry.corp.example/apps/x:1']),
      ['docker.io/library/alpine:3.10', 'registry.corp.example/apps/x:1'],
    ],
    [
      'an OCI layout: full references kept, bare tags skipped',
      a('oci-archive', '/tmp/x.tar', ['node-app', 'registry.corp.example/apps/node:1']),
      ['registry.corp.example/apps/node:1'],
    ],
    ['an OCI archive with only a tag: no name', a('oci-layout', '/tmp/x', ['bookworm']), []],
    ['a root file system: no name', a('dir', '/tmp/rootfs', []), []],
  ])('%s', (_name, artifact, want) => {
    expect(imageSourceNames(artifact)).toEqual(want);
  });
});
