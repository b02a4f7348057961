import { describe, expect, it } from 'vitest';
import type { OsInfo } from '../../core/os.js';
import { fileHeader, readImageFiles } from '../../test-support/image-files.js';
import { fixtureImage } from '../../test-support/fixtures.js';
import { osReleaseAnalyzer } from './analyzer.js';
import { resolveOs } from './resolve.js';

/** Runs the analyzer on one file, returning its single `os` fact's OsInfo and its warnings. */
function analyze(path: string, text: string): { os: OsInfo | undefined; warnings: string[] } {
  const content = Buffer.from(text);
  const { facts, warnings } = osReleaseAnalyzer.analyze({ header: fileHeader(path, content), content });
  const fact = facts[0];
  return { os: fact?.kind === 'os' ? fact.os : undefined, warnings: warnings.map((w) => w.code) };
}

/** The OS of a fixture image as the pipeline would see it: wanted files, later layers win. */
async function imageOs(image: string, ref?: string): Promise<OsInfo | undefined> {
  const files = await readImageFiles(fixtureImage(image), () => true, ref);
  const byPath = new Map<string, { path: string; os: OsInfo }>();
  for (const file of files) {
    const { header } = file;
    if (!osReleaseAnalyzer.wants(header)) continue;
    for (const fact of osReleaseAnalyzer.analyze({ header, content: file.content }).facts) {
      if (fact.kind === 'os') byPath.set(fact.path, { path: fact.path, os: fact.os });
    }
  }
  return resolveOs([...byPath.values()]);
}

describe('osReleaseAnalyzer.wants', () => {
  it.each([
    ['/etc/os-release', 'file', true],
    ['/usr/lib/os-release', 'file', true],
    ['/etc/alpine-release', 'file', true],
    ['/etc/debian_version', 'file', true],
    ['/etc/centos-release', 'file', true],
    ['/etc/redhat-release', 'symlink', false],
    ['/etc/os-release', 'symlink', false],
    ['/etc/os-release.bak', 'file', false],
    ['/usr/etc/os-release', 'file', false],
    ['/etc/centos-release-upstream', 'file', false],
  ] as const)('%s (%s) → %s', (path, type, expected) => {
    expect(osReleaseAnalyzer.wants({ ...fileHeader(path, ''), type })).toBe(expected);
  });
});

describe('osReleaseAnalyzer.analyze (one file at a time)', () => {
  it.each<[string, string, string, Partial<OsInfo>]>([
    [
      'ubuntu 22.04 os-release',
      '/etc/os-release',
      'PRETTY_NAME="Ubuntu 22.04.3 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION="22.04.3 LTS (Jammy Jellyfish)"\nVERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\nUBUNTU_CODENAME=jammy\n',
      { family: 'ubuntu', version: '22.04', codename: 'jammy', name: 'Ubuntu 22.04.3 LTS' },
    ],
    [
      'debian 9 (codename only in VERSION)',
      '/usr/lib/os-release',
      'PRETTY_NAME="Debian GNU/Linux 8 (jessie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="8"\nVERSION="8 (jessie)"\nID=debian\n',
      { family: 'debian', version: '8', codename: 'jessie' },
    ],
    [
      'amazon linux 2',
      '/etc/os-release',
      'NAME="Amazon Linux"\nVERSION="2"\nID="amzn"\nID_LIKE="centos rhel fedora"\nVERSION_ID="2"\n',
      { family: 'amazon', version: '2' },
    ],
    [
      'oracle linux',
      '/etc/os-release',
      'NAME="Oracle Linux Server"\nVERSION="8.7"\nID="ol"\nVERSION_ID="8.7"\n',
      { family: 'oracle', version: '8.7' },
    ],
    [
      'opensuse leap',
      '/usr/lib/os-release',
      'NAME="openSUSE Leap"\nVERSION="15.5"\nID="opensuse-leap"\nID_LIKE="suse opensuse"\nVERSION_ID="15.5"\n',
      { family: 'opensuse', version: '15.5' },
    ],
    [
      'sles bci',
      '/usr/lib/os-release',
      'NAME="SLES"\nVERSION="15-SP3"\nVERSION_ID="15.3"\nID="sles"\nID_LIKE="suse"\n',
      { family: 'sles', version: '15.3' },
    ],
    [
      'cbl-mariner',
      '/etc/os-release',
      'NAME="Common Base Linux Mariner"\nVERSION="2.0.20220226"\nID=mariner\nVERSION_ID=2.0\n',
      { family: 'mariner', version: '2.0' },
    ],
    [
      'azure linux',
      '/etc/os-release',
      'NAME="Microsoft Azure Linux"\nVERSION="3.0.20240727"\nID=azurelinux\nVERSION_ID="3.0"\n',
      { family: 'azurelinux', version: '3.0' },
    ],
    [
      'wolfi',
      '/etc/os-release',
      'ID=wolfi\nNAME="Wolfi"\nPRETTY_NAME="Wolfi"\nVERSION_ID="20230201"\n',
      { family: 'wolfi', version: '20230201' },
    ],
    [
      'chainguard',
      '/etc/os-release',
      'ID=chainguard\nNAME="Chainguard"\nPRETTY_NAME="Chainguard"\nVERSION_ID="20230214"\n',
      { family: 'chainguard' },
    ],
    [
      'distroless (debian ID)',
      '/etc/os-release',
      'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\nVERSION="Debian GNU/Linux 12 (bookworm)"\n',
      { family: 'debian', version: '12', name: 'Distroless' },
    ],
    [
      'escaped double quotes, comments',
      '/etc/os-release',
      '# comment\nID=rocky\nNAME="Rocky \\"Linux\\""\nVERSION_ID=\'9.2\'\n',
      { family: 'rocky', version: '9.2', name: 'Rocky "Linux"' },
    ],
    ['alpine-release', '/etc/alpine-release', '3.10.4\n', { family: 'alpine', version: '3.10.4' }],
    ['debian_version', '/etc/debian_version', '12.15\n', { family: 'debian', version: '12.15' }],
    [
      "ubuntu's debian_version",
      '/etc/debian_version',
      'bookworm/sid\n',
      { family: 'debian', version: 'bookworm/sid' },
    ],
    [
      'centos-release',
      '/etc/centos-release',
      'CentOS Linux release 7.5.1804 (Core) \n',
      { family: 'centos', version: '7.5.1804', name: 'CentOS Linux release 7.5.1804 (Core)' },
    ],
    ['centos stream', '/etc/centos-release', 'CentOS Stream release 9\n', { family: 'centos', version: '9' }],
    [
      'redhat-release on rhel',
      '/etc/redhat-release',
      'Red Hat Enterprise Linux release 8.8 (Ootpa)\n',
      { family: 'rhel', version: '8.8' },
    ],
    [
      'redhat-release on oracle',
      '/etc/redhat-release',
      'Red Hat Enterprise Linux Server release 7.9 (Maipo)\n',
      { family: 'rhel', version: '7.9' },
    ],
    [
      'rocky-release',
      '/etc/rocky-release',
      'Rocky Linux release 9.2 (Blue Onyx)\n',
      { family: 'rocky', version: '9.2' },
    ],
    [
      'almalinux-release',
      '/etc/almalinux-release',
      'AlmaLinux release 9.3 (Shamrock Pampas Cat)\n',
      { family: 'almalinux', version: '9.3' },
    ],
    [
      'fedora-release',
      '/etc/fedora-release',
      'Fedora release 38 (Thirty Eight)\n',
      { family: 'fedora', version: '38' },
    ],
    [
      'amazon-linux-release',
      '/etc/amazon-linux-release',
      'Amazon Linux release 2023.1.20230825 (Amazon Linux)\n',
      { family: 'amazon', version: '2023.1.20230825' },
    ],
    [
      'system-release on AL2',
      '/etc/system-release',
      'Amazon Linux release 2 (Karoo)\n',
      { family: 'amazon', version: '2' },
    ],
    [
      'mariner-release',
      '/etc/mariner-release',
      'CBL-Mariner 2.0.20220226\nMARINER_BUILD_NUMBER=abc\n',
      { family: 'mariner', version: '2.0.20220226' },
    ],
    [
      'photon-release',
      '/etc/photon-release',
      'VMware Photon OS 4.0\nPHOTON_BUILD_NUMBER=1526e30ba\n',
      { family: 'photon', version: '4.0' },
    ],
    [
      'unrecognised redhat-release',
      '/etc/redhat-release',
      'EuroLinux release 8.5 (Tirana)\n',
      { family: 'unknown', version: '8.5' },
    ],
  ])('%s', (_label, path, text, expected) => {
    const { os, warnings } = analyze(path, text);
    expect(os).toMatchObject(expected);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['unknown ID', 'ID=gentoo\nNAME=Gentoo\nVERSION_ID=2.14\n', '2.14'],
    ['derivative with ID_LIKE', 'ID=linuxmint\nID_LIKE="ubuntu debian"\nVERSION_ID=21.2\n', '21.2'],
    ['no ID at all', 'NAME=Something\n', ''],
    ['empty file', '', ''],
    ['binary garbage', '\u0000\u0001\u00ff=\u0000', ''],
  ])('%s → family unknown with an os-unknown warning', (_label, text, version) => {
    const { os, warnings } = analyze('/etc/os-release', text);
    expect(os).toMatchObject({ family: 'unknown', version });
    expect(warnings).toEqual(['os-unknown']);
  });
});

describe('OS of the fixture images (real files, resolved)', () => {
  it.each<[string, string | undefined, OsInfo]>([
    [
      'alpine-310.tar.gz',
      undefined,
      { family: 'alpine', version: '3.10.4', name: 'Alpine Linux v3.10', eol: true },
    ],
    [
      'alpine-311.tar.gz',
      undefined,
      { family: 'alpine', version: '3.11.5', name: 'Alpine Linux v3.11', eol: true },
    ],
    [
      'rpm-centos7.tar.gz',
      undefined,
      { family: 'centos', version: '7.5.1804', name: 'CentOS Linux 7 (Core)', eol: true },
    ],
    [
      'debian-node-app.oci.tar',
      'bookworm',
      {
        family: 'debian',
        version: '12.15',
        name: 'Debian GNU/Linux 12 (bookworm)',
        codename: 'bookworm',
        eol: false,
      },
    ],
    [
      'debian-bullseye.oci.tar',
      'bullseye',
      {
        family: 'debian',
        version: '11.11',
        name: 'Debian GNU/Linux 11 (bullseye)',
        codename: 'bullseye',
        eol: true,
      },
    ],
  ])('%s %s', async (image, ref, expected) => {
    expect(await imageOs(image, ref)).toEqual(expected);
  });
});
