import type { PackageFact } from '../../core/package.js';
import type { GoModInfo, GoModule } from './modinfo.js';

/** Name under which the Go toolchain (standard library) is reported, as in the Go vulnerability DB. */
export const STDLIB = 'stdlib';

/** A toolchain version turned into the form advisories use, or why it cannot be. */
export type ToolchainVersion = { version: string; extra?: string } | { problem: string };

/**
 * `go1.19.8` → `1.19.8`; `go1.20` → `1.20.0`; `go1.21rc2` → `1.21.0-rc.2`; `go1.22beta1` →
 * `1.22.0-beta.1` (the semver forms the Go vulnerability database uses for `stdlib`). Anything
 * after the version (`X:boringcrypto`, a vendor's suffix) is returned as `extra`. Development
 * builds (`devel go1.23-abc…`) have no release version.
 */
export function toolchainVersion(raw: string): ToolchainVersion {
  const text = raw.trim();
  if (text.startsWith('devel')) return { problem: `development toolchain "${text}" has no release version` };
  const m = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?(?=$|[\s+-])(.*)$/s.exec(text);
  if (!m) return { problem: `unrecognised toolchain version "${text}"` };
  const [, major, minor, patch, pre, preNum, rest] = m;
  const version = `${major}.${minor}.${patch ?? '0'}${pre ? `-${pre}.${preNum}` : ''}`;
  const extra = rest?.trim();
  return extra ? { version, extra } : { version };
}

/** A directory replacement (`=> ../fork`) has no module version: Go writes `(devel)` or nothing. */
function hasNoVersion(m: GoModule): boolean {
  return m.version === '' || m.version === '(devel)';
}

/**
 * One dependency as a package. A module replaced by another module (`=> other v1.2.3`) is reported
 * as the module actually built (the replacement) and `replacedBy` keeps the other side of the
 * directive: the declared module. A module replaced by a local directory has no version of its
 * own: it is reported under its declared path and version, with the directory in `replacedBy`.
 * In both cases `note` says which way the replacement went.
 */
export function depPackage(dep: GoModule): PackageFact {
  const r = dep.replace;
  if (!r) return { ecosystem: 'go', name: dep.path, version: dep.version };
  if (hasNoVersion(r)) {
    return {
      ecosystem: 'go',
      name: dep.path,
      version: dep.version,
      replacedBy: { name: r.path },
      note: `replaced by local directory ${r.path}; version is the declared one`,
    };
  }
  return {
    ecosystem: 'go',
    name: r.path,
    version: r.version,
    replacedBy: { name: dep.path, version: dep.version },
    note: `replaces ${dep.path}@${dep.version}`,
  };
}

/**
 * Packages of one Go binary: `stdlib` at the toolchain version (when it has one), the main module
 * when it has a real version (not `(devel)`, not empty: a locally built main module has nothing to
 * match), and every dependency except a copy of the main module.
 */
export function goPackages(
  goVersion: string,
  mod: GoModInfo,
): { packages: PackageFact[]; problems: string[] } {
  const packages: PackageFact[] = [];
  const problems: string[] = [];
  const tc = toolchainVersion(goVersion);
  if ('problem' in tc) problems.push(tc.problem);
  else
    packages.push({
      ecosystem: 'go',
      name: STDLIB,
      version: tc.version,
      ...(tc.extra ? { note: tc.extra } : {}),
    });
  const main = mod.main;
  if (main && !hasNoVersion(main)) {
    packages.push({ ...depPackage(main), note: 'main module' });
  }
  for (const dep of mod.deps) {
    if (dep.path === main?.path) continue;
    packages.push(depPackage(dep));
  }
  return { packages, problems };
}
