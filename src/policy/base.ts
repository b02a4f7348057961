import type { ReportArtifact, ReportBase, ReportLayer } from '../report/types.js';
import { canonicalName, type BaseCatalogue, type BaseEntry } from './catalogue.js';
import { isDigest, type Policy } from './schema.js';
import { matchesSource } from './sources.js';

/** How the base image was found, what it is and how many of the image's layers it covers. */
export type BaseDetection = ReportBase;

/** OCI pre-defined annotations (used as image labels) naming the base image. */
export const BASE_NAME_LABEL = 'org.opencontainers.image.base.name';
export const BASE_DIGEST_LABEL = 'org.opencontainers.image.base.digest';

/** A layer as base detection needs it: its diffID, and its history date for the base's age. */
export type DetectionLayer = Pick<ReportLayer, 'diffID'> & Partial<Pick<ReportLayer, 'created'>>;

/**
 * Detect the base image, in this order (docs/policy.md):
 * 1. the OCI labels `org.opencontainers.image.base.name` / `.base.digest`. Labels carry no layer
 *    list: the layer count comes from the catalogue entry with that digest (else that name)
 *    when its diffIDs are the image's leading diffIDs; otherwise it is 0 and `note` says why;
 * 2. the catalogue: the entry whose diffIDs are the longest prefix of the image's diffIDs;
 * 3. else `unknown`.
 * `approved`: a catalogue entry is approved by definition; otherwise the base's name must match
 * `bases.approved` (or the name of a catalogue entry) or its digest be listed there. It is
 * `'unknown'` when the base is unknown, or when the policy approves no base at all.
 */
export function detectBase(
  artifact: Pick<ReportArtifact, 'config'>,
  layers: readonly DetectionLayer[],
  catalogue: BaseCatalogue,
  policy: Policy,
): BaseDetection {
  const labels = artifact.config.labels ?? {};
  const labelName = labels[BASE_NAME_LABEL]?.trim() || undefined;
  const labelDigest = labels[BASE_DIGEST_LABEL]?.trim() || undefined;
  const diffIDs = layers.map((l) => l.diffID);
  const judged = policy.bases?.approved?.length || catalogue.bases.length;

  if (labelName || labelDigest) {
    const byDigest = labelDigest ? catalogue.bases.filter((b) => b.manifestDigest === labelDigest) : [];
    const byName =
      labelName && byDigest.length === 0
        ? catalogue.bases.filter((b) => canonicalName(b.name) === canonicalName(labelName))
        : [];
    const candidates = byDigest.length > 0 ? byDigest : byName;
    const entry = longest(candidates.filter((b) => isPrefix(b.diffIDs, diffIDs)));
    const out: BaseDetection = { method: 'label', layers: 0, approved: 'unknown' };
    if (labelName) out.name = labelName;
    if (labelDigest) out.digest = labelDigest;
    if (entry) {
      out.layers = entry.diffIDs.length;
      out.approved = true;
      out.current = isCurrent(entry, catalogue);
      const created = entry.created ?? layers[entry.diffIDs.length - 1]?.created;
      if (created) out.created = created;
      return out;
    }
    out.note =
      candidates.length > 0
        ? "the catalogue's layers for this base are not this image's leading layers"
        : 'the base is not in the catalogue, so its layers are unknown (record it with `vigia policy add-base`)';
    if (judged) out.approved = approvedByPolicy(labelName, labelDigest, policy, catalogue);
    if (labelName && catalogue.bases.some((b) => sameName(b, labelName))) {
      out.current = false;
    }
    return out;
  }

  const entry = longest(catalogue.bases.filter((b) => isPrefix(b.diffIDs, diffIDs)));
  if (!entry) return { method: 'unknown', layers: 0, approved: 'unknown' };
  const out: BaseDetection = {
    method: 'catalogue',
    name: entry.name,
    layers: entry.diffIDs.length,
    approved: true,
    current: isCurrent(entry, catalogue),
  };
  if (entry.manifestDigest) out.digest = entry.manifestDigest;
  const created = entry.created ?? layers[entry.diffIDs.length - 1]?.created;
  if (created) out.created = created;
  return out;
}

function approvedByPolicy(
  name: string | undefined,
  digest: string | undefined,
  policy: Policy,
  catalogue: BaseCatalogue,
): boolean {
  for (const rule of policy.bases?.approved ?? []) {
    if (isDigest(rule) ? rule === digest : name !== undefined && matchesSource(name, rule)) return true;
  }
  return name !== undefined && catalogue.bases.some((b) => sameName(b, name));
}

function sameName(entry: BaseEntry, name: string): boolean {
  return canonicalName(entry.name) === canonicalName(name);
}

/** True when no entry of the same name was added after this one. */
function isCurrent(entry: BaseEntry, catalogue: BaseCatalogue): boolean {
  return !catalogue.bases.some(
    (b) => b !== entry && sameName(b, entry.name) && time(b.addedAt) > time(entry.addedAt),
  );
}

function isPrefix(prefix: readonly string[], of: readonly string[]): boolean {
  return prefix.length > 0 && prefix.length <= of.length && prefix.every((d, i) => d === of[i]);
}

/** The entry covering the most layers; ties go to the newest, then to the name, for determinism. */
function longest(entries: readonly BaseEntry[]): BaseEntry | undefined {
  let best: BaseEntry | undefined;
  for (const e of entries) {
    if (
      !best ||
      e.diffIDs.length > best.diffIDs.length ||
      (e.diffIDs.length === best.diffIDs.length &&
        (time(e.addedAt) > time(best.addedAt) ||
          (time(e.addedAt) === time(best.addedAt) && e.name < best.name)))
    ) {
      best = e;
    }
  }
  return best;
}

function time(rfc3339: string): number {
  return Date.parse(rfc3339);
}
