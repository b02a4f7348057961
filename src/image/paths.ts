import { VigiaError } from '../core/errors.js';

/**
 * Path handling inside an image root. Every path vigia reports is absolute and normalised
 * (`/etc/os-release`): no `.`/`..` components, no doubled or trailing slashes. Nothing here
 * touches the host file system.
 */

/** How many symlinks a resolution may follow before it is called a loop (as Linux's MAXSYMLINKS). */
export const MAX_SYMLINK_HOPS = 40;

/**
 * Normalise a tar entry name to an absolute path inside the image root. A leading `/` or `./`
 * is dropped (absolute names are made relative to the image root). Returns `undefined` when a
 * `..` would climb above the root: the caller decides what that means (the walker rejects it).
 */
export function normaliseEntryName(name: string): string | undefined {
  const out: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
      continue;
    }
    out.push(part);
  }
  return `/${out.join('/')}`;
}

/**
 * Join `path` onto the absolute directory `base` and normalise, clamping `..` at the root the
 * way a chroot does (`/../../etc` is `/etc`). An absolute `path` starts again from the root.
 */
export function joinInRoot(base: string, path: string): string {
  const out: string[] = [];
  const start = path.startsWith('/') ? '' : base;
  for (const part of `${start}/${path}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      out.pop();
      continue;
    }
    out.push(part);
  }
  return `/${out.join('/')}`;
}

/** The parent directory of an absolute normalised path (`/` for `/` and top-level names). */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The last component of an absolute normalised path (empty for `/`). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Resolve `path` inside the image root, following every symlink met on the way (in the
 * directories and in the last component), the way the kernel would inside a chroot: absolute
 * targets restart at the image root and `..` never climbs above it. `readlink` answers, for an
 * absolute normalised path, its symlink target as written, or `undefined` when the path is not a
 * symlink. Throws `UNSAFE_PATH` on a symlink loop (more than {@link MAX_SYMLINK_HOPS} hops).
 */
export function resolveInRoot(
  path: string,
  readlink: (absPath: string) => string | undefined,
  maxHops = MAX_SYMLINK_HOPS,
): string {
  let hops = 0;
  // Components still to walk, first one at the end (a stack), and the resolved prefix.
  // `..` is kept as a component: it applies after the symlinks before it are followed.
  const pending = path
    .split('/')
    .filter((p) => p !== '' && p !== '.')
    .reverse();
  const done: string[] = [];
  while (pending.length > 0) {
    const part = pending.pop() as string;
    if (part === '..') {
      done.pop();
      continue;
    }
    const current = `/${[...done, part].join('/')}`;
    const target = readlink(current);
    if (target === undefined) {
      done.push(part);
      continue;
    }
    hops++;
    if (hops > maxHops) {
      throw new VigiaError('UNSAFE_PATH', `${path}: symlink loop (more than ${maxHops} links followed)`);
    }
    if (target.startsWith('/')) done.length = 0;
    for (const next of target.split('/').reverse()) {
      if (next !== '' && next !== '.') pending.push(next);
    }
  }
  return `/${done.join('/')}`;
}
