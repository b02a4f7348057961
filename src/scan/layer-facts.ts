import type { Fact } from '../core/facts.js';
import type { SecretHit } from '../core/secrets.js';
import type { Warning } from '../core/warnings.js';

/**
 * Everything vigia learns from one layer, independent of any other layer and of the advisory
 * DB: what the layer cache stores under the layer's diffID and the analyzers' versions.
 */
export interface LayerFacts {
  diffID: string;
  /** Facts from the file analyzers (packages, OS, owned files, file notes). */
  facts: Fact[];
  /** Secrets found in the layer's files (already redacted). */
  secrets: SecretHit[];
  /** Absolute paths deleted by whiteouts in this layer (from lower layers). */
  whiteouts: string[];
  /** Directories made opaque in this layer (lower layers' contents hidden). */
  opaqueDirs: string[];
  /** Every non-directory path the layer adds or replaces, sorted (to tell replaced files). */
  paths: string[];
  stats: { entries: number; files: number; uncompressedBytes: number; compressedBytes: number };
  warnings: Warning[];
}
