import type { Analyzer } from '../analyzers/types.js';
import type { AnalyzerResult } from '../core/facts.js';
import type { PackageFact } from '../core/package.js';
import { fileHeader } from './image-files.js';

/** Run an analyzer on one regular file (tests). */
export function runAnalyzer(analyzer: Analyzer, path: string, content: Buffer | string): AnalyzerResult {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return analyzer.analyze({ header: fileHeader(path, bytes), content: bytes });
}

/** The packages of a result that must hold exactly one `packages` fact. */
export function packagesOf(result: AnalyzerResult): PackageFact[] {
  const fact = result.facts[0];
  if (result.facts.length !== 1 || fact?.kind !== 'packages') throw new Error('expected one packages fact');
  return fact.packages;
}
