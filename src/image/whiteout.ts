/**
 * OCI whiteout semantics (image-spec `layer.md`, "Whiteouts"), as pure functions over absolute
 * normalised paths. A whiteout `.wh.NAME` in layer j deletes `NAME` (and everything under it)
 * from the layers below j; an opaque marker `.wh..wh..opq` in directory D of layer j hides every
 * child of D from the layers below j, while D itself stays. Markers never hide entries of their
 * own layer, nor of layers above: "whiteout files MUST only apply to resources in lower/parent
 * layers", and a layer's own entries with the same name as its opaque directory stay visible.
 */

/** The file name prefix of a whiteout. */
export const WHITEOUT_PREFIX = '.wh.';
/** The file name of an opaque-directory marker. */
export const OPAQUE_MARKER = '.wh..wh..opq';

/** A deletion made by a layer: `whiteout` removes `target`; `opaque` empties directory `target`. */
export interface WhiteoutMarker {
  type: 'whiteout' | 'opaque';
  /** Absolute normalised path: the deleted path, or the directory made opaque. */
  target: string;
}

/** True when `path` is `ancestor` or lies below it. */
function isAtOrBelow(path: string, ancestor: string): boolean {
  if (ancestor === '/') return true;
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/** True when `path` lies strictly below directory `dir`. */
function isBelow(path: string, dir: string): boolean {
  if (dir === '/') return path !== '/';
  return path.startsWith(`${dir}/`);
}

/**
 * Does `marker`, found in layer `markerLayer`, hide `path` as it appears in layer `pathLayer`?
 * Only entries of strictly lower layers are hidden.
 */
export function hides(marker: WhiteoutMarker, markerLayer: number, path: string, pathLayer: number): boolean {
  if (pathLayer >= markerLayer) return false;
  return marker.type === 'whiteout' ? isAtOrBelow(path, marker.target) : isBelow(path, marker.target);
}

/**
 * The markers of the layers above some point, indexed for quick "is this path hidden?"
 * queries: O(depth of the path). Use it when squashing from the top layer down: add a layer's
 * markers after its entries have been placed, then ask about the entries of the layers below.
 */
export class WhiteoutIndex {
  private readonly deleted = new Set<string>();
  private readonly opaque = new Set<string>();

  /** Record a marker (from a layer above every path asked about later). */
  add(marker: WhiteoutMarker): void {
    (marker.type === 'whiteout' ? this.deleted : this.opaque).add(marker.target);
  }

  /** True when a recorded marker hides `path`. */
  hides(path: string): boolean {
    if (this.deleted.has(path)) return true;
    let dir = path;
    while (dir !== '/') {
      const i = dir.lastIndexOf('/');
      dir = i <= 0 ? '/' : dir.slice(0, i);
      if (this.opaque.has(dir) || this.deleted.has(dir)) return true;
    }
    return false;
  }

  /** How many markers were recorded. */
  get size(): number {
    return this.deleted.size + this.opaque.size;
  }
}

/**
 * Squash layers into the final file system view: `layers[i]` lists the paths that layer i
 * adds (in any order) and the markers it carries. Returns, for every visible path, the index
 * of the topmost layer that provides it. Directories are treated like any path here.
 */
export function squash(
  layers: ReadonlyArray<{ paths: Iterable<string>; markers: Iterable<WhiteoutMarker> }>,
): Map<string, number> {
  const visible = new Map<string, number>();
  const index = new WhiteoutIndex();
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    if (!layer) continue;
    for (const path of layer.paths) {
      if (visible.has(path) || index.hides(path)) continue;
      visible.set(path, i);
    }
    for (const marker of layer.markers) index.add(marker);
  }
  return visible;
}
