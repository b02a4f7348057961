import { z } from 'zod';
import { validate, validateSection, type SourceFile } from '../../config/load.js';
import { compileRegex } from './regex.js';
import { DEFAULT_RULES } from './rules.js';
import type { SecretScannerOptions } from './scanner.js';

const regexString = z
  .string()
  .min(1)
  .superRefine((pattern, ctx) => {
    try {
      compileRegex(pattern);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(err as Error).message}` });
    }
  });

const allowSchema = z
  .strictObject({
    id: z.string().min(1),
    description: z.string().default(''),
    rules: z.array(z.string().min(1)).optional(),
    paths: z.array(z.string().min(1)).optional(),
    regexes: z.array(regexString).optional(),
    values: z.array(z.string().min(1)).optional(),
  })
  .refine((a) => a.paths?.length || a.regexes?.length || a.values?.length, {
    message: 'an allow-rule needs paths, regexes or values',
  });

const ruleSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'rule ids are lowercase letters, digits, ".", "_" and "-"'),
    category: z.string().min(1).default('Custom'),
    title: z.string().min(1),
    severity: z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']),
    keywords: z
      .array(z.string().min(1))
      .default([])
      .transform((k) => k.map((s) => s.toLowerCase())),
    regex: regexString,
    secretGroup: z.union([z.number().int().min(0), z.string().min(1)]).optional(),
    entropy: z.number().min(0).max(8).optional(),
    allow: z.array(allowSchema).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.secretGroup === undefined) return;
    let probe: RegExpExecArray | null;
    try {
      probe = compileRegex(`${rule.regex}|`).exec('');
    } catch {
      return; // reported on `regex`
    }
    const exists =
      typeof rule.secretGroup === 'number'
        ? rule.secretGroup < (probe?.length ?? 0)
        : Object.hasOwn(probe?.groups ?? {}, rule.secretGroup);
    if (!exists) {
      ctx.addIssue({
        code: 'custom',
        path: ['secretGroup'],
        message: `the regex has no group ${rule.secretGroup}`,
      });
    }
  });

/** The `secrets:` section of the config file. */
export const secretsSectionSchema = z.strictObject({
  rules: z.array(ruleSchema).optional(),
  allow: z.array(allowSchema).optional(),
  disableRules: z.array(z.string().min(1)).optional(),
  maxFileBytes: z.number().int().positive().optional(),
});

/** The validated `secrets:` section. */
export type SecretsSection = z.output<typeof secretsSectionSchema>;

/**
 * Read the `secrets:` section of a config file into scanner options (empty when the file or the
 * section is absent). Errors name `file:line` and the field, e.g. an invalid regex, an unknown
 * rule id in `disableRules`, or a `secretGroup` the regex does not have.
 */
export function loadSecretConfig(file: SourceFile | undefined): SecretScannerOptions {
  const section = validateSection(file, 'secrets', secretsSectionSchema);
  if (!file || !section) return {};
  const known = new Set([...DEFAULT_RULES.map((r) => r.id), ...(section.rules ?? []).map((r) => r.id)]);
  const knownId = z.string().refine((id) => known.has(id), { message: 'unknown rule id' });
  validate(file, section.disableRules ?? [], z.array(knownId), ['secrets', 'disableRules']);
  const options: SecretScannerOptions = {};
  if (section.rules) options.rules = section.rules;
  if (section.allow) options.allow = section.allow;
  if (section.disableRules) options.disableRules = section.disableRules;
  if (section.maxFileBytes !== undefined) options.maxFileBytes = section.maxFileBytes;
  return options;
}
