/** A secret found in a file of a layer (or in the image config). The match is always redacted. */
export interface SecretHit {
  ruleId: string;
  /** e.g. `AWS`, `GitHub`, `PrivateKey`, `Generic`. */
  category: string;
  title: string;
  severity: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';
  /** Absolute path in the image, or `config:Env`, `config:Labels`, `history[3]` for the config. */
  path: string;
  /** 1-based line of the match start. */
  line: number;
  /** 1-based column (in bytes for files, characters for config strings) of the match start. */
  column?: number;
  /** Whether the rule is built in or comes from the user's config file. */
  ruleSource?: 'builtin' | 'user';
  /** The matched text, redacted to its first and last few characters. */
  redacted: string;
  /** A stable fingerprint of the secret (hash of the unredacted match), for ignores and diffs. */
  fingerprint: string;
}
