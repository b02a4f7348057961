import { describe, expect, it } from 'vitest';
import type { OsInfo } from '../../core/os.js';
import { fileHeader } from '../../test-support/image-files.js';
import { osReleaseAnalyzer } from './analyzer.js';
import { resolveOs } from './resolve.js';

/** The `os` facts the analyzer makes of a set of files, then resolved. */
function resolveFiles(files: Record<string, string>): OsInfo | undefined {
  const facts: Array<{ path: string; os: OsInfo }> = [];
  for (const [path, text] of Object.entries(files)) {
    const content = Buffer.from(text);
    for (const fact of osReleaseAnalyzer.analyze({ header: fileHeader(path, content), content }).facts) {
      if (fact.kind === 'os') facts.push({ path: fact.path, os: fact.os });
    }
  }
  return resolveOs(facts);
}

const debian12 =
  'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n';
const ubuntu2204 =
  'PRETTY_NAME="Ubuntu 22.04.3 LTS"\nVERSION_ID="22.04"\nVERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\n';
const centos7 =
  'NAME="CentOS Linux"\nVERSION="7 (Core)"\nID="centos"\nVERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\n';

describe('resolveOs precedence', () => {
  it.each<[string, Record<string, string>, Partial<OsInfo> | undefined]>([
    ['nothing found', {}, undefined],
    [
      'alpine-release is as precise as VERSION_ID',
      { '/etc/os-release': 'ID=alpine\nVERSION_ID=3.10.4\n', '/etc/alpine-release': '3.10.4\n' },
      { family: 'alpine', version: '3.10.4', eol: true },
    ],
    [
      'alpine-release refines a shorter VERSION_ID',
      { '/etc/os-release': 'ID=alpine\nVERSION_ID=3.20\n', '/etc/alpine-release': '3.20.3\n' },
      { family: 'alpine', version: '3.20.3', eol: true },
    ],
    [
      'alpine edge (pre-release) version kept as written',
      {
        '/etc/os-release': 'ID=alpine\nVERSION_ID=3.21.0_alpha20240807\n',
        '/etc/alpine-release': '3.21.0_alpha20240807\n',
      },
      { family: 'alpine', version: '3.21.0_alpha20240807' },
    ],
    [
      'debian_version refines VERSION_ID 12',
      { '/usr/lib/os-release': debian12, '/etc/debian_version': '12.15\n' },
      { family: 'debian', version: '12.15', codename: 'bookworm', eol: false },
    ],
    [
      "ubuntu's debian_version (bookworm/sid) is ignored: os-release ID wins",
      { '/usr/lib/os-release': ubuntu2204, '/etc/debian_version': 'bookworm/sid\n' },
      { family: 'ubuntu', version: '22.04', codename: 'jammy', eol: false },
    ],
    [
      'old distroless: debian_version alone',
      { '/etc/debian_version': '9.13\n' },
      { family: 'debian', version: '9.13', eol: true },
    ],
    [
      'debian testing: no VERSION_ID, the codename-only debian_version is kept',
      { '/etc/os-release': 'ID=debian\nVERSION_CODENAME=trixie\n', '/etc/debian_version': 'trixie/sid\n' },
      { family: 'debian', version: 'trixie/sid', codename: 'trixie' },
    ],
    [
      'centos-release refines VERSION_ID 7',
      { '/etc/os-release': centos7, '/etc/centos-release': 'CentOS Linux release 7.5.1804 (Core) \n' },
      { family: 'centos', version: '7.5.1804', name: 'CentOS Linux 7 (Core)', eol: true },
    ],
    [
      'a release file that disagrees with VERSION_ID loses',
      {
        '/etc/os-release': 'ID=centos\nVERSION_ID=8\n',
        '/etc/centos-release': 'CentOS Linux release 7.9.2009 (Core)\n',
      },
      { family: 'centos', version: '8', eol: true },
    ],
    [
      "oracle: the RHEL-compatible redhat-release is another family's and is ignored",
      {
        '/etc/os-release': 'ID="ol"\nVERSION_ID="7.9"\nPRETTY_NAME="Oracle Linux Server 7.9"\n',
        '/etc/redhat-release': 'Red Hat Enterprise Linux Server release 7.9 (Maipo)\n',
        '/etc/oracle-release': 'Oracle Linux Server release 7.9\n',
      },
      { family: 'oracle', version: '7.9' },
    ],
    [
      'amazon linux 2023: amazon-linux-release refines 2023',
      {
        '/etc/os-release': 'ID="amzn"\nVERSION_ID="2023"\n',
        '/etc/amazon-linux-release': 'Amazon Linux release 2023.1.20230825 (Amazon Linux)\n',
      },
      { family: 'amazon', version: '2023.1.20230825', eol: false },
    ],
    [
      'mariner-release refines 2.0',
      {
        '/etc/os-release': 'ID=mariner\nVERSION_ID="2.0"\n',
        '/etc/mariner-release': 'CBL-Mariner 2.0.20220226\n',
      },
      { family: 'mariner', version: '2.0.20220226', eol: true },
    ],
    [
      '/etc/os-release wins over /usr/lib/os-release',
      {
        '/etc/os-release': 'ID=rocky\nVERSION_ID=9.3\n',
        '/usr/lib/os-release': 'ID=rocky\nVERSION_ID=9.2\n',
      },
      { family: 'rocky', version: '9.3' },
    ],
    [
      'no os-release: centos-release names the family',
      { '/etc/centos-release': 'CentOS release 6.10 (Final)\n' },
      { family: 'centos', version: '6.10', name: 'CentOS release 6.10 (Final)', eol: true },
    ],
    [
      'no os-release: redhat-release alone',
      { '/etc/redhat-release': 'Red Hat Enterprise Linux release 8.8 (Ootpa)\n' },
      { family: 'rhel', version: '8.8', eol: false },
    ],
    [
      'no os-release: a specific file outranks redhat-release',
      {
        '/etc/redhat-release': 'Red Hat Enterprise Linux Server release 6.10 (Santiago)\n',
        '/etc/oracle-release': 'Oracle Linux Server release 6.10\n',
      },
      { family: 'oracle', version: '6.10' },
    ],
    [
      'unknown os-release ID keeps family unknown even with an alpine-release',
      {
        '/etc/os-release': 'ID=postmarketos\nID_LIKE=alpine\nVERSION_ID=v23.12\n',
        '/etc/alpine-release': '3.19.0\n',
      },
      { family: 'unknown', version: 'v23.12' },
    ],
    [
      'only an unrecognised release file',
      { '/etc/redhat-release': 'EuroLinux release 8.5 (Tirana)\n' },
      { family: 'unknown', version: '8.5' },
    ],
  ])('%s', (_label, files, expected) => {
    const os = resolveFiles(files);
    if (expected === undefined) expect(os).toBeUndefined();
    else expect(os).toMatchObject(expected);
  });

  it('leaves eol out when the end-of-life table does not know the release', () => {
    const os = resolveFiles({ '/etc/os-release': 'ID=wolfi\nVERSION_ID=20230201\n' });
    expect(os).toEqual({ family: 'wolfi', version: '20230201' });
  });
});
