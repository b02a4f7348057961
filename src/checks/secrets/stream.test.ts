import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EntryHeader } from '../../image/types.js';
import { createSecretScanner } from './scanner.js';
import { createSecretAnalyzer, SNIFF_BYTES } from './stream.js';

const scanner = createSecretScanner();
const TOKEN = `ghp_${'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6'.slice(0, 36)}`;
const KEY = String(
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }),
);

function header(path: string, size: number): EntryHeader {
  return { path, type: 'file', mode: 0o644, uid: 0, gid: 0, size };
}

/** Feed `content` to the analyzer in chunks of the given sizes (cycled). */
function scanChunked(
  content: Buffer,
  sizes: number[],
  options: { path?: string; maxFileBytes?: number } = {},
) {
  const analyzer = createSecretAnalyzer(
    scanner,
    options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {},
  );
  const h = header(options.path ?? '/app/data.txt', content.length);
  expect(analyzer.wants(h)).toBe(true);
  const sink = analyzer.start(h);
  let at = 0;
  for (let i = 0; at < content.length; i++) {
    const n = sizes[i % sizes.length]!;
    sink.write(content.subarray(at, at + n));
    at += n;
  }
  return sink.end();
}

/** Filler lines that contain rule keywords but no secret, so the regexes run on every block. */
function filler(lines: number, start = 1): string {
  let out = '';
  for (let i = start; i < start + lines; i++)
    out += `line ${i}: the password field is read from a secret store\n`;
  return out;
}

describe('streaming secret analyzer', () => {
  it('finds a token at every split point of a small file, on the right line', () => {
    const text = `a=1\nb=2\nGITHUB_TOKEN=${TOKEN}\nc=3\n`;
    const content = Buffer.from(text);
    for (let split = 1; split < content.length; split++) {
      const { results } = scanChunked(content, [split, content.length]);
      expect(results.map((r) => [r.ruleId, r.line, r.column])).toEqual([['github-pat', 3, 14]]);
    }
  });

  it('finds secrets that straddle block boundaries, with line numbers across chunks', () => {
    // About 600 KB: blocks are cut near 256 KB, so the key and the token sit across cuts.
    const before = filler(4400);
    const keyLine = 4401;
    const middle = filler(4400, keyLine + KEY.split('\n').length - 1);
    const tokenLine = keyLine + KEY.split('\n').length - 1 + 4400;
    const content = Buffer.from(`${before}${KEY}${middle}export GITHUB_TOKEN=${TOKEN}\n${filler(100)}`);
    expect(content.length).toBeGreaterThan(500_000);
    for (const sizes of [[65536], [4096], [1000, 7777, 13], [content.length]]) {
      const { results, warnings } = scanChunked(content, sizes);
      expect(warnings).toEqual([]);
      expect(results.map((r) => [r.ruleId, r.line])).toEqual([
        ['private-key', keyLine],
        ['github-pat', tokenLine],
      ]);
    }
  });

  it('places the key across the first block cut exactly', () => {
    // Put the BEGIN line just before 256 KiB so that the first block ends inside the key.
    const pad = 256 * 1024 - 300;
    const line = 'x'.repeat(99) + '\n';
    const lead = line.repeat(Math.floor(pad / line.length));
    const content = Buffer.from(`${lead}${KEY}tail\n`);
    const { results } = scanChunked(content, [8192]);
    expect(results.map((r) => [r.ruleId, r.line])).toEqual([['private-key', lead.split('\n').length]]);
  });

  it('finds a token whose line straddles the first block cut', () => {
    const line = 'y'.repeat(63) + '\n';
    const lead = `${line.repeat(4095)}${'z'.repeat(33)}\n`; // the token starts 10 bytes before 256 KiB
    const content = Buffer.from(`${lead}export GITHUB_TOKEN=${TOKEN}\nmore\n`);
    expect(content.indexOf('ghp_')).toBe(256 * 1024 - 10);
    for (const sizes of [[4096], [65536], [3]]) {
      const { results } = scanChunked(content, sizes);
      expect(results.map((r) => [r.ruleId, r.line])).toEqual([['github-pat', 4097]]);
    }
  });

  it('finds a token at the end of a very long line and at EOF without a newline', () => {
    const longLine = `${'abcdefgh '.repeat(150_000)}token=${TOKEN}`;
    const { results } = scanChunked(Buffer.from(`first\n${longLine}`), [65536]);
    expect(results.map((r) => [r.ruleId, r.line])).toEqual([['github-pat', 2]]);
  });

  it('handles CRLF line ends', () => {
    const { results } = scanChunked(Buffer.from(`a\r\nb\r\nGITHUB_TOKEN=${TOKEN}\r\n`), [5]);
    expect(results.map((r) => [r.ruleId, r.line])).toEqual([['github-pat', 3]]);
  });

  it('skips binary files (a NUL byte in the first 8000 bytes) without a finding or warning', () => {
    const binary = Buffer.concat([
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00]),
      Buffer.from(`\nTOKEN=${TOKEN}\n`),
    ]);
    expect(scanChunked(binary, [3])).toEqual({ results: [], warnings: [] });
    // A NUL after the sniffed bytes does not make the file binary.
    const late = Buffer.concat([
      Buffer.from('x'.repeat(SNIFF_BYTES) + '\n'),
      Buffer.from([0]),
      Buffer.from(`\nTOKEN=${TOKEN}\n`),
    ]);
    expect(scanChunked(late, [4096]).results.map((r) => r.line)).toEqual([3]);
  });

  it('skips text over the size cap with a warning, and binary over the cap silently', () => {
    const text = Buffer.from(`${filler(100)}TOKEN=${TOKEN}\n`);
    const r = scanChunked(text, [1024], { maxFileBytes: 1000 });
    expect(r.results).toEqual([]);
    expect(r.warnings).toEqual([
      expect.objectContaining({ code: 'secret-scan-skipped', path: '/app/data.txt' }),
    ]);
    const binary = Buffer.concat([Buffer.alloc(2000), Buffer.from(TOKEN)]);
    expect(scanChunked(binary, [512], { maxFileBytes: 1000 })).toEqual({ results: [], warnings: [] });
  });

  it('wants regular non-empty files outside exempted paths only', () => {
    const analyzer = createSecretAnalyzer(scanner);
    expect(analyzer.wants(header('/app/.env', 10))).toBe(true);
    expect(analyzer.wants(header('/app/.env', 0))).toBe(false);
    expect(analyzer.wants({ ...header('/app/link', 10), type: 'symlink' })).toBe(false);
    expect(analyzer.wants(header('/usr/share/doc/bash/README', 10))).toBe(false);
    expect(analyzer.wants(header('/usr/lib/x86_64-linux-gnu/libssl.so.3', 10))).toBe(false);
    expect(analyzer.wants(header('/usr/share/zoneinfo/UTC', 10))).toBe(false);
    expect(analyzer.wants(header('/app/test/fixtures/key.pem', 10))).toBe(true);
  });

  it('changes its version with the rule set and the cap', () => {
    const base = createSecretAnalyzer(scanner).version;
    expect(createSecretAnalyzer(createSecretScanner()).version).toBe(base);
    expect(createSecretAnalyzer(scanner, { maxFileBytes: 1234 }).version).not.toBe(base);
    expect(createSecretAnalyzer(createSecretScanner({ disableRules: ['jwt'] })).version).not.toBe(base);
  });

  it('reports UTF-8 text around a match correctly', () => {
    const { results } = scanChunked(Buffer.from(`# clé privée\nmot_de_passe_password=Ünïcødé-s3cret\n`), [7]);
    expect(results).toEqual([expect.objectContaining({ ruleId: 'generic-secret-assignment', line: 2 })]);
    expect(results[0]!.redacted).toBe('mot_de_passe_password=Ün****et');
  });
});
