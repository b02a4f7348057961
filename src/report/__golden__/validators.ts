import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import ajvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

/**
 * Test support: validators built from the official schemas vendored beside each format
 * (`src/report/<format>/schema/`, provenance in each format's README), and vigia's own report
 * schema (`schemas/scan-report.schema.json`).
 */
const REPORT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = join(REPORT_DIR, '../..');

// Both packages are CommonJS with `exports.default`; NodeNext sees the module object.
const AjvDraft04 = ajvDraft04Module.default;
const addFormats = addFormatsModule as unknown as (ajv: object) => void;

function json(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** A validator's verdict: `[]` when valid, else readable error lines. */
export type Validate = (doc: unknown) => string[];

function wrap(fn: ValidateFunction): Validate {
  return (doc) => (fn(doc) ? [] : (fn.errors ?? []).map(describe));
}

function describe(e: ErrorObject): string {
  return `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`;
}

let sarif: Validate | undefined;
/** SARIF 2.1.0 (OASIS errata01 schema, JSON Schema draft-04). */
export function validateSarif(doc: unknown): string[] {
  if (!sarif) {
    const ajv = new AjvDraft04({ allErrors: true, strict: false });
    addFormats(ajv);
    sarif = wrap(ajv.compile(json(join(REPORT_DIR, 'sarif/schema/sarif-schema-2.1.0.json'))));
  }
  return sarif(doc);
}

let cdx: Validate | undefined;
/** CycloneDX 1.6 JSON (bom-1.6 + spdx + jsf schemas, draft-07). */
export function validateCycloneDx(doc: unknown): string[] {
  if (!cdx) {
    const dir = join(REPORT_DIR, 'cyclonedx/schema');
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    // The bom schema refers to them relative to its $id (http://cyclonedx.org/schema/…).
    const base = 'http://cyclonedx.org/schema/';
    for (const name of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json']) {
      const schema = json(join(dir, name));
      delete schema.$id;
      ajv.addSchema(schema, base + name);
    }
    // Formats the bom schema uses that ajv-formats leaves out.
    ajv.addFormat('iri-reference', (s: string) => !/\s/.test(s) && canParse(s));
    ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
    cdx = wrap(ajv.compile(json(join(dir, 'bom-1.6.SNAPSHOT.schema.json'))));
  }
  return cdx(doc);
}

function canParse(s: string): boolean {
  try {
    new URL(s, 'http://base.invalid/');
    return true;
  } catch {
    return false;
  }
}

let spdx: Validate | undefined;
/** SPDX 2.3 JSON (draft-07). */
export function validateSpdx(doc: unknown): string[] {
  if (!spdx) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    spdx = wrap(ajv.compile(json(join(REPORT_DIR, 'spdx/schema/spdx-schema-2.3.json'))));
  }
  return spdx(doc);
}

let report: Validate | undefined;
/** vigia's own report (`schemas/scan-report.schema.json`, draft 2020-12). */
export function validateReport(doc: unknown): string[] {
  if (!report) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    report = wrap(ajv.compile(json(join(REPO_ROOT, 'schemas/scan-report.schema.json'))));
  }
  return report(doc);
}
