/**
 * The keyword pre-filter: an Aho–Corasick automaton over bytes, ASCII case-insensitive, that
 * finds which of many keywords occur in one pass (about a nanosecond a byte), so that a rule's
 * regex runs only on text that contains one of its keywords. Keywords are matched as UTF-8
 * bytes; only ASCII letters fold case.
 */
export class KeywordMatcher {
  /** delta[state * 256 + byte] → next state (a complete DFA). */
  private readonly delta: Int32Array;
  /** Keyword ids that end at each state (failure-link outputs merged). */
  private readonly outputs: ReadonlyArray<readonly number[]>;
  readonly size: number;

  constructor(keywords: readonly string[]) {
    this.size = keywords.length;
    const goto: Array<Map<number, number>> = [new Map()];
    const out: number[][] = [[]];
    keywords.forEach((keyword, id) => {
      let state = 0;
      for (const byte of Buffer.from(keyword.toLowerCase(), 'utf8')) {
        let next = goto[state]!.get(byte);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[state]!.set(byte, next);
        }
        state = next;
      }
      out[state]!.push(id);
    });
    const delta = new Int32Array(goto.length * 256);
    const fail = new Int32Array(goto.length);
    const queue: number[] = [];
    for (let b = 0; b < 256; b++) {
      const next = goto[0]!.get(fold(b));
      delta[b] = next ?? 0;
      if (next !== undefined && fold(b) === b) queue.push(next);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      out[state] = [...out[state]!, ...out[fail[state]!]!];
      for (let b = 0; b < 256; b++) {
        const next = goto[state]!.get(fold(b));
        if (next !== undefined && fold(b) === b) {
          fail[next] = delta[fail[state]! * 256 + b]!;
          queue.push(next);
        }
        delta[state * 256 + b] = next ?? delta[fail[state]! * 256 + b]!;
      }
    }
    this.delta = delta;
    this.outputs = out;
  }

  /** Mark in `found` (indexed by keyword id) the keywords that occur in `bytes`. */
  find(bytes: Uint8Array, found: Uint8Array): void {
    const { delta, outputs } = this;
    let state = 0;
    let missing = 0;
    for (let id = 0; id < this.size; id++) if (!found[id]) missing++;
    if (missing === 0) return;
    for (let i = 0; i < bytes.length; i++) {
      state = delta[(state << 8) | bytes[i]!]!;
      const ids = outputs[state]!;
      if (ids.length === 0) continue;
      for (const id of ids) {
        if (found[id]) continue;
        found[id] = 1;
        if (--missing === 0) return;
      }
    }
  }
}

/** ASCII upper case → lower case; every other byte unchanged. */
function fold(b: number): number {
  return b >= 65 && b <= 90 ? b + 32 : b;
}
