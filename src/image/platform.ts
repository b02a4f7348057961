import { VigiaError } from '../core/errors.js';
import type { Platform } from './types.js';

/**
 * Platforms: the host's, their normal form, matching, and the choice of one entry of an image
 * index. The one implementation for every source (docker-archive, OCI layout, registry).
 */

/** Node's `process.arch` → OCI (Go) `architecture`. */
const ARCHES: Record<string, Platform['architecture']> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips: 'mips',
  mipsel: 'mipsle',
  mips64el: 'mips64le',
};

/**
 * The platform of this host in OCI terms: `x64` → `amd64`, `arm64` → `arm64/v8`, … The OS is
 * `linux` everywhere but Windows.
 *
 * Decision (two copies were merged): the registry's copy passed `process.platform` through, so
 * on a Mac it asked image indexes for `darwin/arm64/v8`, which no index lists. Docker Desktop,
 * Podman and colima run Linux containers on macOS, so every non-Windows host means `linux`.
 */
export function hostPlatform(
  nodePlatform: string = process.platform,
  nodeArch: string = process.arch,
): Platform {
  const os = nodePlatform === 'win32' ? 'windows' : 'linux';
  return normalisePlatform({ os, architecture: ARCHES[nodeArch] ?? nodeArch });
}

/** `os/arch[/variant]`. */
export function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}

/**
 * containerd's normalisation (`platforms.Normalize`): lower case; `x86_64`→`amd64`,
 * `aarch64`→`arm64`, `i386`→`386`; arm64 defaults to variant `v8`, arm to `v7` (`6` → `v6`);
 * amd64 `v1` is dropped.
 */
export function normalisePlatform(p: Platform): Platform {
  let architecture = p.architecture.toLowerCase();
  let variant = p.variant?.toLowerCase();
  if (architecture === 'x86_64' || architecture === 'x86-64') architecture = 'amd64';
  if (architecture === 'aarch64') architecture = 'arm64';
  if (architecture === 'i386') architecture = '386';
  if (architecture === 'amd64' && variant === 'v1') variant = undefined;
  if (architecture === 'arm64' && (variant === undefined || variant === '8')) variant = 'v8';
  if (architecture === 'arm' && variant === undefined) variant = 'v7';
  if (architecture === 'arm' && variant && /^\d$/.test(variant)) variant = `v${variant}`;
  const out: Platform = { os: p.os.toLowerCase(), architecture };
  if (variant) out.variant = variant;
  return out;
}

/**
 * Does `candidate` satisfy `wanted`? Both are normalised, then OS, architecture and variant must
 * be equal (containerd's `platforms.NewMatcher(p).Match`): `arm64` ≡ `arm64/v8`, `arm` ≡
 * `arm/v7`, `amd64` ≡ `amd64/v1`.
 *
 * Decision (two copies were merged): the image module's copy let a wanted platform without a
 * variant accept any variant, so `--platform linux/amd64` could take an `amd64/v3` entry listed
 * first; the registry's copy compared normalised platforms. The normalised comparison is kept.
 */
export function platformMatches(wanted: Platform, candidate: Platform): boolean {
  const w = normalisePlatform(wanted);
  const c = normalisePlatform(candidate);
  return w.os === c.os && w.architecture === c.architecture && w.variant === c.variant;
}

/**
 * `IMAGE_NOT_FOUND` when an explicit `--platform` (`wanted`) does not match the platform of the
 * one image there is; `what` names the image.
 */
export function checkPlatform(wanted: Platform | undefined, actual: Platform, what: string): void {
  if (!wanted || platformMatches(wanted, actual)) return;
  throw new VigiaError(
    'IMAGE_NOT_FOUND',
    `${what}: no image for platform ${formatPlatform(wanted)}; available: ${formatPlatform(actual)}`,
  );
}

/** What an image index entry (OCI `image-index.md` descriptor) says about its platform. */
export interface IndexEntry {
  platform?: { os: string; architecture: string; variant?: string | undefined } | null | undefined;
  annotations?: Record<string, string> | null | undefined;
}

/**
 * True for index entries that are not images: BuildKit's attestation manifests, whose platform
 * is `unknown/unknown` and whose `vnd.docker.reference.type` is `attestation-manifest`.
 */
export function isAttestation(entry: IndexEntry): boolean {
  const p = entry.platform;
  return (
    entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
    p?.os === 'unknown' ||
    p?.architecture === 'unknown'
  );
}

/** The platform an index entry declares, undefined when it declares none. */
export function entryPlatform(entry: IndexEntry): Platform | undefined {
  const p = entry.platform;
  if (!p) return undefined;
  return p.variant
    ? { os: p.os, architecture: p.architecture, variant: p.variant }
    : { os: p.os, architecture: p.architecture };
}

/**
 * The entry of an image index for `wanted` (default: this host's platform). Attestation
 * manifests are ignored, and so are entries without a platform when others have one; when no
 * entry declares a platform the first image is taken. An index without images is
 * `IMAGE_INVALID`; no match is `IMAGE_NOT_FOUND` listing the platforms the index offers, as it
 * writes them. `what` names the index in messages.
 */
export function selectPlatformEntry<E extends IndexEntry>(
  entries: readonly E[],
  wanted: Platform | undefined,
  what: string,
): E {
  const images = entries.filter((e) => !isAttestation(e));
  const first = images[0];
  if (first === undefined) throw new VigiaError('IMAGE_INVALID', `${what}: the image index lists no image`);
  const withPlatform = images.filter((e) => e.platform);
  if (withPlatform.length === 0) return first;
  const target = wanted ?? hostPlatform();
  const match = withPlatform.find((e) => platformMatches(target, entryPlatform(e) as Platform));
  if (match) return match;
  const available = withPlatform.map((e) => formatPlatform(entryPlatform(e) as Platform));
  const host = wanted ? '' : ' (this host)';
  const hint = wanted ? '' : '; pick one with --platform';
  throw new VigiaError(
    'IMAGE_NOT_FOUND',
    `${what}: no image for platform ${formatPlatform(target)}${host}; available: ${available.join(', ')}${hint}`,
  );
}
