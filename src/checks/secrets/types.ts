import type { SecretHit } from '../../core/secrets.js';

/** Severity of a rule or check, highest first. */
export type Severity = SecretHit['severity'];

/** Severities from lowest to highest, for `--fail-on` style comparisons. */
export const SEVERITY_ORDER: readonly Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

/**
 * A secret rule, as data. `regex` is JavaScript syntax; a leading `(?i)` is accepted and means
 * case-insensitive. A rule must not match across a line break unless it is `multiline`, in which
 * case its match must end with an explicit terminator (e.g. `-----END … PRIVATE KEY-----`) and
 * `start` names the literal its matches begin with, so that the chunked scanner can carry an
 * unfinished match over to the next chunk.
 */
export interface SecretRule {
  id: string;
  /** e.g. `AWS`, `GitHub`, `PrivateKey`, `Generic`. */
  category: string;
  title: string;
  severity: Severity;
  /**
   * Lowercase literals, at least one of which must occur in the text before the regex runs
   * (the fast pre-filter). Empty: the regex always runs.
   */
  keywords: readonly string[];
  regex: string;
  /** Capture group holding the secret (number or name); the whole match when absent. */
  secretGroup?: number | string;
  /** Minimum Shannon entropy (bits per character) of the secret; lower is dropped. */
  entropy?: number;
  multiline?: {
    /** Literal every match starts with. */
    start: string;
    /** Literal every match ends with (a `start` followed by an `end` is complete). */
    end?: string;
    /** Longest match, in bytes. */
    maxBytes: number;
  };
  /** Allow-rules that apply to this rule only (their `rules` field is ignored). */
  allow?: readonly AllowRule[];
  /**
   * Other regexes for some paths (first match wins), e.g. quoted literals only in source code.
   * They share the rule's `secretGroup`.
   */
  variants?: ReadonlyArray<{ paths: readonly string[]; regex: string }>;
  /** A fallback rule: dropped when a non-fallback rule matched the same secret. */
  fallback?: boolean;
}

/**
 * A reason to drop a match. Every condition given must hold (paths AND secret); within one
 * list any entry may match. An allow-rule with only `paths` and no `rules` means the files are
 * not scanned at all.
 */
export interface AllowRule {
  id: string;
  description: string;
  /** Limit to these rule ids; all rules when absent. */
  rules?: readonly string[];
  /** Globs on the absolute path in the image (picomatch syntax, dotfiles included). */
  paths?: readonly string[];
  /** Regexes tested against the secret (the rule's secret group). `(?i)` accepted. */
  regexes?: readonly string[];
  /** Exact secrets (compared case-sensitively). */
  values?: readonly string[];
}

/** Where a rule or allow-rule came from. */
export type RuleSource = 'builtin' | 'user';

/** One match before it becomes a SecretHit: offsets are in the scanned text. */
export interface RawMatch {
  rule: CompiledRule;
  /** Offset of the match start (or of the key name before it, for display). */
  start: number;
  end: number;
  secretStart: number;
  secretEnd: number;
}

/** A rule ready to run. */
export interface CompiledRule {
  readonly rule: SecretRule;
  readonly source: RuleSource;
  /** Ids of the rule's keywords in the scanner's keyword matcher. */
  readonly keywordIds: readonly number[];
  readonly regex: RegExp;
  readonly variants: ReadonlyArray<{ path: (path: string) => boolean; regex: RegExp }>;
  readonly allow: readonly CompiledAllow[];
}

/** An allow-rule ready to test. */
export interface CompiledAllow {
  readonly id: string;
  readonly source: RuleSource;
  readonly rules: ReadonlySet<string> | undefined;
  readonly path: ((path: string) => boolean) | undefined;
  readonly secret: ((secret: string) => boolean) | undefined;
}
