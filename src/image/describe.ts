import { formatPlatform } from './platform.js';
import type { LayerRef, OpenedImage } from './types.js';
import { walkLayer } from './walk.js';

/** One layer as `vigia inspect` shows it: declared identity plus what walking it measured. */
export interface LayerDescription {
  index: number;
  digest: string;
  diffID: string;
  mediaType: string;
  /** Compression found by sniffing the blob (the media type may say otherwise). */
  compression: string;
  compressedSize: number;
  uncompressedSize: number;
  /** Tar entries of every type. */
  entries: number;
  /** Regular files. */
  files: number;
  whiteouts: number;
  createdBy?: string;
  created?: string;
  comment?: string;
}

/** An image's identity, config and layers, as `vigia inspect` reports them (JSON shape). */
export interface ImageDescription {
  reference: string;
  source: string;
  repoTags: string[];
  manifestDigest?: string;
  indexDigest?: string;
  configDigest: string;
  platform: string;
  created?: string;
  author?: string;
  config: {
    user?: string;
    env: string[];
    entrypoint: string[] | null;
    cmd: string[] | null;
    workingDir?: string;
    exposedPorts: string[];
    volumes: string[];
    labels: Record<string, string>;
    stopSignal?: string;
    healthcheck: {
      test: string[];
      intervalSeconds?: number;
      timeoutSeconds?: number;
      startPeriodSeconds?: number;
      retries?: number;
    } | null;
  };
  history: { created?: string; createdBy?: string; comment?: string; emptyLayer: boolean }[];
  layers: LayerDescription[];
  totals: { layers: number; compressedSize: number; uncompressedSize: number; files: number };
}

export interface DescribeOptions {
  signal?: AbortSignal;
  /** Called before each layer is walked. */
  onLayer?: (layer: LayerRef, count: number) => void;
  /** Compressed bytes read in the current layer so far. */
  onBytes?: (layer: LayerRef, bytesSoFar: number) => void;
}

const sortedKeys = (o: Record<string, unknown> | undefined): string[] => Object.keys(o ?? {}).sort();
const seconds = (ns: number | undefined): number | undefined => (ns === undefined ? undefined : ns / 1e9);

/**
 * Describe an image: its config, and each layer walked once to count files and measure its
 * uncompressed size (checking digests and diffIDs on the way).
 */
export async function describeImage(
  image: OpenedImage,
  options: DescribeOptions = {},
): Promise<ImageDescription> {
  const layers: LayerDescription[] = [];
  for (const layer of image.layers) {
    options.onLayer?.(layer, image.layers.length);
    let files = 0;
    let whiteouts = 0;
    const walked = await walkLayer(
      image,
      layer,
      (header) => {
        if (header.type === 'file') files++;
        if (header.type === 'whiteout' || header.type === 'opaque') whiteouts++;
      },
      { ...(options.signal ? { signal: options.signal } : {}), onBytes: (n) => options.onBytes?.(layer, n) },
    );
    const d: LayerDescription = {
      index: layer.index,
      digest: layer.verifyDigest ? layer.digest : (walked.digest ?? layer.digest),
      diffID: walked.diffID,
      mediaType: layer.mediaType,
      compression: walked.compression,
      compressedSize: walked.compressedBytes,
      uncompressedSize: walked.uncompressedBytes,
      entries: walked.entries,
      files,
      whiteouts,
    };
    if (layer.history?.createdBy !== undefined) d.createdBy = layer.history.createdBy;
    if (layer.history?.created !== undefined) d.created = layer.history.created;
    if (layer.history?.comment !== undefined) d.comment = layer.history.comment;
    layers.push(d);
  }
  return { ...describeConfig(image), layers, totals: totals(layers) };
}

function totals(layers: LayerDescription[]): ImageDescription['totals'] {
  return {
    layers: layers.length,
    compressedSize: layers.reduce((s, l) => s + l.compressedSize, 0),
    uncompressedSize: layers.reduce((s, l) => s + l.uncompressedSize, 0),
    files: layers.reduce((s, l) => s + l.files, 0),
  };
}

function describeConfig(image: OpenedImage): Omit<ImageDescription, 'layers' | 'totals'> {
  const c = image.config.config;
  const hc = c.Healthcheck;
  const healthcheck =
    hc && hc.Test && hc.Test.length > 0 && hc.Test[0] !== 'NONE'
      ? dropUndefined({
          test: hc.Test,
          intervalSeconds: seconds(hc.Interval),
          timeoutSeconds: seconds(hc.Timeout),
          startPeriodSeconds: seconds(hc.StartPeriod),
          retries: hc.Retries,
        })
      : null;
  return dropUndefined({
    reference: image.name,
    source: image.source,
    repoTags: image.repoTags,
    indexDigest: image.indexDigest,
    manifestDigest: image.manifestDigest,
    configDigest: image.configDigest,
    platform: formatPlatform(image.platform),
    created: image.config.created,
    author: image.config.author,
    config: dropUndefined({
      user: c.User || undefined,
      env: c.Env ?? [],
      entrypoint: c.Entrypoint ?? null,
      cmd: c.Cmd ?? null,
      workingDir: c.WorkingDir || undefined,
      exposedPorts: sortedKeys(c.ExposedPorts),
      volumes: sortedKeys(c.Volumes),
      labels: Object.fromEntries(sortedKeys(c.Labels).map((k) => [k, c.Labels?.[k] ?? ''])),
      stopSignal: c.StopSignal || undefined,
      healthcheck,
    }),
    history: image.config.history.map((h) =>
      dropUndefined({
        created: h.created,
        createdBy: h.createdBy,
        comment: h.comment,
        emptyLayer: h.emptyLayer,
      }),
    ),
  });
}

/** The same object without its `undefined` properties (they would print as nothing anyway). */
function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
