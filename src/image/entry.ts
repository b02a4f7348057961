import type { Header } from 'tar-stream';
import { VigiaError } from '../core/errors.js';
import { baseName, normaliseEntryName, parentOf } from './paths.js';
import type { EntryHeader, EntryType } from './types.js';
import { OPAQUE_MARKER, WHITEOUT_PREFIX } from './whiteout.js';

/**
 * Turn a raw tar header into an {@link EntryHeader}: absolute normalised path, entry type with
 * whiteouts and opaque markers recognised, hardlink target normalised. `where` names the layer
 * for error messages.
 *
 * Path safety policy: an absolute name (`/etc/passwd`) is made relative to the image root; a
 * name or hardlink target whose `..` would climb above the root (`../../etc/passwd`) is
 * **rejected** with `UNSAFE_PATH` rather than clamped: no legitimate image builder writes one,
 * so it marks a hostile or broken layer that the user should hear about.
 */
export function toEntryHeader(raw: Header, where: string): EntryHeader {
  const path = normaliseEntryName(raw.name);
  if (path === undefined) {
    throw new VigiaError('UNSAFE_PATH', `${where}: tar entry "${raw.name}" escapes the image root`);
  }
  const header: EntryHeader = {
    path,
    type: entryType(raw.type),
    mode: raw.mode ?? 0,
    uid: raw.uid ?? 0,
    gid: raw.gid ?? 0,
    size: raw.size ?? 0,
  };
  if (raw.mtime) header.mtime = raw.mtime;
  if (header.type === 'symlink') {
    header.linkTarget = raw.linkname ?? '';
  } else if (header.type === 'hardlink') {
    const target = normaliseEntryName(raw.linkname ?? '');
    if (target === undefined || target === '/') {
      throw new VigiaError(
        'UNSAFE_PATH',
        `${where}: hardlink "${raw.name}" points outside the image root ("${raw.linkname ?? ''}")`,
      );
    }
    header.linkTarget = target;
  }
  markWhiteout(header, raw.name, where);
  return header;
}

function entryType(type: Header['type'] | null | undefined): EntryType {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case null:
    case undefined:
      return 'file';
    case 'directory':
      return 'dir';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** Recognise `.wh.NAME` and `.wh..wh..opq` by their base name and set type and target. */
function markWhiteout(header: EntryHeader, rawName: string, where: string): void {
  const name = baseName(header.path);
  if (!name.startsWith(WHITEOUT_PREFIX)) return;
  const dir = parentOf(header.path);
  if (name === OPAQUE_MARKER) {
    header.type = 'opaque';
    header.target = dir;
    return;
  }
  // Other `.wh..wh.` names are aufs bookkeeping (hard-link dirs), not deletions.
  if (name.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) {
    header.type = 'other';
    return;
  }
  const deleted = name.slice(WHITEOUT_PREFIX.length);
  if (deleted === '' || deleted === '.' || deleted === '..') {
    throw new VigiaError('UNSAFE_PATH', `${where}: whiteout "${rawName}" names no file inside its directory`);
  }
  header.type = 'whiteout';
  header.target = dir === '/' ? `/${deleted}` : `${dir}/${deleted}`;
}
