import type { Readable } from 'node:stream';

/** `os/architecture[/variant]`, as in OCI image indexes. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export type Compression = 'gzip' | 'zstd' | 'none';

/** One history entry of the image config, in order, including `empty_layer` ones. */
export interface HistoryEntry {
  created?: string;
  createdBy?: string;
  author?: string;
  comment?: string;
  emptyLayer: boolean;
}

/** The parts of the OCI/Docker image config vigia uses (validated at the boundary). */
export interface ImageConfig {
  architecture: string;
  os: string;
  variant?: string;
  created?: string;
  author?: string;
  config: {
    User?: string;
    Env?: string[];
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    WorkingDir?: string;
    ExposedPorts?: Record<string, object>;
    Volumes?: Record<string, object>;
    Labels?: Record<string, string>;
    StopSignal?: string;
    Healthcheck?: {
      Test?: string[];
      Interval?: number;
      Timeout?: number;
      Retries?: number;
      StartPeriod?: number;
    };
  };
  rootfs: { type: string; diff_ids: string[] };
  history: HistoryEntry[];
}

/** A layer of the selected image, in order (index 0 is the base). */
export interface LayerRef {
  index: number;
  /** Digest of the blob as stored (compressed), e.g. `sha256:…`. */
  digest: string;
  /** Whether `digest` can be checked while streaming (false when the format does not carry one). */
  verifyDigest: boolean;
  /** sha256 of the uncompressed tar, from the config's `rootfs.diff_ids`. */
  diffID: string;
  mediaType: string;
  compression: Compression;
  /** Size of the blob in bytes, when known (manifest `size` or file size). */
  size?: number;
  /** The history entry that produced this layer (empty_layer entries skipped when aligning). */
  history?: HistoryEntry;
}

export type SourceKind = 'docker-archive' | 'oci-layout' | 'oci-archive' | 'registry' | 'dir';

/** An image opened from a source, ready to stream its layers. */
export interface OpenedImage {
  source: SourceKind;
  /** The reference as the user gave it (normalised), for display. */
  name: string;
  /** Tags the source knows for this image (docker-archive RepoTags, OCI ref name, registry tag). */
  repoTags: string[];
  /** Digest of the image manifest when the format has one. */
  manifestDigest?: string;
  /** Digest of the image index the manifest was selected from, if any. */
  indexDigest?: string;
  configDigest: string;
  platform: Platform;
  config: ImageConfig;
  layers: LayerRef[];
  /**
   * The raw blob of a layer, as stored (possibly compressed). Streamed, never buffered whole.
   * The layer walker decompresses it and checks digest and diffID.
   */
  openLayer(layer: LayerRef): Promise<Readable>;
  /** Release file handles, temp state, connections. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Wanted platform; defaults to the host's platform when the image is an index. */
  platform?: Platform;
  /** Called with progress messages for long work (opening big archives, pulling). */
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  { kind: 'status'; message: string } | { kind: 'bytes'; layer: number; done: number; total?: number };

/** An image source: one per storage format. A registry is one more source. */
export interface ImageSource {
  readonly kind: SourceKind;
  open(options: OpenOptions): Promise<OpenedImage>;
}

/** One entry of a layer tar, after path normalisation. */
export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'whiteout' | 'opaque' | 'other';

export interface EntryHeader {
  /** Absolute, normalised path inside the image (`/etc/os-release`); never contains `..`. */
  path: string;
  type: EntryType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime?: Date;
  /** For symlinks: the target as written. For hardlinks: the normalised absolute path linked to. */
  linkTarget?: string;
  /** For whiteouts: the absolute path that this entry deletes. For opaque: the directory made opaque. */
  target?: string;
}
