import { describe, expect, it } from 'vitest';
import { crossSite, hostName, sameSecret, sessionValue } from './security.js';

describe('security helpers', () => {
  it.each([
    ['127.0.0.1:8080', '127.0.0.1'],
    ['LOCALHOST', 'localhost'],
    ['[::1]:8080', '[::1]'],
    ['[::1]', '[::1]'],
    ['scanner.corp.example:443', 'scanner.corp.example'],
  ])('hostName(%s) = %s', (host, name) => {
    expect(hostName(host)).toBe(name);
  });

  it.each([
    ['same-origin', undefined, false],
    ['none', undefined, false],
    ['cross-site', undefined, true],
    ['same-site', undefined, true],
    [undefined, undefined, false],
    [undefined, 'http://127.0.0.1:8080', false],
    [undefined, 'http://evil.example', true],
    [undefined, 'null', true],
  ])('crossSite(Sec-Fetch-Site %s, Origin %s) = %s', (site, origin, expected) => {
    expect(crossSite(site, origin, '127.0.0.1:8080')).toBe(expected);
  });

  it('compares secrets exactly', () => {
    expect(sameSecret('abcdefghijklmnop', 'abcdefghijklmnop')).toBe(true);
    expect(sameSecret('abcdefghijklmnoP', 'abcdefghijklmnop')).toBe(false);
    expect(sameSecret('', 'abcdefghijklmnop')).toBe(false);
    expect(sameSecret('abcdefghijklmnop-longer', 'abcdefghijklmnop')).toBe(false);
  });

  it('derives a session value that is not the token and differs per token', () => {
    const a = sessionValue('token-aaaaaaaaaaaaaaaa');
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toContain('token');
    expect(sessionValue('token-aaaaaaaaaaaaaaaa')).toBe(a);
    expect(sessionValue('token-bbbbbbbbbbbbbbbb')).not.toBe(a);
  });
});
