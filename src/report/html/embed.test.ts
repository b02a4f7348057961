import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cspHash, embedJson, escapeHtml } from './embed.js';

describe('embedJson', () => {
  const hostile = [
    '</script><script>alert(1)</script>',
    '<!-- <script>',
    '</SCRIPT >',
    'a\u2028b\u2029c',
    '&lt; & &amp;',
    '"quotes" \'single\' `back`',
    '\u0000\u001f\ud83d\ude00',
  ];
  it.each(hostile)('keeps %j intact through JSON.parse and out of the HTML tokenizer', (text) => {
    const value = { text, nested: [text, { text }] };
    const embedded = embedJson(value);
    expect(JSON.parse(embedded)).toEqual(value);
    expect(embedded).not.toMatch(/[<>&\u2028\u2029]/);
  });
});

describe('escapeHtml', () => {
  it.each([
    ['<b>', '&lt;b&gt;'],
    ['a & b', 'a &amp; b'],
    ['"x"', '&quot;x&quot;'],
    ["'y'", '&#39;y&#39;'],
    ['plain', 'plain'],
  ])('%j → %j', (input, output) => {
    expect(escapeHtml(input)).toBe(output);
  });
});

describe('cspHash', () => {
  it('is the base64 sha256 that openssl computes', () => {
    const content = 'body{color:red}\n/* é */';
    const expected = execFileSync('sh', ['-c', 'openssl dgst -sha256 -binary | base64'], { input: content })
      .toString('utf8')
      .trim();
    expect(cspHash(content)).toBe(`'sha256-${expected}'`);
  });
});
