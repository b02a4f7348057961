import type { AdvisoryRange, AffectedPackage, RangeEvent } from '../core/advisory.js';
import { VigiaError } from '../core/errors.js';
import { goScheme } from './go/index.js';
import { semverScheme } from './semver/index.js';
import type { VersionScheme } from './types.js';

/** Whether an installed version is affected, and the fix to suggest. */
export interface AffectedVerdict {
  affected: boolean;
  /** Lowest `fixed` event above the installed version among the ranges that contain it. */
  fixedVersion?: string;
}

type Kind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

interface Event {
  kind: Kind;
  version: string;
}

function eventOf(e: RangeEvent): Event {
  if ('introduced' in e) return { kind: 'introduced', version: e.introduced };
  if ('fixed' in e) return { kind: 'fixed', version: e.fixed };
  if ('last_affected' in e) return { kind: 'last_affected', version: e.last_affected };
  return { kind: 'limit', version: e.limit };
}

/** `introduced: "0"` is "from the beginning"; `limit: "*"` is "no limit". */
const isZero = (e: Event) => e.kind === 'introduced' && e.version === '0';
const isStar = (e: Event) => e.kind === 'limit' && e.version === '*';

/**
 * The order a range's events use: `ECOSYSTEM` → the package's scheme; `SEMVER` → SemVer 2.0
 * precedence (node-semver, leading `v` tolerated), except for Go packages, whose comparator is
 * the same precedence on SemVer strings and also reads `go1.x` toolchain tags and `v` prefixes.
 */
function orderFor(scheme: VersionScheme, range: AdvisoryRange): VersionScheme {
  if (range.type === 'ECOSYSTEM') return scheme;
  return scheme.id === 'go' ? goScheme : semverScheme;
}

interface RangeResult {
  contains: boolean;
  fixed?: string;
}

/** One range, per the OSV evaluation algorithm (events sorted by version, then walked). */
function evaluateRange(order: VersionScheme, installed: string, range: AdvisoryRange): RangeResult {
  const events = range.events.map(eventOf);
  for (const e of events) {
    if (isZero(e) || isStar(e)) continue;
    // throws VERSION_INVALID naming the event version
    order.compare(e.version, e.version);
  }
  const limits = events.filter((e) => e.kind === 'limit' && !isStar(e));
  if (limits.length > 0 && !limits.some((l) => order.compare(installed, l.version) < 0))
    return { contains: false };
  const sorted = events
    .map((e, index) => ({ e, index }))
    .filter(({ e }) => e.kind !== 'limit')
    .sort((x, y) => {
      if (isZero(x.e) || isZero(y.e))
        return isZero(x.e) === isZero(y.e) ? x.index - y.index : isZero(x.e) ? -1 : 1;
      return order.compare(x.e.version, y.e.version) || x.index - y.index;
    })
    .map(({ e }) => e);
  let vulnerable = false;
  for (const e of sorted) {
    if (e.kind === 'introduced') {
      if (isZero(e) || order.compare(installed, e.version) >= 0) vulnerable = true;
    } else if (e.kind === 'fixed') {
      if (order.compare(installed, e.version) >= 0) vulnerable = false;
    } else if (e.kind === 'last_affected') {
      if (order.compare(installed, e.version) > 0) vulnerable = false;
    }
  }
  if (!vulnerable) return { contains: false };
  let fixed: string | undefined;
  for (const e of sorted) {
    if (e.kind !== 'fixed' || order.compare(e.version, installed) <= 0) continue;
    if (fixed === undefined || order.compare(e.version, fixed) < 0) fixed = e.version;
  }
  return fixed === undefined ? { contains: true } : { contains: true, fixed };
}

/** `a < b` in `order`; false when `b` (a fix from a range of another type) is not comparable there. */
function lower(order: VersionScheme, a: string, b: string): boolean {
  return order.isValid(b) && order.compare(a, b) < 0;
}

/**
 * Is `installed` affected by one OSV `affected` entry? Ranges are OR'ed, and so is membership
 * of the explicit `versions` list (by the scheme's equality, so `1.0` matches `1.0.0` where the
 * scheme says they are equal).
 *
 * Throws `VERSION_INVALID` when `installed` is not a valid version, and when a range with an
 * unparsable event would have to decide the answer (no other range and no listed version says
 * "affected"): an unreadable advisory never silently means "not affected". Unparsable entries of
 * `versions` are skipped: a valid installed version cannot be equal to them.
 */
export function evaluateAffected(
  scheme: VersionScheme,
  installed: string,
  affected: Pick<AffectedPackage, 'ranges' | 'versions'>,
): AffectedVerdict {
  scheme.compare(installed, installed);
  let affectedNow = affected.versions.some(
    (v) => v === installed || (scheme.isValid(v) && scheme.compare(v, installed) === 0),
  );
  let fixedVersion: string | undefined;
  let failure: VigiaError | undefined;
  for (const range of affected.ranges) {
    const order = orderFor(scheme, range);
    let result: RangeResult;
    try {
      if (range.type === 'SEMVER' && order !== scheme) order.compare(installed, installed);
      result = evaluateRange(order, installed, range);
    } catch (err) {
      if (!(err instanceof VigiaError) || err.code !== 'VERSION_INVALID') throw err;
      failure ??= err;
      continue;
    }
    if (!result.contains) continue;
    affectedNow = true;
    if (
      result.fixed !== undefined &&
      (fixedVersion === undefined || lower(order, result.fixed, fixedVersion))
    ) {
      fixedVersion = result.fixed;
    }
  }
  if (!affectedNow && failure) throw failure;
  return fixedVersion === undefined ? { affected: affectedNow } : { affected: affectedNow, fixedVersion };
}
