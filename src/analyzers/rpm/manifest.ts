import type { PackageFact } from '../../core/package.js';
import { rpmPackageFact } from './package.js';

/**
 * Reads the rpm manifest of CBL-Mariner / Azure Linux distroless images
 * (`/var/lib/rpmmanifest/container-manifest-2`), which carry no rpm database: one package per
 * line, ten tab-separated columns written by `rpm -qa --qf` as
 * `NAME, VERSION-RELEASE, INSTALLTIME, BUILDTIME, VENDOR, EPOCH, SIZE, ARCH, EPOCHNUM, SOURCERPM`
 * (`(none)` for an absent EPOCH). There are no file lists. A line that does not have that shape
 * is a problem and is skipped.
 */
export function parseRpmManifest(text: string): { packages: PackageFact[]; problems: string[] } {
  const packages: PackageFact[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const cols = line.split('\t');
    const [name, vr, , , vendor, epochCol, , arch, epochNum, sourceRpm] = cols;
    const dash = vr?.lastIndexOf('-') ?? -1;
    if (cols.length !== 10 || !name || vr === undefined || dash <= 0 || dash === vr.length - 1) {
      problems.push(`line ${i + 1}: not NAME, VERSION-RELEASE and 8 more tab-separated columns`);
      return;
    }
    const epochText = epochCol !== '(none)' ? epochCol : epochNum !== '0' ? epochNum : undefined;
    const epoch = epochText !== undefined && /^\d+$/.test(epochText) ? Number(epochText) : undefined;
    const info = { name, version: vr.slice(0, dash), release: vr.slice(dash + 1), files: [] };
    const fact = rpmPackageFact({
      ...info,
      ...(epoch !== undefined && { epoch }),
      ...(arch && arch !== '(none)' && { arch }),
      ...(sourceRpm && sourceRpm !== '(none)' && { sourceRpm }),
      ...(vendor && vendor !== '(none)' && { vendor }),
    });
    delete fact.files;
    packages.push(fact);
  });
  return { packages, problems };
}
