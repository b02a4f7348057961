import picomatch from 'picomatch';
import type { Analyzer } from '../../analyzers/types.js';
import type { Fact, FileNote } from '../../core/facts.js';
import type { EntryHeader } from '../../image/types.js';

/** A `file-note` fact. */
export type FileNoteFact = Extract<Fact, { kind: 'file-note' }>;

const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
const S_ISVTX = 0o1000;
const S_IWOTH = 0o002;

/** Package-manager caches: what a cleaning step would have removed. */
export const PACKAGE_CACHE_GLOBS: Readonly<Record<string, readonly string[]>> = {
  'apt-lists': ['/var/lib/apt/lists/*', '!/var/lib/apt/lists/lock'],
  'apt-archives': ['/var/cache/apt/archives/*.deb'],
  'apt-pkgcache': ['/var/cache/apt/*.bin'],
  apk: ['/var/cache/apk/**', '/etc/apk/cache/**'],
  'yum-dnf': ['/var/cache/yum/**', '/var/cache/dnf/**'],
  pip: ['/root/.cache/pip/**', '/home/*/.cache/pip/**'],
  npm: ['/root/.npm/_cacache/**', '/home/*/.npm/_cacache/**'],
  yarn: ['/usr/local/share/.cache/yarn/**', '/root/.cache/yarn/**', '/home/*/.cache/yarn/**'],
};

const cacheMatchers = Object.entries(PACKAGE_CACHE_GLOBS).map(([kind, globs]) => {
  const include = globs.filter((g) => !g.startsWith('!'));
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  const isIn = picomatch(include, { dot: true });
  const isOut = exclude.length > 0 ? picomatch(exclude, { dot: true }) : () => false;
  return { kind, matches: (path: string) => isIn(path) && !isOut(path) };
});

const CACHE_PREFIXES = ['/var/', '/root/', '/home/', '/usr/local/share/', '/etc/apk/'];

/** Which package-manager cache `path` belongs to, if any (`apt-lists`, `pip`, …). */
export function packageCacheKind(path: string): string | undefined {
  if (!CACHE_PREFIXES.some((p) => path.startsWith(p))) return undefined;
  return cacheMatchers.find((m) => m.matches(path))?.kind;
}

function notesOf(header: EntryHeader): FileNote[] {
  const notes: FileNote[] = [];
  if (header.type === 'file') {
    if (header.mode & S_ISUID) notes.push('setuid');
    if (header.mode & S_ISGID) notes.push('setgid');
    if (header.mode & S_IWOTH) notes.push('world-writable');
    if (packageCacheKind(header.path)) notes.push('package-cache');
  } else if (header.type === 'dir' && header.mode & S_IWOTH && !(header.mode & S_ISVTX)) {
    // A world-writable directory without the sticky bit (unlike /tmp): anyone can replace files in it.
    notes.push('world-writable');
  }
  return notes;
}

/**
 * The header-only analyzer behind the file checks: notes setuid and setgid regular files,
 * world-writable regular files and world-writable directories without the sticky bit (symlinks
 * are always 0777 and never noted), and files of package-manager caches with their size. One
 * fact per note; a file can carry several.
 */
export const fileNotesAnalyzer: Analyzer = {
  id: 'file-notes',
  version: 1,
  maxBytes: 0,
  wants: (header) => notesOf(header).length > 0,
  analyze: ({ header }) => ({
    facts: notesOf(header).map((note): FileNoteFact => ({
      kind: 'file-note',
      analyzer: 'file-notes',
      path: header.path,
      note,
      size: header.size,
      mode: header.mode,
    })),
    warnings: [],
  }),
};
