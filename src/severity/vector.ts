/**
 * Strict parsing of CVSS vector strings shared by v2, v3.x and v4.0: `KEY:VALUE` fields separated
 * by `/`, each metric at most once, every required (base) metric present, every value one the
 * specification defines. Parsing never throws: a bad vector yields the reason it is bad.
 */

/** The outcome of parsing or scoring: the value, or one line saying what is wrong. */
export type CvssResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** One metric of a CVSS version: its abbreviation, allowed values and whether it is mandatory. */
export interface MetricSpec {
  readonly key: string;
  readonly values: readonly string[];
  readonly required: boolean;
}

/** How a version's vector looks: its prefix (may be empty), metrics and ordering rule. */
export interface VectorSpec {
  readonly name: string;
  /** Text before the first metric, e.g. `CVSS:3.1/`; empty for v2. */
  readonly prefix: string;
  /** In the specification's order. */
  readonly metrics: readonly MetricSpec[];
  /** True when the specification requires metrics in the order of `metrics` (v4.0). */
  readonly ordered: boolean;
}

/** Metric abbreviation → value, as written in the vector. */
export type MetricValues = Readonly<Record<string, string>>;

/** Shorthand for a metric table row. */
export function metric(key: string, values: string, required = false): MetricSpec {
  return { key, values: values.split(','), required };
}

/** Parse `vector` against `spec`; metrics absent from the vector are absent from the result. */
export function parseVector(vector: string, spec: VectorSpec): CvssResult<MetricValues> {
  const bad = (why: string): CvssResult<MetricValues> => ({
    ok: false,
    reason: `${spec.name} vector "${vector}": ${why}`,
  });
  if (!vector.startsWith(spec.prefix)) {
    return bad(spec.prefix ? `does not start with "${spec.prefix}"` : 'not a vector');
  }
  const body = vector.slice(spec.prefix.length);
  if (body === '') return bad('no metrics');
  const byKey = new Map(spec.metrics.map((m, i) => [m.key, { spec: m, index: i }]));
  const values: Record<string, string> = {};
  let lastIndex = -1;
  for (const field of body.split('/')) {
    if (field === '') return bad('empty field (doubled or trailing "/")');
    const parts = field.split(':');
    if (parts.length !== 2) return bad(`field "${field}" is not KEY:VALUE`);
    const [key, value] = parts as [string, string];
    const known = byKey.get(key);
    if (!known) return bad(`unknown metric "${key}"`);
    if (Object.hasOwn(values, key)) return bad(`metric "${key}" appears more than once`);
    if (!known.spec.values.includes(value)) {
      return bad(`"${value}" is not a value of ${key} (${known.spec.values.join(', ')})`);
    }
    if (spec.ordered && known.index < lastIndex) {
      return bad(`metric "${key}" is out of the order the specification requires`);
    }
    lastIndex = known.index;
    values[key] = value;
  }
  const missing = spec.metrics.filter((m) => m.required && !Object.hasOwn(values, m.key));
  if (missing.length > 0) {
    return bad(`missing base metric${missing.length > 1 ? 's' : ''} ${missing.map((m) => m.key).join(', ')}`);
  }
  return { ok: true, value: values };
}

/** The value of a metric that `parseVector` guaranteed present. */
export function need(values: MetricValues, key: string): string {
  const v = values[key];
  if (v === undefined) throw new Error(`unreachable: ${key} checked by parseVector`);
  return v;
}
