/**
 * Parses the module-info text of a Go binary, the format `runtime/debug.BuildInfo.String()`
 * writes and `debug.ParseBuildInfo` reads: tab-separated lines
 * `path P`, `mod P V [SUM]`, `dep P V [SUM]`, `=> P V SUM` (replaces the module on the line
 * before), `build KEY=VALUE`. Unknown lines are kept as problems, not fatal.
 */

/** A module of the build list. */
export interface GoModule {
  path: string;
  version: string;
  sum?: string;
  replace?: GoModule;
}

/** Parsed module info. */
export interface GoModInfo {
  /** Package path of the main package (`path` line). */
  path?: string;
  /** The main module (`mod` line); absent when built outside a module or with `go run`. */
  main?: GoModule;
  deps: GoModule[];
  settings: [key: string, value: string][];
  /** Lines that could not be understood, each described. */
  problems: string[];
}

function module(fields: string[]): GoModule | undefined {
  const [path, version = '', sum] = fields;
  if (!path || fields.length > 3) return undefined;
  return { path, version, ...(sum ? { sum } : {}) };
}

/** Parses module info (already stripped of its sentinels). */
export function parseModInfo(text: string): GoModInfo {
  const info: GoModInfo = { deps: [], settings: [], problems: [] };
  let last: GoModule | undefined;
  for (const [i, line] of text.split('\n').entries()) {
    if (line === '') continue;
    const [kind = '', ...fields] = line.split('\t');
    const problem = (why: string) => info.problems.push(`module info line ${i + 1} (${kind}): ${why}`);
    switch (kind) {
      case 'go': // Go ≥ 1.18 repeats the toolchain version here in String(); not in the blob.
        break;
      case 'path':
        info.path = fields.join('\t');
        break;
      case 'mod':
      case 'dep': {
        const m = module(fields);
        if (!m) {
          problem(`expected path, version and optional sum, got ${fields.length} fields`);
          last = undefined;
          break;
        }
        if (kind === 'mod') info.main = m;
        else info.deps.push(m);
        last = m;
        break;
      }
      case '=>': {
        const r = module(fields);
        if (!r) problem(`expected path, version and sum, got ${fields.length} fields`);
        else if (!last) problem('replacement with no module on the line before');
        else if (last.replace) problem(`${last.path} replaced twice`);
        else last.replace = r;
        break;
      }
      case 'build': {
        const kv = fields.join('\t');
        const eq = kv.indexOf('=');
        if (eq <= 0) problem(`expected KEY=VALUE, got ${JSON.stringify(kv)}`);
        else info.settings.push([kv.slice(0, eq), kv.slice(eq + 1)]);
        break;
      }
      default:
        problem('unknown line kind');
    }
  }
  return info;
}
