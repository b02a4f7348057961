import type { Platform } from './types.js';

/** Node's `process.arch` → OCI `architecture` (+ default variant). */
const ARCHES: Record<string, Platform['architecture']> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips64el: 'mips64le',
};

/**
 * The platform of this host in OCI terms: `x64` → `amd64`, `arm64` → `arm64/v8`, … The OS is
 * `linux` everywhere but Windows: container images for macOS hosts are Linux images.
 */
export function hostPlatform(
  nodePlatform: string = process.platform,
  nodeArch: string = process.arch,
): Platform {
  const os = nodePlatform === 'win32' ? 'windows' : 'linux';
  const architecture = ARCHES[nodeArch] ?? nodeArch;
  if (architecture === 'arm64') return { os, architecture, variant: 'v8' };
  if (architecture === 'arm') return { os, architecture, variant: 'v7' };
  return { os, architecture };
}

/** The variant an architecture implies when none is written (containerd's normalisation). */
function defaultVariant(architecture: string): string | undefined {
  if (architecture === 'arm64') return 'v8';
  if (architecture === 'arm') return 'v7';
  return undefined;
}

/** `os/arch[/variant]`. */
export function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}

/**
 * Does `candidate` satisfy `wanted`? OS and architecture must be equal; a wanted variant must
 * equal the candidate's (a missing variant counts as the architecture's default, so `arm64`
 * and `arm64/v8` are the same); no wanted variant accepts any.
 */
export function platformMatches(wanted: Platform, candidate: Platform): boolean {
  if (wanted.os !== candidate.os || wanted.architecture !== candidate.architecture) return false;
  if (!wanted.variant) return true;
  const have = candidate.variant ?? defaultVariant(candidate.architecture);
  return have === wanted.variant;
}
