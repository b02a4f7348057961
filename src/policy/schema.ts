import { z } from 'zod';
import { Severities } from '../report/types.js';
import { parseSourcePattern } from './sources.js';

const upper = (v: unknown): unknown => (typeof v === 'string' ? v.toUpperCase() : v);

/** A severity name, any case (`high` or `HIGH`). */
export const SeveritySchema = z.preprocess(
  upper,
  z.enum(Severities, { error: `expected one of ${Severities.join(', ')}` }),
);

const count = z.number({ error: 'expected a number' }).int('expected a whole number').min(0);
const days = z.number({ error: 'expected a number of days' }).int('expected whole days').positive();
const text = z.string({ error: 'expected a string' }).trim().min(1, 'must not be empty');
const list = (item: z.ZodType<string>) => z.array(item, { error: 'expected a list' });

/** An approved-source pattern (see `matchesSource`), checked when the policy loads. */
const SourcePattern = text.superRefine((s, ctx) => {
  const parsed = parseSourcePattern(s);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: `bad pattern "${s}": ${parsed}` });
});

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date `YYYY-MM-DD` or an RFC 3339 date-time with an offset. */
export function isValidExpiry(value: string): boolean {
  if (DATE_RE.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  }
  return z.iso.datetime({ offset: true }).safeParse(value).success;
}

/** An accepted risk: a finding id (and optionally a package) that does not count until it expires. */
export const ExceptionSchema = z.strictObject({
  /** Vulnerability id or alias (CVE-…, GHSA-…), misconfig check id or secret rule id. */
  id: text,
  /** Narrows the exception to one package: a name, or a purl glob (`pkg:deb/debian/openssl@*`). */
  package: text.optional(),
  reason: text,
  owner: text,
  /** Last day it applies (UTC), `YYYY-MM-DD`, or an exact RFC 3339 instant. */
  expires: z
    .string({ error: 'expected a date YYYY-MM-DD' })
    .refine(isValidExpiry, 'expected a date YYYY-MM-DD (or an RFC 3339 date-time)'),
});

export type PolicyException = z.output<typeof ExceptionSchema>;

const MaxCountSchema = z.strictObject({
  CRITICAL: count.optional(),
  HIGH: count.optional(),
  MEDIUM: count.optional(),
  LOW: count.optional(),
  UNKNOWN: count.optional(),
});

/** The organisation's policy (docs/policy.md). Every rule is off until configured. */
export const PolicySchema = z.strictObject({
  version: z.literal(1, { error: 'expected 1 (the only policy version)' }).optional(),
  /** Registries/repositories that the image and its base may come from; the rest is denied. */
  approvedSources: list(SourcePattern).optional(),
  /** When false, an image with no usable name (see docs) fails the sources rule. Default true. */
  allowUnnamedImages: z.boolean().optional(),
  bases: z
    .strictObject({
      /** Approved base images: name patterns (source-pattern syntax) or `sha256:` manifest digests. */
      approved: list(text).optional(),
      /** Base catalogue file, relative to the policy file; default `vigia-bases.yaml` beside it. */
      catalogue: text.optional(),
      /** When false, an image whose base cannot be detected fails (`base.unknown`). */
      allowUnknown: z.boolean().optional(),
      /** When true, a detected base that is not approved fails (`base.unapproved`). */
      requireApproved: z.boolean().optional(),
      /** When true, a base superseded by a newer catalogue entry of the same name fails. */
      requireCurrent: z.boolean().optional(),
      maxAgeDays: days.optional(),
    })
    .optional(),
  vulnerabilities: z
    .strictObject({
      /** Fail on any vulnerability at or above this severity. */
      failOnSeverity: SeveritySchema.optional(),
      /** With `failOnSeverity`: only vulnerabilities that have a fixed version count. */
      onlyFixable: z.boolean().optional(),
      /** Fail on any known-exploited (CISA KEV) vulnerability. */
      knownExploited: z.boolean().optional(),
      /** Most vulnerabilities allowed per severity. */
      maxCount: MaxCountSchema.optional(),
      /** Highest CVSS base score allowed (0–10). */
      maxCvss: z.number({ error: 'expected a number' }).min(0).max(10).optional(),
    })
    .optional(),
  secrets: z.strictObject({ forbid: z.boolean() }).optional(),
  user: z.strictObject({ forbidRoot: z.boolean() }).optional(),
  misconfigurations: z.strictObject({ enforce: list(text) }).optional(),
  packages: z.strictObject({ banned: list(text) }).optional(),
  licenses: z.strictObject({ banned: list(text) }).optional(),
  image: z.strictObject({ maxAgeDays: days }).optional(),
  exceptions: z.array(ExceptionSchema, { error: 'expected a list' }).optional(),
});

/** A validated policy. */
export type Policy = z.output<typeof PolicySchema>;

/** True for a `sha256:` digest (a base approved by digest rather than by name). */
export function isDigest(value: string): boolean {
  return DIGEST_RE.test(value);
}

/**
 * The policy used when none is given: no failing rule (only `--fail-on`, which is the command
 * line's), no exceptions; the score and grade are still computed.
 */
export function defaultPolicy(): Policy {
  return {};
}
