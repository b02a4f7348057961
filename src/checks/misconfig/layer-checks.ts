import type { MisconfigFinding } from '../../report/types.js';
import { IMAGE_CHECKS } from './catalogue.js';
import { packageCacheKind, type FileNoteFact } from './file-notes.js';
import { makeFinding } from './finding.js';
import { applicationLayers, originOf, type ImageCheckInput, type ImageCheckLayer } from './input.js';

const SUDO_PATHS = new Set(['/usr/bin/sudo', '/bin/sudo', '/usr/local/bin/sudo', '/usr/sbin/sudo']);

/**
 * Checks of the files the layers hold: package-manager caches (every layer: their bytes ship
 * even when a later layer deletes them), sudo (from the packages or the setuid binary), and
 * setuid/setgid or world-writable files added by application layers and still visible.
 */
export function layerChecks(input: ImageCheckInput): MisconfigFinding[] {
  const visible = input.isVisible ?? (() => true);
  const out: MisconfigFinding[] = [];
  for (const layer of input.layers) out.push(...cacheFindings(layer));

  const sudoPackage = input.packages?.find((p) => p.name === 'sudo');
  const sudoFile = input.layers
    .flatMap((l) =>
      l.fileNotes.filter((n) => SUDO_PATHS.has(n.path) && visible(l.index, n.path)).map((n) => ({ l, n })),
    )
    .at(-1);
  if (sudoPackage || sudoFile) {
    out.push(
      makeFinding(
        IMAGE_CHECKS.sudoInstalled,
        'image',
        'sudo',
        sudoPackage
          ? { value: `package ${sudoPackage.ecosystem}/sudo`, ...(sudoFile ? { path: sudoFile.n.path } : {}) }
          : { path: sudoFile!.n.path, value: 'setuid sudo binary' },
        sudoFile ? { layer: originOf(sudoFile.l) } : {},
      ),
    );
  }

  for (const layer of applicationLayers(input.layers)) {
    const byPath = new Map<string, FileNoteFact[]>();
    for (const note of layer.fileNotes) {
      if (note.note === 'package-cache' || !visible(layer.index, note.path)) continue;
      byPath.set(note.path, [...(byPath.get(note.path) ?? []), note]);
    }
    for (const [path, notes] of [...byPath].sort(([a], [b]) => a.localeCompare(b))) {
      const mode = `mode ${(notes[0]!.mode & 0o7777).toString(8).padStart(4, '0')}`;
      const privileged = notes.filter((n) => n.note === 'setuid' || n.note === 'setgid').map((n) => n.note);
      if (privileged.length > 0) {
        out.push(
          makeFinding(
            IMAGE_CHECKS.setuidFile,
            'image',
            path,
            { path, value: `${privileged.join('+')}, ${mode}` },
            {
              layer: originOf(layer),
            },
          ),
        );
      }
      if (notes.some((n) => n.note === 'world-writable')) {
        out.push(
          makeFinding(
            IMAGE_CHECKS.worldWritable,
            'image',
            path,
            { path, value: mode },
            { layer: originOf(layer) },
          ),
        );
      }
    }
  }
  return out;
}

/** One finding per cache kind per layer, with the bytes it wastes (empty files alone are not). */
function cacheFindings(layer: ImageCheckLayer): MisconfigFinding[] {
  const kinds = new Map<string, { bytes: number; files: number; first: string }>();
  for (const note of layer.fileNotes) {
    if (note.note !== 'package-cache') continue;
    const kind = packageCacheKind(note.path) ?? 'other';
    const k = kinds.get(kind) ?? { bytes: 0, files: 0, first: note.path };
    k.bytes += note.size;
    k.files += 1;
    if (note.path < k.first) k.first = note.path;
    kinds.set(kind, k);
  }
  return [...kinds]
    .filter(([, k]) => k.bytes > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, k]) =>
      makeFinding(
        IMAGE_CHECKS.packageCache,
        'image',
        `${kind}@${layer.index}`,
        { path: k.first, bytes: k.bytes, value: `${kind}: ${k.files} file${k.files === 1 ? '' : 's'}` },
        { layer: originOf(layer) },
      ),
    );
}
