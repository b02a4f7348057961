import { VigiaError } from '../core/errors.js';
import type { Platform } from '../image/types.js';
import type { Descriptor, ImageIndex } from './manifest.js';

const NODE_ARCH: Record<string, string> = {
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
};

/** The platform of this host in OCI terms (`linux/amd64`, `linux/arm64/v8`, …). */
export function hostPlatform(): Platform {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const architecture = NODE_ARCH[process.arch] ?? process.arch;
  return normalisePlatform({ os, architecture });
}

/** `os/arch[/variant]`. */
export function formatPlatform(p: Platform): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

/**
 * containerd's normalisation: `x86_64`→`amd64`, `aarch64`→`arm64`; arm64 defaults to variant
 * `v8`, arm to `v7`, amd64 `v1` is dropped.
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
 * The manifest for `wanted` in an index. Entries without a platform and attestation manifests
 * (`unknown/unknown`) are ignored. No match → `IMAGE_NOT_FOUND` listing what the index offers.
 */
export function selectFromIndex(
  index: ImageIndex,
  wanted: Platform,
  what: string,
): Descriptor & { platform: Platform } {
  const want = normalisePlatform(wanted);
  const available: string[] = [];
  for (const entry of index.manifests) {
    const p = entry.platform;
    if (!p || p.os === 'unknown' || p.architecture === 'unknown') continue;
    if (entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') continue;
    const have = normalisePlatform(
      p.variant ? { os: p.os, architecture: p.architecture, variant: p.variant } : p,
    );
    available.push(formatPlatform(have));
    if (have.os === want.os && have.architecture === want.architecture && have.variant === want.variant) {
      const platform: Platform = { os: p.os, architecture: p.architecture };
      if (p.variant) platform.variant = p.variant;
      return { ...entry, platform };
    }
  }
  const list = available.length ? available.join(', ') : 'none';
  throw new VigiaError(
    'IMAGE_NOT_FOUND',
    `${what}: no image for platform ${formatPlatform(want)} (available: ${list}); choose one with --platform`,
  );
}
