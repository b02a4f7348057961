import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { VigiaError } from '../../core/errors.js';
import { normaliseEntryName } from '../paths.js';
import { BLOCK, decodeHeader, decodePax, isZeroBlock, paddedSize } from './tar-headers.js';
import { type BlobStore, type Member, blobMissing, checkReadable, resolveMember } from './types.js';
import { fileError } from './dir.js';

/** Largest pax / GNU long-name record accepted while indexing. */
const MAX_META = 1024 * 1024;
/** Read size for member content streams. */
const READ_CHUNK = 1024 * 1024;

/**
 * A plain (uncompressed) tar archive: one header-only pass indexes every member's offset
 * (seeking over content, so it costs a few reads whatever the archive size), then every file is
 * served as a ranged read of the archive. No extraction, no temp files.
 */
export async function openTarFile(path: string, label: string = path): Promise<BlobStore> {
  const members = await indexTar(path, label);
  return membersStore(label, members, (member) =>
    member.size === 0
      ? Readable.from([])
      : createReadStream(path, {
          start: member.offset,
          end: member.offset + member.size - 1,
          highWaterMark: READ_CHUNK,
        }),
  );
}

/** A store over an in-memory member index, reading content through `stream`. */
export function membersStore(
  label: string,
  members: Map<string, Member>,
  stream: (member: Member, path: string) => Readable | Promise<Readable>,
): BlobStore {
  const find = (path: string) => {
    const found = resolveMember(members, `/${path}`, label);
    return found?.member.type === 'file' ? found : undefined;
  };
  return {
    label,
    async size(path) {
      return find(path)?.member.size;
    },
    async read(path, maxBytes) {
      const found = find(path);
      if (!found) throw blobMissing(label, path);
      checkReadable(label, path, found.member.size, maxBytes);
      if (found.member.data) return found.member.data;
      const chunks: Buffer[] = [];
      for await (const chunk of await stream(found.member, found.path)) chunks.push(chunk as Buffer);
      const data = Buffer.concat(chunks);
      if (data.length !== found.member.size) {
        throw new VigiaError('IMAGE_INVALID', `${label}: ${path} is truncated`);
      }
      return data;
    },
    async open(path) {
      const found = find(path);
      if (!found) throw blobMissing(label, path);
      return stream(found.member, found.path);
    },
    async topLevel() {
      return [...members.keys()].filter((p) => p.lastIndexOf('/') === 0).map((p) => p.slice(1));
    },
    async close() {},
  };
}

async function indexTar(path: string, label: string): Promise<Map<string, Member>> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw fileError(label, err);
  }
  try {
    const { size: fileSize } = await handle.stat();
    const members = new Map<string, Member>();
    const block = Buffer.alloc(BLOCK);
    let offset = 0;
    let longName: string | undefined;
    let longLink: string | undefined;
    let pax: Map<string, string> | undefined;
    while (offset + BLOCK <= fileSize) {
      await readExactly(handle, block, offset, label);
      if (isZeroBlock(block)) break;
      const header = decodeHeader(block);
      if (!header) {
        if (offset === 0) throw new VigiaError('IMAGE_INVALID', `${label}: not a tar archive`);
        throw new VigiaError('IMAGE_INVALID', `${label}: corrupt tar header at byte ${offset}`);
      }
      const contentAt = offset + BLOCK;
      offset = contentAt + paddedSize(header.size);
      if ('xgLK'.includes(header.typeflag)) {
        if (header.size > MAX_META || contentAt + header.size > fileSize) {
          throw new VigiaError('IMAGE_INVALID', `${label}: corrupt tar extended header at byte ${contentAt}`);
        }
        const data = Buffer.alloc(header.size);
        await readExactly(handle, data, contentAt, label);
        if (header.typeflag === 'x') pax = decodePax(data);
        if (header.typeflag === 'L') longName = data.toString('utf8').replace(/\0+$/, '');
        if (header.typeflag === 'K') longLink = data.toString('utf8').replace(/\0+$/, '');
        continue;
      }
      const name = pax?.get('path') ?? longName ?? header.name;
      const linkname = pax?.get('linkpath') ?? longLink ?? header.linkname;
      const size = pax?.has('size') ? Number(pax.get('size')) : header.size;
      if (pax?.has('size')) offset = contentAt + paddedSize(size);
      pax = longName = longLink = undefined;
      addMember(members, label, name, header.typeflag, size, contentAt, linkname);
    }
    return members;
  } finally {
    await handle.close();
  }
}

/** Record one archive member under its normalised path (archive members may not escape either). */
export function addMember(
  members: Map<string, Member>,
  label: string,
  name: string,
  typeflag: string,
  size: number,
  offset: number,
  linkname: string,
): Member {
  const key = normaliseEntryName(name);
  if (key === undefined) {
    throw new VigiaError('UNSAFE_PATH', `${label}: archive member "${name}" escapes the archive root`);
  }
  const type = memberType(typeflag);
  const member: Member = { type, size: type === 'file' ? size : 0, offset };
  if (type === 'symlink') member.linkTarget = linkname;
  if (type === 'hardlink') {
    const target = normaliseEntryName(linkname);
    if (target === undefined) {
      throw new VigiaError('UNSAFE_PATH', `${label}: archive hardlink "${name}" escapes the archive root`);
    }
    member.linkTarget = target;
  }
  members.set(key, member);
  return member;
}

function memberType(typeflag: string): Member['type'] {
  switch (typeflag) {
    case '0':
    case '7':
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '5':
      return 'dir';
    default:
      return 'other';
  }
}

async function readExactly(
  handle: FileHandle,
  buffer: Buffer,
  position: number,
  label: string,
): Promise<void> {
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
  if (bytesRead !== buffer.length) {
    throw new VigiaError('IMAGE_INVALID', `${label}: truncated tar archive at byte ${position}`);
  }
}
