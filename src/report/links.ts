/**
 * True for an absolute `http:`/`https:` URL without white space: the references a renderer may
 * emit as links (SARIF `helpUri`, CycloneDX advisory URLs). Anything else (a bare id, a
 * `javascript:` URL) stays text or is left out.
 */
export function isHttpUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !/\s/.test(u);
  } catch {
    return false;
  }
}
