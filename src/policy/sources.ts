import picomatch from 'picomatch';
import type { ReportArtifact } from '../report/types.js';
import {
  DOCKER_HUB,
  formatReference,
  looksLikeDomain,
  parseRegistryReference,
  type RegistryReference,
} from '../registry/reference.js';
import { globMatch } from './glob.js';

/**
 * Registries on the public internet. An image or base from one of them is denied by the
 * `approvedSources` rule unless a pattern lists it; the list only shapes the message ("public
 * registry"), since anything not listed is denied anyway.
 */
export const PUBLIC_REGISTRIES: readonly string[] = [
  'docker.io',
  'ghcr.io',
  'quay.io',
  'gcr.io',
  '*.gcr.io',
  'registry.k8s.io',
  'public.ecr.aws',
  'mcr.microsoft.com',
  'registry.gitlab.com',
  'nvcr.io',
  'cgr.dev',
  'lscr.io',
  'registry.access.redhat.com',
  'registry.redhat.io',
  'container-registry.oracle.com',
  'registry.suse.com',
  'docker.elastic.co',
];

/** True when `host` is a known public registry. */
export function isPublicRegistry(host: string): boolean {
  return PUBLIC_REGISTRIES.some((p) => globMatch(host.toLowerCase(), p));
}

interface SourcePattern {
  host: string;
  /** picomatch glob on the repository path. */
  path: string;
  tag?: string;
  digest?: string;
}

/**
 * Parse an approved-source pattern; returns a problem description for a bad one.
 * Forms: `registry.corp.example` (a host alone: every repository on it; needs a dot or be
 * `localhost[:port]`), `host/path/*` (`*` one path component, `**` any depth), `alpine` or
 * `library/*` (Docker Hub, normalised like docker does), with an optional `:tag` glob or
 * `@sha256:…` digest.
 */
export function parseSourcePattern(pattern: string): SourcePattern | string {
  let rest = pattern.trim().replace(/^docker:\/\//, '');
  if (rest === '') return 'empty pattern';
  if (/\s/.test(rest)) return 'spaces are not allowed';
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^[a-z0-9]+:[a-f0-9]{32,}$/.test(digest)) return `invalid digest "${digest}"`;
  }
  if (!rest.includes('/') && /^(?:[^:]*\.[^:]*|localhost)(?::\d+)?$/.test(rest)) {
    return withRefParts({ host: rest.toLowerCase(), path: '**' }, undefined, digest);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag === '') return 'empty tag';
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  let host = DOCKER_HUB;
  let path = rest;
  if (slash >= 0 && looksLikeDomain(first)) {
    host = first.toLowerCase() === 'index.docker.io' ? DOCKER_HUB : first.toLowerCase();
    path = rest.slice(slash + 1);
  }
  if (path === '') return 'missing repository path';
  if (host === DOCKER_HUB && !path.includes('/') && !path.includes('*')) path = `library/${path}`;
  return withRefParts({ host, path }, tag, digest);
}

function withRefParts(p: SourcePattern, tag: string | undefined, digest: string | undefined): SourcePattern {
  if (tag !== undefined) p.tag = tag;
  if (digest !== undefined) p.digest = digest;
  return p;
}

/** The reference parsed docker-style, or undefined when it is not a valid reference. */
export function normaliseReference(ref: string): RegistryReference | undefined {
  try {
    return parseRegistryReference(ref);
  } catch {
    return undefined;
  }
}

/**
 * True when the image reference `imageRef` (normalised docker-style: `alpine` is
 * `docker.io/library/alpine:latest`) matches the approved-source `pattern`. Hosts compare
 * case-insensitively with `*` globs; paths with picomatch (`*` one component, `**` any depth);
 * a pattern's tag and digest, when given, must match too. Documented in docs/policy.md.
 */
export function matchesSource(imageRef: string, pattern: string): boolean {
  const ref = normaliseReference(imageRef);
  const p = parseSourcePattern(pattern);
  if (!ref || typeof p === 'string') return false;
  if (!globMatch(ref.registry.toLowerCase(), p.host)) return false;
  if (!picomatch.isMatch(ref.repository, p.path, { dot: true })) return false;
  if (p.tag !== undefined && (ref.tag === undefined || !globMatch(ref.tag, p.tag))) return false;
  if (p.digest !== undefined && ref.digest !== p.digest) return false;
  return true;
}

/**
 * The names a scanned image is known by, normalised (`host/repo:tag`): a registry image's own
 * reference; a docker-archive's `RepoTags` (docker-normalised, so `alpine:3.10` is Docker Hub's);
 * an OCI layout's `io.containerd.image.name` and `org.opencontainers.image.ref.name` when they are
 * references (a bare tag such as `bookworm` names no repository and is skipped). A `dir:` root
 * file system has none. Sorted, without duplicates.
 */
export function imageSourceNames(artifact: Pick<ReportArtifact, 'name' | 'source' | 'repoTags'>): string[] {
  let candidates: string[];
  switch (artifact.source) {
    case 'registry':
      candidates = [artifact.name];
      break;
    case 'docker-archive':
      candidates = artifact.repoTags;
      break;
    case 'oci-layout':
    case 'oci-archive':
      candidates = artifact.repoTags.filter((t) => t.includes('/') || t.includes(':'));
      break;
    case 'dir':
      candidates = [];
      break;
  }
  const out = new Set<string>();
  for (const c of candidates) {
    const ref = normaliseReference(c);
    if (ref) out.add(formatReference(ref));
  }
  return [...out].sort();
}
