// Expected values for the fixture images, computed with the real tools (GNU tar, gzip, zstd,
// sha256sum) and never with vigia's own code: configs and manifests are read with `tar -xOf`,
// layer diffIDs are the sha256 of the layer decompressed by gzip/zstd, file counts come from
// `tar -tv`.
import { execFileSync } from 'node:child_process';

export interface ExpectedLayer {
  /** The blob digest the manifest names (OCI), or undefined (docker-archive). */
  digest?: string;
  /** diff_id from the config JSON. */
  configDiffID: string;
  /** sha256 of the decompressed layer, by `sha256sum`. */
  hashedDiffID: string;
  uncompressedBytes: number;
  /** Regular files as `tar -tv` lists them, whiteout markers left out. */
  files: number;
}

export interface ExpectedImage {
  layers: ExpectedLayer[];
  repoTags: string[];
  architecture: string;
}

function sh(script: string, env: Record<string, string>): string {
  return execFileSync('bash', ['-o', 'pipefail', '-c', script], {
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  }).toString('utf8');
}

function member(archive: string, name: string): string {
  return sh('tar -xOf "$A" "$M"', { A: archive, M: name });
}

/** sha256 and length of stdin (python3's hashlib), copied through to stdout; written to $OUT. */
const HASH_TEE = `import hashlib, os, sys
h, n = hashlib.sha256(), 0
while True:
    b = sys.stdin.buffer.read(1 << 20)
    if not b: break
    h.update(b); n += len(b); sys.stdout.buffer.write(b)
open(os.environ["OUT"], "w").write(h.hexdigest() + " " + str(n))`;

/** Hash, size and file count of a member, decompressed with `decompress` (`cat`, `gzip -dc`, `zstd -dc`). */
function measure(archive: string, name: string, decompress: string): Omit<ExpectedLayer, 'configDiffID'> {
  const out = sh('mktemp', {}).trim();
  const files = Number(
    sh(
      `tar -xOf "$A" "$M" | ${decompress} | python3 -c "$HASH_TEE" | tar -tv | awk '/^-/ { n = split($0, p, "/"); if (substr(p[n], 1, 4) != ".wh.") c++ } END { print c + 0 }'`,
      { A: archive, M: name, OUT: out, HASH_TEE },
    ).trim(),
  );
  const [hashed, bytes] = sh('cat "$OUT"; rm -f "$OUT"', { OUT: out }).split(' ');
  return { hashedDiffID: `sha256:${hashed}`, uncompressedBytes: Number(bytes), files };
}

/** Resolve a symlinked member (skopeo's `<id>/layer.tar -> ../<diffid>.tar`) with `tar -tv`. */
function resolveMember(archive: string, name: string): string {
  const line = sh('tar -tvf "$A" | grep -F " $M -> " || true', { A: archive, M: name }).trim();
  const target = line.split(' -> ')[1];
  if (!line.startsWith('l') || !target) return name;
  const parts = name.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

/** The expected layers of a docker-archive (gzip'd or not). */
export function expectedDockerArchive(archive: string): ExpectedImage {
  const manifest = JSON.parse(member(archive, 'manifest.json')) as {
    Config: string;
    RepoTags: string[] | null;
    Layers: string[];
  }[];
  const entry = manifest[0];
  if (!entry) throw new Error(`${archive}: empty manifest.json`);
  const config = JSON.parse(member(archive, entry.Config)) as {
    architecture: string;
    rootfs: { diff_ids: string[] };
  };
  return {
    repoTags: entry.RepoTags ?? [],
    architecture: config.architecture,
    layers: entry.Layers.map((path, i) => ({
      configDiffID: config.rootfs.diff_ids[i] ?? '',
      ...measure(archive, resolveMember(archive, path), 'cat'),
    })),
  };
}

interface Descriptor {
  mediaType?: string;
  digest: string;
  annotations?: Record<string, string>;
  platform?: { architecture: string; os: string; variant?: string };
}

const blob = (digest: string) => `blobs/${digest.replace(':', '/')}`;

/** The expected layers of an OCI archive for `ref` (default: the first) and `architecture`. */
export function expectedOciArchive(archive: string, ref?: string, architecture = 'amd64'): ExpectedImage {
  const index = JSON.parse(member(archive, 'index.json')) as { manifests: Descriptor[] };
  let desc = ref
    ? index.manifests.find((d) => d.annotations?.['org.opencontainers.image.ref.name'] === ref)
    : index.manifests[0];
  if (!desc) throw new Error(`${archive}: no ref ${ref}`);
  const tags = desc.annotations?.['org.opencontainers.image.ref.name'];
  let doc = JSON.parse(member(archive, blob(desc.digest))) as {
    manifests?: Descriptor[];
    config: Descriptor;
    layers: Descriptor[];
  };
  if (doc.manifests) {
    desc = doc.manifests.find((d) => d.platform?.architecture === architecture);
    if (!desc) throw new Error(`${archive}: no ${architecture}`);
    doc = JSON.parse(member(archive, blob(desc.digest)));
  }
  const config = JSON.parse(member(archive, blob(doc.config.digest))) as {
    architecture: string;
    rootfs: { diff_ids: string[] };
  };
  return {
    repoTags: tags ? [tags] : [],
    architecture: config.architecture,
    layers: doc.layers.map((l, i) => ({
      digest: l.digest,
      configDiffID: config.rootfs.diff_ids[i] ?? '',
      ...measure(
        archive,
        blob(l.digest),
        l.mediaType?.endsWith('zstd') ? 'zstd -dc' : l.mediaType?.endsWith('gzip') ? 'gzip -dc' : 'cat',
      ),
    })),
  };
}
