import { describe, expect, it } from 'vitest';
import type { ImageConfig } from '../../image/types.js';
import type { FileNoteFact } from './file-notes.js';
import { fileNotesAnalyzer } from './file-notes.js';
import type { ImageCheckInput, ImageCheckLayer } from './input.js';
import { runImageChecks } from './run.js';

/** A config with nothing to report: non-root user, health check, provenance labels. */
function cleanConfig(
  over: Partial<ImageConfig['config']> = {},
  history: ImageConfig['history'] = [],
): ImageConfig {
  return {
    architecture: 'amd64',
    os: 'linux',
    config: {
      User: 'app',
      Healthcheck: { Test: ['CMD', 'curl', '-f', 'http://localhost/'] },
      Labels: { 'org.opencontainers.image.source': 'https://git.corp.example/app' },
      ...over,
    },
    rootfs: { type: 'layers', diff_ids: [] },
    history,
  };
}

const note = (path: string, kind: FileNoteFact['note'], size = 0, mode = 0o644): FileNoteFact => ({
  kind: 'file-note',
  analyzer: 'file-notes',
  path,
  note: kind,
  size,
  mode,
});

function layers(...notes: FileNoteFact[][]): ImageCheckLayer[] {
  return notes.map((fileNotes, index) => ({
    index,
    diffID: `sha256:${String(index).repeat(64)}`,
    fileNotes,
  }));
}

const run = (input: Partial<ImageCheckInput> & { config: ImageConfig }) =>
  runImageChecks({ layers: [], ...input }).map((f) => [f.checkId, f.evidence] as const);

describe('image checks (synthetic)', () => {
  it('reports nothing for a clean image', () => {
    expect(run({ config: cleanConfig() })).toEqual([]);
  });

  it.each([
    [{ User: '' }, '(not set: root)'],
    [{ User: 'root' }, 'root'],
    [{ User: '0' }, '0'],
    [{ User: '0:0' }, '0:0'],
    [{ User: 'root:wheel' }, 'root:wheel'],
  ])('VIG-IMG-001 for User %j', (over, value) => {
    expect(run({ config: cleanConfig(over) })).toEqual([['VIG-IMG-001', { field: 'config.User', value }]]);
  });

  it('does not call 1000 or app:root root', () => {
    expect(run({ config: cleanConfig({ User: '1000' }) })).toEqual([]);
    expect(run({ config: cleanConfig({ User: 'app:root' }) })).toEqual([]);
  });

  it('VIG-IMG-002/003 for sensitive ports only', () => {
    const ports = {
      '8080/tcp': {},
      '5432/tcp': {},
      '22/tcp': {},
      '2375/tcp': {},
      '3389/udp': {},
      '443/tcp': {},
    };
    expect(run({ config: cleanConfig({ ExposedPorts: ports }) })).toEqual([
      ['VIG-IMG-002', { field: 'config.ExposedPorts', value: '22/tcp (SSH)' }],
      ['VIG-IMG-002', { field: 'config.ExposedPorts', value: '2375/tcp (Docker API (plain))' }],
      ['VIG-IMG-002', { field: 'config.ExposedPorts', value: '3389/udp (RDP)' }],
      ['VIG-IMG-003', { field: 'config.ExposedPorts', value: '5432/tcp (PostgreSQL)' }],
    ]);
  });

  it('VIG-IMG-004 for a missing or disabled health check', () => {
    expect(run({ config: cleanConfig({ Healthcheck: { Test: ['NONE'] } }) })).toEqual([
      ['VIG-IMG-004', { field: 'config.Healthcheck', value: 'NONE (disabled)' }],
    ]);
  });

  it('VIG-IMG-012 when neither base.name nor source is labelled', () => {
    expect(run({ config: cleanConfig({ Labels: { maintainer: 'x' } }) })).toEqual([
      [
        'VIG-IMG-012',
        {
          field: 'config.Labels',
          value: 'no org.opencontainers.image.base.name or org.opencontainers.image.source',
        },
      ],
    ]);
    expect(
      run({ config: cleanConfig({ Labels: { 'org.opencontainers.image.base.name': 'debian:bookworm' } }) }),
    ).toEqual([]);
  });

  it('VIG-IMG-011 for secret-looking ENV names with literal values', () => {
    const Env = [
      'PATH=/usr/bin',
      'NPM_TOKEN=npm_abcdefghijkl',
      'PASSWORD_FILE=/run/secrets/db',
      'API_KEY=',
      'SECRET=${SECRET}',
      'GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
    ];
    expect(run({ config: cleanConfig({ Env }) })).toEqual([
      ['VIG-IMG-011', { field: 'config.Env[1]', value: 'NPM_TOKEN=np****kl' }],
    ]);
  });

  it('reads ADD URLs, curl|sh and build args from the history', () => {
    const history: ImageConfig['history'] = [
      { createdBy: 'ADD https://example.net/tool.tar.gz /opt/ # buildkit', emptyLayer: false },
      { createdBy: 'ADD file:4f1e0d in / ', emptyLayer: false },
      { createdBy: '/bin/sh -c #(nop)  ARG GITHUB_TOKEN=ghp_notreally1234', emptyLayer: true },
      {
        createdBy:
          '|2 GITHUB_TOKEN=ghp_notreally1234 VERSION=1.2 /bin/sh -c curl -fsSL https://get.example.net/install.sh | sudo bash -s -- --yes',
        emptyLayer: false,
      },
      {
        createdBy:
          'RUN /bin/sh -c wget -qO- https://x.example.net/i.sh > /tmp/i.sh && sh /tmp/i.sh # buildkit',
        emptyLayer: false,
      },
      { createdBy: 'RUN |1 DB_PASSWORD=s3cr3tpass /bin/sh -c ./migrate # buildkit', emptyLayer: false },
    ];
    const config = cleanConfig({}, history);
    const findings = runImageChecks({ config, layers: layers([], [], [], [], []) });
    expect(findings.map((f) => [f.checkId, f.evidence, f.layer?.index])).toEqual([
      ['VIG-IMG-005', { historyIndex: 0, value: 'ADD https://example.net/tool.tar.gz' }, 0],
      [
        'VIG-IMG-006',
        { historyIndex: 3, value: 'curl -fsSL https://get.example.net/install.sh | sudo bash' },
        2,
      ],
      ['VIG-IMG-011', { historyIndex: 2, value: 'ARG GITHUB_TOKEN=gh****34' }, undefined],
      ['VIG-IMG-011', { historyIndex: 5, value: 'ARG DB_PASSWORD=s****s' }, 4],
    ]);
  });

  it('VIG-IMG-007 sums cache bytes per kind and layer, ignoring empty files', () => {
    const input = {
      config: cleanConfig(),
      layers: layers(
        [note('/var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease', 'package-cache', 151_000)],
        [
          note('/var/cache/apt/archives/curl_7.88.1_amd64.deb', 'package-cache', 300_000),
          note('/var/cache/apt/archives/libcurl4_7.88.1_amd64.deb', 'package-cache', 390_000),
          note('/var/cache/apt/pkgcache.bin', 'package-cache', 30_000_000),
          note('/root/.cache/pip/http/a/b/c', 'package-cache', 0),
        ],
      ),
    };
    expect(runImageChecks(input).map((f) => [f.checkId, f.evidence, f.layer?.index])).toEqual([
      [
        'VIG-IMG-007',
        {
          path: '/var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease',
          bytes: 151_000,
          value: 'apt-lists: 1 file',
        },
        0,
      ],
      [
        'VIG-IMG-007',
        {
          path: '/var/cache/apt/archives/curl_7.88.1_amd64.deb',
          bytes: 690_000,
          value: 'apt-archives: 2 files',
        },
        1,
      ],
      [
        'VIG-IMG-007',
        { path: '/var/cache/apt/pkgcache.bin', bytes: 30_000_000, value: 'apt-pkgcache: 1 file' },
        1,
      ],
    ]);
  });

  it('VIG-IMG-008/009/010 from file notes of application layers that are still visible', () => {
    const input: ImageCheckInput = {
      config: cleanConfig(),
      layers: layers(
        [note('/usr/bin/passwd', 'setuid', 68_000, 0o4755)],
        [
          note('/usr/bin/sudo', 'setuid', 280_000, 0o4755),
          note('/usr/local/bin/helper', 'setuid', 10, 0o6755),
          note('/usr/local/bin/helper', 'setgid', 10, 0o6755),
          note('/app/data', 'world-writable', 0, 0o777),
          note('/app/gone', 'world-writable', 5, 0o666),
        ],
      ),
      isVisible: (_layer, path) => path !== '/app/gone',
    };
    expect(run(input)).toEqual([
      ['VIG-IMG-008', { path: '/usr/bin/sudo', value: 'setuid sudo binary' }],
      ['VIG-IMG-009', { path: '/usr/bin/sudo', value: 'setuid, mode 4755' }],
      ['VIG-IMG-009', { path: '/usr/local/bin/helper', value: 'setuid+setgid, mode 6755' }],
      ['VIG-IMG-010', { path: '/app/data', value: 'mode 0777' }],
    ]);
    // isBase marks which layers belong to the base: here both, so only sudo remains.
    expect(
      run({ ...input, layers: input.layers.map((l) => ({ ...l, isBase: true })) }).map(([id]) => id),
    ).toEqual(['VIG-IMG-008']);
  });

  it('VIG-IMG-008 from the package inventory', () => {
    expect(run({ config: cleanConfig(), packages: [{ name: 'sudo', ecosystem: 'deb' }] })).toEqual([
      ['VIG-IMG-008', { value: 'package deb/sudo' }],
    ]);
  });

  it('gives the same fingerprint for the same finding in another build', () => {
    const a = runImageChecks({ config: cleanConfig({ User: 'root' }), layers: layers([]) });
    const b = runImageChecks({ config: cleanConfig({ User: 'root', Env: ['X=1'] }), layers: layers([], []) });
    expect(a[0]!.fingerprint).toBe(b[0]!.fingerprint);
  });
});

describe('file-notes analyzer', () => {
  const h = (path: string, type: 'file' | 'dir' | 'symlink', mode: number, size = 10) => ({
    path,
    type,
    mode,
    uid: 0,
    gid: 0,
    size,
  });
  it.each([
    [h('/usr/bin/su', 'file', 0o104755), ['setuid']],
    [h('/usr/bin/wall', 'file', 0o102755), ['setgid']],
    [h('/app/run.sh', 'file', 0o100777), ['world-writable']],
    [h('/app/shared', 'dir', 0o40777), ['world-writable']],
    [h('/tmp', 'dir', 0o41777), []],
    [h('/var/mail', 'dir', 0o42775), []],
    [h('/usr/bin/link', 'symlink', 0o120777), []],
    [
      h(
        '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4',
        'file',
        0o644,
      ),
      ['package-cache'],
    ],
    [h('/var/lib/apt/lists/lock', 'file', 0o640), []],
    [h('/var/cache/apk/APKINDEX.1.tar.gz', 'file', 0o644), ['package-cache']],
    [h('/root/.npm/_cacache/index-v5/ab/cd', 'file', 0o644), ['package-cache']],
    [h('/home/app/.cache/pip/http/x', 'file', 0o644), ['package-cache']],
    [h('/usr/bin/bash', 'file', 0o755), []],
  ] as const)('%j → %j', (header, notes) => {
    expect(fileNotesAnalyzer.wants(header)).toBe(notes.length > 0);
    if (notes.length > 0) {
      expect(
        fileNotesAnalyzer
          .analyze({ header, content: Buffer.alloc(0) })
          .facts.map((f) => (f.kind === 'file-note' ? f.note : '')),
      ).toEqual(notes);
    }
  });
});
