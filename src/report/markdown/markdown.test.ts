import { describe, expect, it } from 'vitest';
import { CRITICAL_SSL, sampleReport } from '../__golden__/sample-report.js';
import type { VulnerabilityFinding } from '../types.js';
import { MAX_ROWS, TOP_ROWS, renderMarkdown } from './render.js';
import { cell, code } from './text.js';

describe('Markdown renderer', () => {
  const report = sampleReport();
  const md = renderMarkdown(report, { color: false });

  it('starts with the verdict, score and grade, then counts per severity', () => {
    expect(md.split('\n')[0]).toBe('## vigia: ❌ FAIL · score 42/100 · grade E');
    expect(md).toContain('| Vulnerabilities | 0 | 1 | 0 | 0 | 1 |');
    expect(md).toContain('| Secrets | 1 | 0 | 1 | 0 | 0 |');
    expect(md).toContain('| Misconfigurations | 0 | 1 | 0 | 1 | 0 |');
    expect(md).toContain('- **fail-on**: 3 finding(s) at or above HIGH');
  });

  it('has sections for vulnerabilities, secrets, misconfigurations, warnings and suppressed findings', () => {
    for (const h of [
      '### Vulnerabilities (2)',
      '### Secrets (2)',
      '### Misconfigurations (2)',
      '### ⚠️ Warnings (2)',
      '<summary>Suppressed findings (2)</summary>',
    ]) {
      expect(md).toContain(h);
    }
    expect(md).toContain(
      '| HIGH | CVE-2020-1967 🔥 | libssl1.1 | 1.1.1d-r2 | 1.1.1g-r0 | 0 | Segmentation fault in SSL_check_chain \\| pipes &lt;b&gt; |',
    );
  });

  it('escapes table cells and code spans', () => {
    expect(cell('a|b\nc <i>')).toBe('a\\|b c &lt;i&gt;');
    expect(code('x`y')).toBe('``x`y``');
  });

  it('shows the top rows open, collapses the rest and cuts long lists with "and N more"', () => {
    const many: VulnerabilityFinding[] = Array.from({ length: TOP_ROWS + MAX_ROWS + 7 }, (_, i) => ({
      ...CRITICAL_SSL,
      id: `CVE-2099-${String(i).padStart(5, '0')}`,
      fingerprint: `fp-${i}`,
      knownExploited: undefined,
    }));
    const big = { ...sampleReport(), findings: many };
    const out = renderMarkdown(big, { color: false });
    expect(out).toContain(`<summary>${MAX_ROWS + 7} more vulnerabilities</summary>`);
    expect(out).toContain('… and 7 more (see the JSON report).');
    expect(out).not.toContain(`CVE-2099-${String(TOP_ROWS + MAX_ROWS).padStart(5, '0')}`);
    expect(Buffer.byteLength(out)).toBeLessThan(1024 * 1024);
  });

  it('puts CRITICAL and HIGH first', () => {
    const low = {
      ...CRITICAL_SSL,
      id: 'CVE-2000-0001',
      fingerprint: 'low',
      severity: 'LOW' as const,
      knownExploited: undefined,
    };
    const crit = {
      ...CRITICAL_SSL,
      id: 'CVE-2099-0001',
      fingerprint: 'crit',
      severity: 'CRITICAL' as const,
      knownExploited: undefined,
    };
    const out = renderMarkdown({ ...sampleReport(), findings: [low, crit] }, { color: false });
    expect(out.indexOf('CVE-2099-0001')).toBeLessThan(out.indexOf('CVE-2000-0001'));
  });

  it('is deterministic', () => {
    expect(renderMarkdown({ ...report, findings: [...report.findings].reverse() }, { color: false })).toBe(
      md,
    );
  });
});
