import { z } from 'zod';
import { loadSourceFile, validate } from '../../config/load.js';
import type { Warning } from '../../core/warnings.js';
import type { Finding, ReportArtifact, VulnerabilityFinding } from '../../report/types.js';
import { purlMatches } from './purl-match.js';

/**
 * OpenVEX (https://github.com/openvex/spec, v0.2.0; v0.0.x shapes accepted): statements that a
 * vulnerability does not affect (or was fixed in) a product suppress the matching findings.
 * Statements are applied in time order, later ones overriding earlier ones for the same
 * vulnerability and product.
 */
const component = z.union([
  z.string(),
  z
    .object({ '@id': z.string().optional(), identifiers: z.record(z.string(), z.string()).optional() })
    .passthrough(),
]);
const product = z.union([
  z.string(),
  z
    .object({
      '@id': z.string().optional(),
      identifiers: z.record(z.string(), z.string()).optional(),
      subcomponents: z.array(component).optional(),
    })
    .passthrough(),
]);
const statement = z
  .object({
    vulnerability: z.union([
      z.string(),
      z
        .object({
          name: z.string().optional(),
          '@id': z.string().optional(),
          aliases: z.array(z.string()).optional(),
        })
        .passthrough(),
    ]),
    products: z.array(product).optional(),
    subcomponents: z.array(component).optional(),
    status: z.enum(['not_affected', 'affected', 'fixed', 'under_investigation']),
    justification: z.string().optional(),
    impact_statement: z.string().optional(),
    status_notes: z.string().optional(),
    timestamp: z.string().optional(),
  })
  .passthrough();
const documentSchema = z
  .object({
    '@context': z.string().regex(/openvex/, 'not an OpenVEX document (@context)'),
    '@id': z.string().optional(),
    author: z.string().optional(),
    timestamp: z.string().optional(),
    statements: z.array(statement),
  })
  .passthrough();

type Statement = z.output<typeof statement>;
type Component = z.output<typeof component>;

/** A loaded VEX document. */
export interface VexDocument {
  path: string;
  author?: string;
  timestamp?: string;
  statements: Statement[];
}

/** Read and validate an OpenVEX JSON document. */
export async function loadVex(path: string): Promise<VexDocument> {
  const file = await loadSourceFile(path, 'CONFIG_INVALID');
  const doc = validate(file, file.data, documentSchema, [], 'CONFIG_INVALID');
  const out: VexDocument = { path, statements: doc.statements };
  if (doc.author) out.author = doc.author;
  if (doc.timestamp) out.timestamp = doc.timestamp;
  return out;
}

/**
 * Mark vulnerability findings suppressed by `not_affected` / `fixed` statements (recorded as
 * suppressed, not deleted). Returns warnings for statements that matched nothing.
 */
export function applyVex(
  findings: Finding[],
  docs: readonly VexDocument[],
  artifact: ReportArtifact,
): Warning[] {
  const warnings: Warning[] = [];
  const ordered = docs
    .flatMap((doc, d) =>
      doc.statements.map((s, i) => ({
        doc,
        s,
        order: d * 1e6 + i,
        time: s.timestamp ?? doc.timestamp ?? '',
      })),
    )
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.order - b.order));
  const vulns = findings.filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability');
  for (const { doc, s } of ordered) {
    const ids = vulnerabilityIds(s);
    let used = false;
    for (const f of vulns) {
      if (f.suppressed && f.suppressed.kind !== 'vex') continue;
      if (![f.id, ...f.aliases].some((id) => ids.has(id.toUpperCase()))) continue;
      if (!appliesTo(s, f, artifact)) continue;
      used = true;
      if (s.status === 'not_affected' || s.status === 'fixed') {
        const why = s.justification ?? s.impact_statement ?? s.status_notes ?? s.status;
        f.suppressed = { kind: 'vex', reason: `${s.status}: ${why}`, source: doc.path };
      } else if (f.suppressed?.kind === 'vex') {
        delete f.suppressed;
      }
    }
    if (!used) {
      warnings.push({
        code: 'vex-unused',
        message: `${doc.path}: VEX statement for ${[...ids].join(', ')} (${s.status}) matched no finding`,
      });
    }
  }
  return warnings;
}

function vulnerabilityIds(s: Statement): Set<string> {
  const v = s.vulnerability;
  const ids = typeof v === 'string' ? [v] : [v.name, v['@id'], ...(v.aliases ?? [])];
  return new Set(ids.filter((x): x is string => Boolean(x)).map((x) => x.toUpperCase()));
}

function appliesTo(s: Statement, f: VulnerabilityFinding, artifact: ReportArtifact): boolean {
  const products = s.products ?? [];
  if (products.length === 0) return (s.subcomponents ?? []).some((c) => componentIs(c, f.package.purl));
  for (const p of products) {
    const subs = typeof p === 'string' ? [] : [...(p.subcomponents ?? []), ...(s.subcomponents ?? [])];
    if (componentIs(p, f.package.purl)) return true;
    if (isImage(p, artifact) && (subs.length === 0 || subs.some((c) => componentIs(c, f.package.purl))))
      return true;
  }
  return false;
}

function idsOf(c: Component): string[] {
  if (typeof c === 'string') return [c];
  return [c['@id'], ...Object.values(c.identifiers ?? {})].filter((x): x is string => Boolean(x));
}

function componentIs(c: Component, purl: string): boolean {
  return idsOf(c).some((id) => id.startsWith('pkg:') && !id.startsWith('pkg:oci/') && purlMatches(id, purl));
}

/** A product names the scanned image by digest (in any id form) or by an OCI purl of its name. */
function isImage(p: Component, artifact: ReportArtifact): boolean {
  const digests = [artifact.manifestDigest, artifact.configDigest, artifact.indexDigest].filter(
    (d): d is string => Boolean(d),
  );
  return idsOf(p).some((id) => {
    const decoded = decodeURIComponent(id);
    if (digests.some((d) => decoded.includes(d))) return true;
    if (!decoded.startsWith('pkg:oci/')) return false;
    const name = decoded.slice('pkg:oci/'.length).split(/[@?]/)[0] ?? '';
    return (
      artifact.repoTags.some((t) => t.split(':')[0]?.split('/').at(-1) === name) ||
      artifact.name.includes(name)
    );
  });
}
