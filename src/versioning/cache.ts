/**
 * A bounded memo of parsed versions. The matcher compares the same few installed versions with
 * many advisory events, so parsing once per distinct string is what keeps `compare` fast.
 * Failures are memoised too (as the error to rethrow), so a bad version costs one parse.
 */
export class ParseCache<T> {
  private readonly map = new Map<string, T | Error>();

  constructor(
    private readonly parse: (version: string) => T,
    private readonly limit = 50_000,
  ) {}

  /** The parsed form of `version`; rethrows the parse error (memoised) for an invalid one. */
  get(version: string): T {
    let hit = this.map.get(version);
    if (hit === undefined) {
      try {
        hit = this.parse(version);
      } catch (err) {
        if (!(err instanceof Error)) throw err;
        hit = err;
      }
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(version, hit);
    }
    if (hit instanceof Error) throw hit;
    return hit;
  }

  /** True when `version` parses. */
  ok(version: string): boolean {
    try {
      this.get(version);
      return true;
    } catch {
      return false;
    }
  }
}
