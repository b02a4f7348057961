import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { loadSourceFile, type SourceFile } from '../config/load.js';
import { VigiaError } from '../core/errors.js';
import { formatReference } from '../registry/reference.js';
import { normaliseReference } from './sources.js';
import { strictValidate } from './validate.js';

/** The catalogue's default file name, kept beside the policy file. */
export const CATALOGUE_FILE = 'vigia-bases.yaml';

const digest = z.string().regex(/^sha256:[a-f0-9]{64}$/, 'expected a sha256:<64 hex> digest');

const EntrySchema = z.strictObject({
  /** The base's image reference, e.g. `registry.corp.example/base/debian:bookworm`. */
  name: z.string().refine((n) => normaliseReference(n) !== undefined, 'expected an image reference'),
  manifestDigest: digest.optional(),
  configDigest: digest.optional(),
  /** The base's `created` from its config. */
  created: z.string().optional(),
  /** The base's layer diffIDs, in order. */
  diffIDs: z.array(digest).min(1, 'expected at least one diffID'),
  addedAt: z.iso.datetime({ offset: true, error: 'expected an RFC 3339 date-time' }),
});

const CatalogueSchema = z.strictObject({
  version: z.literal(1, { error: 'expected 1' }),
  bases: z.array(EntrySchema),
});

/** One approved base, as `vigia policy add-base` recorded it. */
export type BaseEntry = z.output<typeof EntrySchema>;

/** The approved-base catalogue (`vigia-bases.yaml`). */
export interface BaseCatalogue {
  bases: BaseEntry[];
}

/** A catalogue with no base. */
export function emptyCatalogue(): BaseCatalogue {
  return { bases: [] };
}

/** Validate a parsed catalogue file (errors: `POLICY_INVALID`, `file:line: field: problem`). */
export function catalogueFromSource(file: SourceFile): BaseCatalogue {
  const parsed = strictValidate(file, file.data ?? { version: 1, bases: [] }, CatalogueSchema, []);
  return { bases: parsed.bases };
}

/**
 * Read a catalogue. A missing file is an empty catalogue unless `required` (a catalogue the
 * policy names explicitly must exist).
 */
export async function loadCatalogue(path: string, required = false): Promise<BaseCatalogue> {
  if (!existsSync(path) && !required) return emptyCatalogue();
  return catalogueFromSource(await loadSourceFile(path, 'POLICY_INVALID'));
}

/** The same base: same normalised name and manifest digest (or, without digests, same layers). */
function sameBase(a: BaseEntry, b: BaseEntry): boolean {
  if (canonicalName(a.name) !== canonicalName(b.name)) return false;
  if (a.manifestDigest || b.manifestDigest) return a.manifestDigest === b.manifestDigest;
  return a.diffIDs.join() === b.diffIDs.join();
}

/** `alpine:3.10` → `docker.io/library/alpine:3.10`; unparsable names stay as they are. */
export function canonicalName(name: string): string {
  const ref = normaliseReference(name);
  return ref ? formatReference(ref) : name;
}

/**
 * Record an approved base in `catalogueFile` (created if missing). The same name and digest
 * replaces its old entry; a new digest for a known name is added beside the old one, which
 * then counts as superseded (`BaseDetection.current: false`). Written atomically (temp file +
 * rename), so a reader never sees half a catalogue.
 */
export async function addBase(
  catalogueFile: string,
  entry: {
    name: string;
    manifestDigest?: string;
    configDigest?: string;
    created?: string;
    diffIDs: string[];
    addedAt: string;
  },
): Promise<void> {
  const catalogue = await loadCatalogue(catalogueFile);
  const result = EntrySchema.safeParse(entry);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new VigiaError('USAGE', `${entry.name}: cannot record as a base: ${field}: ${issue?.message}`);
  }
  const checked = result.data;
  const bases = catalogue.bases.filter((b) => !sameBase(b, checked));
  bases.push(checked);
  bases.sort(
    (a, b) =>
      cmp(canonicalName(a.name), canonicalName(b.name)) ||
      cmp(a.addedAt, b.addedAt) ||
      cmp(a.manifestDigest ?? '', b.manifestDigest ?? ''),
  );
  await writeAtomic(catalogueFile, renderCatalogue({ bases }));
}

/** The catalogue as YAML, with a header saying what it is. */
export function renderCatalogue(catalogue: BaseCatalogue): string {
  const header =
    '# vigia approved base images: written by `vigia policy add-base IMAGE`.\n' +
    '# Each entry is an approved base: its manifest digest and layer diffIDs (in order).\n' +
    "# Base detection matches an image's leading diffIDs against these (docs/policy.md).\n";
  return header + stringify({ version: 1, bases: catalogue.bases }, { lineWidth: 0 });
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new VigiaError('WRITE_FAILED', `cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
