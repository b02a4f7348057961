import { createHash } from 'node:crypto';
import picomatch from 'picomatch';
import { VigiaError } from '../../core/errors.js';
import { DEFAULT_ALLOW } from './allow.js';
import { KeywordMatcher } from './keywords.js';
import { compileRegex, shannonEntropy } from './regex.js';
import { DEFAULT_RULES } from './rules.js';
import type { AllowRule, CompiledAllow, CompiledRule, RawMatch, RuleSource, SecretRule } from './types.js';

/** Bump when the scanning engine changes what it reports for the same rules. */
const ENGINE_VERSION = 1;

/** Default size cap: larger files are not scanned (a warning says so when they are text). */
export const DEFAULT_SECRET_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** What a scanner is built from: the defaults plus the user's `secrets:` section. */
export interface SecretScannerOptions {
  /** Extra rules (a rule with a built-in id replaces it). */
  rules?: readonly SecretRule[];
  /** Extra allow-rules. */
  allow?: readonly AllowRule[];
  /** Rule ids to turn off. */
  disableRules?: readonly string[];
  maxFileBytes?: number;
  /** Leave out the built-in rules/allow-rules (tests and special uses). */
  builtins?: boolean;
}

/** A compiled rule set. Pure and reusable across files, layers and images. */
export interface SecretScanner {
  readonly rules: readonly CompiledRule[];
  readonly maxFileBytes: number;
  /** Changes whenever rules, allow-rules or the cap change: part of the layer-cache key. */
  readonly version: number;
  /** False when an allow-rule exempts every rule for this path: the file is not read at all. */
  scansPath(path: string): boolean;
  /** The rules worth running on `bytes`: those with a keyword in it and those without keywords. */
  candidates(bytes: Uint8Array): readonly CompiledRule[];
  /**
   * All matches in `text` that survive the entropy checks and allow-rules. `path` is used for
   * path allow-rules and rule variants; `rules` defaults to the candidates for `text`.
   */
  scan(text: string, path: string, rules?: readonly CompiledRule[]): RawMatch[];
}

/** Build a scanner from the built-in rules plus `options`. Bad user regexes are CONFIG_INVALID. */
export function createSecretScanner(options: SecretScannerOptions = {}): SecretScanner {
  const builtins = options.builtins ?? true;
  const disabled = new Set(options.disableRules ?? []);
  const byId = new Map<string, { rule: SecretRule; source: RuleSource }>();
  if (builtins) for (const rule of DEFAULT_RULES) byId.set(rule.id, { rule, source: 'builtin' });
  for (const rule of options.rules ?? []) byId.set(rule.id, { rule, source: 'user' });
  const allowRules: Array<{ rule: AllowRule; source: RuleSource }> = [
    ...(builtins ? DEFAULT_ALLOW.map((rule) => ({ rule, source: 'builtin' as const })) : []),
    ...(options.allow ?? []).map((rule) => ({ rule, source: 'user' as const })),
  ];
  const globalAllow = allowRules.map(({ rule, source }) => compileAllow(rule, source));
  const rules: CompiledRule[] = [];
  const keywordIds = new Map<string, number>();
  for (const { rule, source } of byId.values()) {
    if (disabled.has(rule.id)) continue;
    rules.push({
      rule,
      source,
      keywordIds: rule.keywords.map((k) => {
        const key = k.toLowerCase();
        if (!keywordIds.has(key)) keywordIds.set(key, keywordIds.size);
        return keywordIds.get(key)!;
      }),
      regex: compileOrThrow(rule.regex, `rule ${rule.id}`, 'gd'),
      variants: (rule.variants ?? []).map((v) => ({
        path: globs(v.paths),
        regex: compileOrThrow(v.regex, `rule ${rule.id}`, 'gd'),
      })),
      allow: [
        ...(rule.allow ?? []).map((a) => compileAllow({ ...a, rules: [rule.id] }, source)),
        ...globalAllow.filter((a) => !a.rules || a.rules.has(rule.id)),
      ],
    });
  }
  const skipAll = globalAllow.filter((a) => a.path && !a.secret && !a.rules);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_SECRET_MAX_FILE_BYTES;
  const version = versionOf(rules, allowRules, maxFileBytes);
  const matcher = new KeywordMatcher([...keywordIds.keys()]);
  const candidates = (bytes: Uint8Array): CompiledRule[] => {
    const found = new Uint8Array(matcher.size);
    matcher.find(bytes, found);
    return rules.filter((r) => r.keywordIds.length === 0 || r.keywordIds.some((id) => found[id]));
  };
  return {
    rules,
    maxFileBytes,
    version,
    scansPath: (path) => !skipAll.some((a) => a.path?.(path)),
    candidates,
    scan: (text, path, active) => scanText(active ?? candidates(Buffer.from(text, 'utf8')), text, path),
  };
}

function scanText(rules: readonly CompiledRule[], text: string, path: string): RawMatch[] {
  const out: RawMatch[] = [];
  for (const compiled of rules) {
    const regex = compiled.variants.find((v) => v.path(path))?.regex ?? compiled.regex;
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const match = toRawMatch(compiled, m, text);
      if (match && !isAllowed(compiled, text.slice(match.secretStart, match.secretEnd), path))
        out.push(match);
    }
  }
  return dropFallbacks(out);
}

/** Drop fallback matches whose secret overlaps a specific rule's secret. */
function dropFallbacks(matches: RawMatch[]): RawMatch[] {
  const specific = matches.filter((m) => !m.rule.rule.fallback);
  if (specific.length === matches.length) return matches;
  return matches.filter(
    (m) =>
      !m.rule.rule.fallback ||
      !specific.some((s) => s.secretStart < m.secretEnd && m.secretStart < s.secretEnd),
  );
}

function toRawMatch(compiled: CompiledRule, m: RegExpExecArray, text: string): RawMatch | undefined {
  const { rule } = compiled;
  const group = rule.secretGroup;
  const span =
    group === undefined
      ? m.indices?.[0]
      : typeof group === 'number'
        ? m.indices?.[group]
        : m.indices?.groups?.[group];
  if (!span) return undefined;
  let [secretStart, secretEnd] = span;
  while (secretStart < secretEnd && isSpace(text.charCodeAt(secretStart))) secretStart++;
  while (secretEnd > secretStart && isSpace(text.charCodeAt(secretEnd - 1))) secretEnd--;
  if (secretStart === secretEnd) return undefined;
  if (rule.entropy !== undefined && shannonEntropy(text.slice(secretStart, secretEnd)) < rule.entropy) {
    return undefined;
  }
  let start = m.index;
  // Show the key name a generic match follows (`DB_PASSWORD=` rather than `PASSWORD=`).
  while (start > 0 && m.index - start < 40 && isKeyChar(text.charCodeAt(start - 1))) start--;
  return { rule: compiled, start, end: m.index + m[0].length, secretStart, secretEnd };
}

function isAllowed(compiled: CompiledRule, secret: string, path: string): boolean {
  return compiled.allow.some((a) => (!a.path || a.path(path)) && (!a.secret || a.secret(secret)));
}

function compileAllow(rule: AllowRule, source: RuleSource): CompiledAllow {
  const where = `allow-rule ${rule.id}`;
  const regexes = (rule.regexes ?? []).map((r) => compileOrThrow(r, where, ''));
  const values = new Set(rule.values ?? []);
  const hasSecret = regexes.length > 0 || values.size > 0;
  return {
    id: rule.id,
    source,
    rules: rule.rules ? new Set(rule.rules) : undefined,
    path: rule.paths?.length ? globs(rule.paths) : undefined,
    secret: hasSecret ? (s) => values.has(s) || regexes.some((r) => r.test(s)) : undefined,
  };
}

/** One predicate for a list of picomatch globs (dotfiles included). */
function globs(patterns: readonly string[]): (path: string) => boolean {
  const isMatch = picomatch([...patterns], { dot: true });
  return (path) => isMatch(path);
}

function compileOrThrow(pattern: string, where: string, flags: string): RegExp {
  try {
    return compileRegex(pattern, flags);
  } catch (err) {
    throw new VigiaError(
      'CONFIG_INVALID',
      `${where}: invalid regex ${JSON.stringify(pattern)}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}

function versionOf(
  rules: readonly CompiledRule[],
  allow: ReadonlyArray<{ rule: AllowRule }>,
  maxFileBytes: number,
): number {
  const canonical = JSON.stringify({
    engine: ENGINE_VERSION,
    rules: rules.map((r) => r.rule),
    allow: allow.map((a) => a.rule),
    maxFileBytes,
  });
  // 31 bits of the digest: a positive integer that changes with the rule set.
  return Number.parseInt(createHash('sha256').update(canonical).digest('hex').slice(0, 8), 16) >>> 1;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function isKeyChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 45 ||
    code === 46
  );
}
