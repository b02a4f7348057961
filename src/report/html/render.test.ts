import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_VERSION, type ScanReport } from '../types.js';
import { CLIENT_JS } from './client/script.js';
import { cspHash } from './embed.js';
import { renderHtml, reportCsp } from './render.js';
import { STYLES } from './styles.js';

function report(name: string, title: string): ScanReport {
  const zero = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'vigia', version: '1.0.0' },
    createdAt: '2026-01-01T00:00:00Z',
    artifact: {
      name,
      source: 'registry',
      repoTags: [],
      configDigest: 'sha256:00',
      platform: { os: 'linux', architecture: 'amd64' },
      config: {},
    },
    layers: [],
    packages: [],
    findings: [
      {
        kind: 'misconfig',
        id: 'm1',
        checkId: 'X',
        severity: 'LOW',
        title,
        remediation: '',
        fingerprint: 'f',
        source: 'image',
        evidence: {},
      },
    ],
    summary: {
      packages: { total: 0, os: 0, library: 0 },
      vulnerabilities: zero,
      secrets: zero,
      misconfigs: zero,
      suppressed: 0,
      fixable: 0,
      knownExploited: 0,
    },
    warnings: [],
    options: { scanners: ['misconfig'], severities: ['LOW'], ignoreUnfixed: false, pkgTypes: ['os'] },
    verdict: { status: 'pass', reasons: [] },
  };
}

describe('renderHtml', () => {
  const hostileName = '</title><script>alert(1)</script>';
  const hostileTitle = '</script><img src=x onerror=alert(2)><!--';
  const html = renderHtml(report(hostileName, hostileTitle), { color: false });

  it('has exactly its own two scripts and one style, whatever the report holds', () => {
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html.match(/<style/gi)).toHaveLength(1);
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html).toContain('<title>vigia: &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<!--');
  });

  it('allows exactly its inline script and style by hash, and nothing else', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBe(reportCsp());
    expect(csp).toContain(`script-src ${cspHash(CLIENT_JS)}`);
    expect(csp).toContain(`style-src ${cspHash(STYLES)}`);
    expect(csp).toMatch(/^default-src 'none';/);
    expect(html).toContain(`<script>${CLIENT_JS}</script>`);
    expect(html).toContain(`<style>${STYLES}</style>`);
    const markup = html.replace(/<script[^>]*>.*?<\/script>/gs, '').replace(/<style>.*?<\/style>/gs, '');
    expect(markup).not.toMatch(/\s(src|href|action)=/);
  });

  it('has a script that parses and stays small (code under 60 KB)', () => {
    expect(() => new Script(CLIENT_JS)).not.toThrow();
    const code = Buffer.byteLength(CLIENT_JS) + Buffer.byteLength(STYLES);
    expect(code).toBeLessThan(60 * 1024);
  });
});
