import { createHash } from 'node:crypto';

/**
 * JSON for a `<script type="application/json">` block. `JSON.stringify` output is made safe for the
 * HTML tokenizer by escaping every `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026` (so neither
 * `</script>` nor `<!--` can appear), and U+2028/U+2029 (legal in JSON, not in older JS string
 * literals). `JSON.parse` of the element's text gives back exactly the same value.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text escaped for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** The CSP source expression (`'sha256-…'`) that allows exactly this inline script or style. */
export function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}
