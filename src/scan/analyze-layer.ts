import type { Analyzer, StreamAnalyzer, StreamSink } from '../analyzers/types.js';
import { DEFAULT_MAX_FILE_BYTES } from '../analyzers/types.js';
import { describeError } from '../core/errors.js';
import type { Fact } from '../core/facts.js';
import type { SecretHit } from '../core/secrets.js';
import type { Warning } from '../core/warnings.js';
import { walkLayer } from '../image/index.js';
import type { EntryHeader, LayerRef, OpenedImage } from '../image/types.js';
import type { LayerFacts } from './layer-facts.js';

/** What runs over each layer: file analyzers and, optionally, the secret scanner. */
export interface AnalysisPlan {
  analyzers: readonly Analyzer[];
  secrets?: StreamAnalyzer<SecretHit>;
}

/**
 * Walk one layer once and collect its facts. Each file is read only when an analyzer asked for
 * it, streamed to the secret scanner in chunks and buffered (up to the analyzer's cap) only for
 * the analyzers that want its bytes. An analyzer that throws becomes a warning naming it and the
 * file; the layer's other facts still count.
 */
export async function analyzeLayer(
  image: OpenedImage,
  layer: LayerRef,
  plan: AnalysisPlan,
  options: { signal?: AbortSignal; onBytes?: (compressedBytesSoFar: number) => void } = {},
): Promise<LayerFacts> {
  const facts: Fact[] = [];
  const secrets: SecretHit[] = [];
  const warnings: Warning[] = [];
  const whiteouts: string[] = [];
  const opaqueDirs: string[] = [];
  const paths: string[] = [];
  let files = 0;

  const runAnalyzer = (analyzer: Analyzer, header: EntryHeader, content: Buffer): void => {
    try {
      const result = analyzer.analyze({ header, content });
      facts.push(...result.facts);
      warnings.push(...result.warnings.map((w) => withLayer(w, layer, header.path)));
    } catch (err) {
      warnings.push({
        code: 'analyzer-failed',
        message: `${analyzer.id} could not analyse ${header.path}: ${describeError(err)}`,
        layerDiffID: layer.diffID,
        path: header.path,
      });
    }
  };

  const visit = async (header: EntryHeader, body: AsyncIterable<Buffer>): Promise<void> => {
    switch (header.type) {
      case 'whiteout':
        whiteouts.push(header.target ?? header.path);
        return;
      case 'opaque':
        opaqueDirs.push(header.target ?? header.path);
        return;
      case 'dir':
        // Directories have no content: only header-only analyzers (file notes) look at them.
        for (const analyzer of plan.analyzers) {
          if (analyzer.maxBytes !== 0 || !analyzer.wants(header)) continue;
          runAnalyzer(analyzer, header, Buffer.alloc(0));
        }
        return;
      case 'file':
        files++;
        paths.push(header.path);
        break;
      default:
        paths.push(header.path);
        break;
    }
    const buffered = selectAnalyzers(plan.analyzers, header, warnings, layer);
    const sink =
      header.type === 'file' && plan.secrets?.wants(header) ? plan.secrets.start(header) : undefined;
    if (buffered.length === 0 && !sink) return;

    const content = await readBody(body, buffered, sink);
    for (const analyzer of buffered)
      runAnalyzer(analyzer, header, analyzer.maxBytes === 0 ? Buffer.alloc(0) : content);
    if (sink) {
      const result = sink.end();
      secrets.push(...result.results);
      warnings.push(...result.warnings.map((w) => withLayer(w, layer, header.path)));
    }
  };

  const walked = await walkLayer(image, layer, visit, options);
  paths.sort();
  return {
    diffID: layer.diffID,
    facts,
    secrets,
    whiteouts,
    opaqueDirs,
    paths,
    stats: {
      entries: walked.entries,
      files,
      uncompressedBytes: walked.uncompressedBytes,
      compressedBytes: walked.compressedBytes,
    },
    warnings,
  };
}

function selectAnalyzers(
  analyzers: readonly Analyzer[],
  header: EntryHeader,
  warnings: Warning[],
  layer: LayerRef,
): Analyzer[] {
  const chosen: Analyzer[] = [];
  for (const analyzer of analyzers) {
    if (!analyzer.wants(header)) continue;
    const cap = analyzer.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (cap > 0 && header.size > cap) {
      warnings.push({
        code: 'file-too-large',
        message: `${analyzer.id} skipped ${header.path}: ${header.size} bytes is over its ${cap}-byte limit`,
        layerDiffID: layer.diffID,
        path: header.path,
      });
      continue;
    }
    chosen.push(analyzer);
  }
  return chosen;
}

async function readBody(
  body: AsyncIterable<Buffer>,
  buffered: readonly Analyzer[],
  sink: StreamSink<SecretHit> | undefined,
): Promise<Buffer> {
  const keep = buffered.some((a) => a.maxBytes !== 0);
  if (!keep && !sink) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of body) {
    sink?.write(chunk);
    if (keep) chunks.push(chunk);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

function withLayer(w: Warning, layer: LayerRef, path: string): Warning {
  return { ...w, layerDiffID: w.layerDiffID ?? layer.diffID, path: w.path ?? path };
}
