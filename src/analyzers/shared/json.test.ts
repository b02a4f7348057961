import { describe, expect, it } from 'vitest';
import { isObj, parseJson } from './json.js';
import { parseFailed, skipped } from './result.js';

describe('parseJson', () => {
  it.each([
    ['plain', '{"a":1}', { a: 1 }],
    ['with a UTF-8 BOM', '\ufeff{"a":1}', { a: 1 }],
    ['an array', '[1,2]', [1, 2]],
  ])('%s', (_name, text, value) => {
    expect(parseJson(Buffer.from(text, 'utf8'))).toEqual({ value });
  });

  it.each([
    ['truncated', '{"a":'],
    ['empty', ''],
    ['a BOM only', '\ufeff'],
  ])('%s → an error naming invalid JSON', (_name, text) => {
    const parsed = parseJson(Buffer.from(text, 'utf8'));
    expect('error' in parsed && parsed.error).toMatch(/^invalid JSON: /);
  });
});

describe('isObj', () => {
  it.each([
    [{}, true],
    [[], false],
    [null, false],
    ['x', false],
  ])('%o → %s', (value, expected) => {
    expect(isObj(value)).toBe(expected);
  });
});

describe('results', () => {
  it('parseFailed: an empty packages fact (replaces older layers) and one parse-failed warning', () => {
    expect(parseFailed('x', '/a/b.json', 'invalid JSON: oops')).toEqual({
      facts: [{ kind: 'packages', analyzer: 'x', path: '/a/b.json', packages: [] }],
      warnings: [{ code: 'parse-failed', message: '/a/b.json: invalid JSON: oops', path: '/a/b.json' }],
    });
  });
  it('skipped names the file, the entry and the problem', () => {
    expect(skipped('/l', 'package #2', 'no version')).toEqual({
      code: 'package-skipped',
      message: '/l: skipped package #2: no version',
      path: '/l',
    });
  });
});
