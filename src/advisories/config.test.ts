import { describe, expect, it } from 'vitest';
import { parseSourceText } from '../config/load.js';
import { DEFAULT_KEV_URL, DEFAULT_OSV_URL, resolveDbSettings } from './config.js';

const file = parseSourceText(
  'vigia.yaml',
  `db:
  osv:
    baseUrl: https://mirror.example.org/osv/
    ecosystems: [npm, PyPI]
  alpineSecdb:
    baseUrl: https://mirror.example.org/secdb
    releases: [v3.19, v3.20]
  maxAgeDays: 7
`,
);

describe('db settings precedence: flag > env > config > default', () => {
  it('defaults', () => {
    const s = resolveDbSettings(undefined, {});
    expect([s.osv.baseUrl, s.kev.url, s.maxAgeDays, s.retries, s.timeoutSeconds]).toEqual([
      DEFAULT_OSV_URL,
      DEFAULT_KEV_URL,
      3,
      4,
      30,
    ]);
    expect(s.osv.ecosystems).toContain('Debian');
  });

  it('config over defaults', () => {
    const s = resolveDbSettings(file, {});
    expect(s.osv).toEqual({
      enabled: true,
      baseUrl: 'https://mirror.example.org/osv',
      ecosystems: ['npm', 'PyPI'],
    });
    expect(s.alpineSecdb.releases).toEqual(['v3.19', 'v3.20']);
    expect(s.maxAgeDays).toBe(7);
  });

  it('env over config, flag over env', () => {
    const env = { VIGIA_OSV_URL: 'http://env.example/osv', VIGIA_KEV_URL: 'http://env.example/kev.json' };
    const s = resolveDbSettings(file, env, { osvUrl: 'http://flag.example/osv' });
    expect([s.osv.baseUrl, s.kev.url, s.alpineSecdb.baseUrl]).toEqual([
      'http://flag.example/osv',
      'http://env.example/kev.json',
      'https://mirror.example.org/secdb',
    ]);
  });

  it('names file:line and field of a bad config value', () => {
    const bad = parseSourceText('vigia.yaml', 'db:\n  osv:\n    baseUrl: ftp://x\n  retries: -1\n');
    expect(() => resolveDbSettings(bad, {})).toThrow(
      /^vigia\.yaml:3: db\.osv\.baseUrl: expected an http\(s\) URL/,
    );
    const unknown = parseSourceText('vigia.yaml', 'db:\n  osvv: {}\n');
    expect(() => resolveDbSettings(unknown, {})).toThrow(/^vigia\.yaml:\d: db: /);
  });

  it('rejects a bad URL from a flag or the environment as usage', () => {
    expect(() => resolveDbSettings(undefined, {}, { kevUrl: 'not a url' })).toThrow(
      /^--kev-url: "not a url" is not an http\(s\) URL$/,
    );
    expect(() => resolveDbSettings(undefined, { VIGIA_SECDB_URL: 'file:///x' })).toThrow(
      /^environment VIGIA_SECDB_URL: /,
    );
  });
});
