import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { VigiaError } from '../core/errors.js';
import { fileError } from './store/dir.js';
import { looksLikeOciArchive, sniffFile } from './sniff.js';

/**
 * Where an image is, parsed from what the user typed. See `docs/references.md` for the grammar.
 * Paths are absolute (resolved against the working directory).
 */
export type ImageReference =
  | { kind: 'docker-archive'; path: string; ref?: string }
  | { kind: 'oci-layout'; path: string; ref?: string }
  | { kind: 'oci-archive'; path: string; ref?: string }
  | { kind: 'dir'; path: string }
  | { kind: 'registry'; reference: string };

const PREFIXES = ['docker-archive', 'oci-archive', 'oci', 'dir', 'registry', 'docker'] as const;

/**
 * Docker reference grammar (distribution/reference): `[host[:port]/]path[:tag][@digest]`,
 * lower-case path components.
 */
const DOMAIN =
  '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?';
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const PATH_REF = new RegExp(
  `^${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);
const DOMAIN_RE = new RegExp(`^${DOMAIN}$`);

/**
 * True when `input` is a syntactically valid registry reference (`alpine`, `host:5000/a/b:tag`,
 * `a@sha256:…`). As in Docker, the first component is a registry host only when it has a `.`
 * or a port, or is `localhost`.
 */
export function isRegistryReference(input: string): boolean {
  if (input.length > 512) return false;
  const slash = input.indexOf('/');
  const first = slash < 0 ? '' : input.slice(0, slash);
  const isHost = first.includes('.') || first.includes(':') || first === 'localhost';
  if (isHost) return DOMAIN_RE.test(first) && PATH_REF.test(input.slice(slash + 1));
  return PATH_REF.test(input);
}

/**
 * Parse an image reference. Explicit prefixes: `docker-archive:PATH[:TAG]`,
 * `oci-archive:PATH[:REF]`, `oci:PATH[:REF]` (a layout directory), `dir:PATH` (a root file
 * system), `registry:REF` / `docker://REF`. Without a prefix: an existing path is sniffed (a
 * directory with `oci-layout` is an OCI layout, any other directory needs `dir:`; a file is read
 * for tar/gzip magic and its first member tells OCI from docker-archive); `PATH:REF` is split
 * only when the whole string is not an existing path; anything else that reads as a registry
 * reference is one. Relative paths resolve against `cwd`.
 */
export function parseReference(input: string, cwd: string = process.cwd()): ImageReference {
  const text = input.trim();
  if (text === '') throw new VigiaError('BAD_REFERENCE', 'empty image reference');
  const prefix = PREFIXES.find((p) => text.startsWith(`${p}:`));
  if (prefix) {
    const rest = text.slice(prefix.length + 1);
    if (rest === '') throw new VigiaError('BAD_REFERENCE', `${text}: nothing after "${prefix}:"`);
    switch (prefix) {
      case 'registry':
      case 'docker':
        return registry(rest.replace(/^\/\//, ''));
      case 'dir':
        return { kind: 'dir', path: resolve(cwd, rest) };
      case 'oci':
        return withRef({ kind: 'oci-layout' }, splitPathRef(rest, cwd));
      case 'oci-archive':
        return withRef({ kind: 'oci-archive' }, splitPathRef(rest, cwd));
      case 'docker-archive':
        return withRef({ kind: 'docker-archive' }, splitPathRef(rest, cwd));
    }
  }
  const full = resolve(cwd, text);
  if (pathExists(full)) return detect(full, undefined, text);
  const split = splitPathRef(text, cwd);
  if (split.ref !== undefined) return detect(split.path, split.ref, text);
  if (looksLikePath(text)) throw fileError(text, Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
  if (isRegistryReference(text)) return { kind: 'registry', reference: text };
  throw new VigiaError(
    'BAD_REFERENCE',
    `${text}: not an existing file or directory, and not a registry reference (see docs/references.md)`,
  );
}

function registry(reference: string): ImageReference {
  if (!isRegistryReference(reference)) {
    throw new VigiaError('BAD_REFERENCE', `${reference}: not a valid registry reference`);
  }
  return { kind: 'registry', reference };
}

function withRef<K extends 'oci-layout' | 'oci-archive' | 'docker-archive'>(
  base: { kind: K },
  split: { path: string; ref?: string },
): { kind: K; path: string; ref?: string } {
  return split.ref === undefined
    ? { ...base, path: split.path }
    : { ...base, path: split.path, ref: split.ref };
}

/**
 * `PATH:REF` → path and ref, splitting at the colon whose left side is the longest existing
 * path; no split when the whole string exists or no prefix does.
 */
function splitPathRef(text: string, cwd: string): { path: string; ref?: string } {
  const whole = resolve(cwd, text);
  if (pathExists(whole)) return { path: whole };
  for (let i = text.lastIndexOf(':'); i > 0; i = text.lastIndexOf(':', i - 1)) {
    const candidate = resolve(cwd, text.slice(0, i));
    const ref = text.slice(i + 1);
    if (ref !== '' && pathExists(candidate)) return { path: candidate, ref };
  }
  return { path: whole };
}

function pathExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG') return false;
    throw fileError(path, err);
  }
}

function looksLikePath(text: string): boolean {
  return (
    isAbsolute(text) ||
    /^\.{1,2}(\/|$)/.test(text) ||
    text.startsWith('~') ||
    /\.(tar|tgz|tar\.gz|oci)(:|$)/i.test(text)
  );
}

function detect(path: string, ref: string | undefined, input: string): ImageReference {
  const withOptionalRef = <K extends 'oci-layout' | 'oci-archive' | 'docker-archive'>(kind: K) =>
    withRef({ kind }, ref === undefined ? { path } : { path, ref });
  if (statSync(path).isDirectory()) {
    if (existsSync(join(path, 'oci-layout'))) return withOptionalRef('oci-layout');
    throw new VigiaError(
      'BAD_REFERENCE',
      `${input}: a directory without an oci-layout file; to scan it as a root file system write dir:${input}`,
    );
  }
  const sniffed = sniffFile(path);
  if (sniffed.kind === 'other') {
    throw new VigiaError('IMAGE_INVALID', `${displayPath(path)}: not an image: ${sniffed.detail}`);
  }
  return withOptionalRef(looksLikeOciArchive(sniffed.firstMember) ? 'oci-archive' : 'docker-archive');
}

/** A path as shown in messages: relative to the working directory when under it. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** The canonical text of a reference (`oci-archive:PATH:REF`, …), for display. */
export function formatReference(ref: ImageReference): string {
  switch (ref.kind) {
    case 'registry':
      return ref.reference;
    case 'dir':
      return `dir:${displayPath(ref.path)}`;
    case 'oci-layout':
      return `oci:${displayPath(ref.path)}${ref.ref ? `:${ref.ref}` : ''}`;
    default:
      return `${ref.kind}:${displayPath(ref.path)}${ref.ref ? `:${ref.ref}` : ''}`;
  }
}
