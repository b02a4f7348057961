import { PackageURL } from 'packageurl-js';
import { ecosystem, type EcosystemId } from '../core/ecosystems.js';
import type { OsInfo } from '../core/os.js';
import type { PackageFact } from '../core/package.js';

/**
 * The package URL of a package (https://github.com/package-url/purl-spec). OS packages carry
 * the distribution as namespace and `arch`/`distro` (and rpm `epoch`) qualifiers: e.g.
 * `pkg:apk/alpine/musl@1.1.22-r3?arch=x86_64&distro=alpine-3.10.4`,
 * `pkg:deb/debian/libssl3@3.0.20-1~deb12u1?arch=amd64&distro=debian-12`.
 */
export function purlOf(pkg: PackageFact, os: OsInfo | undefined): string {
  const row = ecosystem(pkg.ecosystem);
  const { namespace, name } = splitName(pkg.ecosystem, pkg.name);
  const qualifiers: Record<string, string> = {};
  let version = pkg.version;
  let ns = namespace;
  if (row.kind === 'os') {
    ns = distroNamespace(pkg.ecosystem, os);
    if (pkg.arch) qualifiers.arch = pkg.arch;
    if (pkg.ecosystem === 'rpm') {
      const m = /^(\d+):(.*)$/.exec(version);
      if (m) {
        qualifiers.epoch = m[1] as string;
        version = m[2] as string;
      }
    }
    const distro = distroQualifier(os);
    if (distro) qualifiers.distro = distro;
  }
  const q = Object.keys(qualifiers).length ? qualifiers : undefined;
  try {
    return new PackageURL(row.purlType, ns, name, version, q, undefined).toString();
  } catch {
    // A name the type's rules reject (e.g. a Maven artifact with no known groupId): keep the
    // package visible under the generic type rather than dropping it.
    return new PackageURL('generic', undefined, pkg.name, version, q, undefined).toString();
  }
}

function splitName(eco: EcosystemId, full: string): { namespace: string | undefined; name: string } {
  switch (eco) {
    case 'npm': {
      const m = /^(@[^/]+)\/(.+)$/.exec(full);
      return m ? { namespace: m[1], name: m[2] as string } : { namespace: undefined, name: full };
    }
    case 'maven': {
      const i = full.indexOf(':');
      return i > 0
        ? { namespace: full.slice(0, i), name: full.slice(i + 1) }
        : { namespace: undefined, name: full };
    }
    case 'go':
    case 'composer': {
      const i = full.lastIndexOf('/');
      return i > 0
        ? { namespace: full.slice(0, i), name: full.slice(i + 1) }
        : { namespace: undefined, name: full };
    }
    case 'pypi':
      return { namespace: undefined, name: full.toLowerCase().replace(/[-_.]+/g, '-') };
    default:
      return { namespace: undefined, name: full };
  }
}

function distroNamespace(eco: EcosystemId, os: OsInfo | undefined): string {
  if (os && os.family !== 'unknown') return os.family === 'rhel' ? 'redhat' : os.family;
  if (eco === 'apk') return 'alpine';
  if (eco === 'deb') return 'debian';
  return 'rpm';
}

function distroQualifier(os: OsInfo | undefined): string | undefined {
  if (!os || os.family === 'unknown') return undefined;
  if (os.family === 'debian') return `debian-${os.version.split('.')[0]}`;
  return `${os.family}-${os.version}`;
}
