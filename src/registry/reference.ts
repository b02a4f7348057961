import { VigiaError } from '../core/errors.js';

/** Docker Hub's canonical registry name, and the host its API actually lives on. */
export const DOCKER_HUB = 'docker.io';
export const DOCKER_HUB_API_HOST = 'registry-1.docker.io';

/** A registry image reference after docker's normalisation. */
export interface RegistryReference {
  /** `host[:port]` as written (Docker Hub is `docker.io`). */
  registry: string;
  /** Repository path inside the registry, e.g. `library/alpine`. */
  repository: string;
  /** Tag; `latest` when neither tag nor digest was given. */
  tag?: string;
  /** `algorithm:hex` when the reference pins a digest (wins over the tag for pulling). */
  digest?: string;
}

// The distribution reference grammar (distribution/reference/regexp.go), anchored per part.
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_RE = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?$`,
);
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const SHA256_RE = /^sha256:[a-f0-9]{64}$/;
const SHA512_RE = /^sha512:[a-f0-9]{128}$/;
const ID_RE = /^[a-f0-9]{64}$/;
const NAME_MAX = 255;

/**
 * Parse a registry reference the way docker does: `alpine` → `docker.io/library/alpine:latest`,
 * `host[:port]/repo[:tag][@sha256:…]`. The first path component is a registry only when it
 * contains `.` or `:`, is `localhost`, or has upper-case letters. An optional `docker://` prefix
 * is accepted. Anything outside the distribution reference grammar is `BAD_REFERENCE`.
 */
export function parseRegistryReference(input: string): RegistryReference {
  const bad = (why: string): VigiaError => new VigiaError('BAD_REFERENCE', `${input}: ${why}`);
  let rest = input.trim().replace(/^docker:\/\//, '');
  if (rest.length === 0) throw bad('empty image reference');

  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) throw bad(`invalid digest "${digest}"`);
    const algorithm = digest.slice(0, digest.indexOf(':'));
    if (algorithm === 'sha256' && !SHA256_RE.test(digest)) {
      throw bad('sha256 digest must be 64 lower-case hex characters');
    }
    if (algorithm === 'sha512' && !SHA512_RE.test(digest)) {
      throw bad('sha512 digest must be 128 lower-case hex characters');
    }
  }

  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) throw bad(`invalid tag "${tag}"`);
  }

  const { registry, path } = splitDomain(rest);
  if (registry !== DOCKER_HUB && !DOMAIN_RE.test(registry)) throw bad(`invalid registry "${registry}"`);
  if (path.length === 0) throw bad('missing repository name');
  if (/[A-Z]/.test(path)) throw bad('repository name must be lower-case');
  if (registry === DOCKER_HUB && ID_RE.test(path)) {
    throw bad('a 64-character hex string is an image ID, not a repository name');
  }
  for (const component of path.split('/')) {
    if (!PATH_COMPONENT_RE.test(component)) throw bad(`invalid repository path component "${component}"`);
  }
  const repository = registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
  if (registry.length + 1 + repository.length > NAME_MAX)
    throw bad(`name longer than ${NAME_MAX} characters`);

  const ref: RegistryReference = { registry, repository };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  if (tag === undefined && digest === undefined) ref.tag = 'latest';
  return ref;
}

/** `registry/repository[:tag][@digest]`, the fully qualified form. */
export function formatReference(ref: RegistryReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** `repository:tag` or `repository@digest`, for messages about one image inside a registry. */
export function repoWithRef(ref: RegistryReference): string {
  return ref.digest ? `${ref.repository}@${ref.digest}` : `${ref.repository}:${ref.tag ?? 'latest'}`;
}

/** True when a path-like string's first component is a registry host (docker's rule). */
export function looksLikeDomain(component: string): boolean {
  return (
    component.includes('.') || component.includes(':') || component === 'localhost' || /[A-Z]/.test(component)
  );
}

function splitDomain(name: string): { registry: string; path: string } {
  const slash = name.indexOf('/');
  if (slash < 0) return { registry: DOCKER_HUB, path: name };
  const first = name.slice(0, slash);
  if (!looksLikeDomain(first)) return { registry: DOCKER_HUB, path: name };
  const registry = first === 'index.docker.io' ? DOCKER_HUB : first;
  return { registry, path: name.slice(slash + 1) };
}
