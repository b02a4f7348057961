/**
 * Compile a rule regex. A leading `(?i)` (the Go/PCRE spelling used by gitleaks and Trivy rule
 * files) becomes the `i` flag; anything else is JavaScript syntax. Throws a SyntaxError on a bad
 * pattern (callers turn it into a VigiaError naming the rule).
 */
export function compileRegex(pattern: string, extraFlags = ''): RegExp {
  let source = pattern;
  let flags = extraFlags;
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    if (!flags.includes('i')) flags += 'i';
  }
  return new RegExp(source, flags);
}

/** Shannon entropy of a string, in bits per character (0 for the empty string). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
