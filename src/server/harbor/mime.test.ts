import { describe, expect, it } from 'vitest';
import { HarborMime, negotiate, parseMime, sameMime } from './mime.js';

describe('parseMime', () => {
  it.each([
    ['application/json', { type: 'application/json', params: {} }],
    ['Application/VND.x+json; Version=1.1', { type: 'application/vnd.x+json', params: { version: '1.1' } }],
    ['a/b; version="1.0"; charset=utf-8', { type: 'a/b', params: { version: '1.0', charset: 'utf-8' } }],
  ])('%s', (text, parsed) => {
    expect(parseMime(text)).toEqual(parsed);
  });
});

describe('sameMime', () => {
  it.each([
    [HarborMime.vulnReport, HarborMime.vulnReport, true],
    ['application/vnd.security.vulnerability.report;version=1.1', HarborMime.vulnReport, true],
    ['application/vnd.security.vulnerability.report; version=1.0', HarborMime.vulnReport, false],
    ['application/vnd.security.vulnerability.report', HarborMime.vulnReport, true],
    ['application/json; charset=utf-8', 'application/json', true],
    ['text/json', 'application/json', false],
  ])('%s ~ %s: %s', (offered, wanted, same) => {
    expect(sameMime(offered, wanted)).toBe(same);
  });
});

describe('negotiate', () => {
  const produced = [HarborMime.vulnReport, HarborMime.vulnHarbor, HarborMime.vulnRaw];
  it.each([
    [undefined, HarborMime.vulnReport],
    ['*/*', HarborMime.vulnReport],
    [HarborMime.vulnHarbor, HarborMime.vulnHarbor],
    [`text/csv, ${HarborMime.vulnRaw}`, HarborMime.vulnRaw],
    ['text/csv', undefined],
    ['application/vnd.scanner.adapter.vuln.report.harbor+json; version=2.0', undefined],
  ])('Accept %s → %s', (accept, chosen) => {
    expect(negotiate(accept, produced, HarborMime.vulnReport)).toBe(chosen);
  });
});
