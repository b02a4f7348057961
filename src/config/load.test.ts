import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseSourceText, validate, validateSection } from './load.js';

const yaml = `db:
  retries: 3
policy:
  exceptions:
    - id: CVE-2020-1967
      expires: not-a-date
`;

describe('config files', () => {
  it('names the line of a YAML syntax error', () => {
    expect(() => parseSourceText('bad.yaml', 'a: [1, 2\nb: 3\n')).toThrow(/^bad\.yaml:\d+: /);
  });

  it('names the file, line and field of a schema error', () => {
    const file = parseSourceText('vigia.yaml', yaml);
    const schema = z.object({ exceptions: z.array(z.object({ id: z.string(), expires: z.iso.date() })) });
    expect(() => validateSection(file, 'policy', schema)).toThrow(
      /^vigia\.yaml:6: policy\.exceptions\[0\]\.expires: /,
    );
  });

  it('returns the validated value and undefined for absent sections', () => {
    const file = parseSourceText('vigia.yaml', yaml);
    expect(validateSection(file, 'db', z.object({ retries: z.number() }))).toEqual({ retries: 3 });
    expect(validateSection(file, 'registry', z.object({}))).toBeUndefined();
    expect(validate(file, 1, z.number())).toBe(1);
  });
});
