import { describe, expect, it } from 'vitest';
import { parseSourceText } from '../../config/load.js';
import { toHits } from './hits.js';
import { loadSecretConfig } from './config.js';
import { createSecretScanner } from './scanner.js';
import { fingerprintSecret, redact } from './redact.js';

const yaml = `secrets:
  maxFileBytes: 2048
  disableRules: [jwt]
  rules:
    - id: corp-api-token
      title: Corp API token
      severity: HIGH
      keywords: [CORP_]
      regex: '(?i)corp_(?<tok>[a-z0-9]{24})'
      secretGroup: tok
  allow:
    - id: sandbox-tokens
      description: tokens of the sandbox tenant are public
      rules: [corp-api-token]
      values: [SANDBOX00000000000000000]
    - id: vendored
      paths: ['/opt/vendor/**']
`;

describe('secrets config section', () => {
  it('adds user rules and allow-rules, disables rules and sets the cap', () => {
    const options = loadSecretConfig(parseSourceText('vigia.yaml', yaml));
    expect(options.maxFileBytes).toBe(2048);
    const scanner = createSecretScanner(options);
    expect(scanner.maxFileBytes).toBe(2048);
    expect(scanner.rules.find((r) => r.rule.id === 'jwt')).toBeUndefined();
    const text = 'token corp_ab12cd34ef56gh78ij90kl12 and CORP_SANDBOX00000000000000000';
    const hits = toHits(scanner.scan(text, '/app/config'), text, '/app/config');
    expect(hits.map((h) => [h.ruleId, h.ruleSource, h.column])).toEqual([['corp-api-token', 'user', 7]]);
    expect(hits[0]!.fingerprint).toBe(fingerprintSecret('corp-api-token', 'ab12cd34ef56gh78ij90kl12'));
    expect(scanner.scansPath('/opt/vendor/lib/x.js')).toBe(false);
    expect(scanner.scansPath('/opt/app/x.js')).toBe(true);
    expect(scanner.version).not.toBe(createSecretScanner().version);
  });

  it('is empty without a file or a section', () => {
    expect(loadSecretConfig(undefined)).toEqual({});
    expect(loadSecretConfig(parseSourceText('vigia.yaml', 'db: {}\n'))).toEqual({});
  });

  it.each([
    [
      'an invalid regex',
      `secrets:\n  rules:\n    - id: x\n      title: X\n      severity: HIGH\n      regex: '(unclosed'\n`,
      /^vigia\.yaml:6: secrets\.rules\[0\]\.regex: invalid regular expression/,
    ],
    [
      'a missing secret group',
      `secrets:\n  rules:\n    - id: x\n      title: X\n      severity: LOW\n      regex: 'abc'\n      secretGroup: 2\n`,
      /^vigia\.yaml:7: secrets\.rules\[0\]\.secretGroup: the regex has no group 2/,
    ],
    [
      'a bad severity',
      `secrets:\n  rules:\n    - id: x\n      title: X\n      severity: SEVERE\n      regex: abc\n`,
      /^vigia\.yaml:5: secrets\.rules\[0\]\.severity: /,
    ],
    [
      'an unknown disabled rule',
      `secrets:\n  disableRules:\n    - aws-access-key-id\n    - no-such-rule\n`,
      /^vigia\.yaml:4: secrets\.disableRules\[1\]: unknown rule id/,
    ],
    [
      'an empty allow-rule',
      `secrets:\n  allow:\n    - id: nothing\n`,
      /^vigia\.yaml:3: secrets\.allow\[0\]: an allow-rule needs paths, regexes or values/,
    ],
    ['an unknown key', `secrets:\n  maxBytes: 10\n`, /^vigia\.yaml:\d+: secrets: .*maxBytes/],
    ['a negative cap', `secrets:\n  maxFileBytes: -1\n`, /^vigia\.yaml:2: secrets\.maxFileBytes: /],
  ])('rejects %s naming file:line', (_what, text, message) => {
    expect(() => loadSecretConfig(parseSourceText('vigia.yaml', text))).toThrow(message);
  });
});

describe('redaction', () => {
  it.each([
    ['hunter2', 'h****2'],
    ['abcde', '****'],
    ['FAKEsecretKEYforFIXTURES/only/7Hq2Lm9Zx4', 'FAKE****9Zx4'],
    ['AKIA2FAKEFIXTURE7Q4Z', 'AKI****Q4Z'],
  ])('%s → %s', (secret, shown) => {
    expect(redact(secret)).toBe(shown);
  });

  it('fingerprints ignore whitespace and escaped line ends, and depend on the rule', () => {
    expect(fingerprintSecret('private-key', 'ab\ncd')).toBe(fingerprintSecret('private-key', 'ab\\ncd'));
    expect(fingerprintSecret('a', 'x')).not.toBe(fingerprintSecret('b', 'x'));
    expect(fingerprintSecret('a', 'x')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
