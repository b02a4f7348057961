import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runVigia } from '../../test-support/cli.js';
import { fixtureImage, tempDir } from '../../test-support/fixtures.js';
import { ExitStatus } from '../exit-codes.js';

const tmp = tempDir('vigia-policy-cli-');
afterAll(() => tmp.cleanup());
const t = (name: string) => join(tmp.path, name);

describe('vigia policy check', () => {
  it('accepts a valid policy: exit 0 and a summary of what it turns on', async () => {
    writeFileSync(t('ok.yaml'), 'version: 1\nsecrets:\n  forbid: true\nuser:\n  forbidRoot: true\n');
    const r = await runVigia(['policy', 'check', t('ok.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(ExitStatus.OK);
    expect(r.stdout).toBe(
      `${t('ok.yaml')}: valid policy\n  rules: secrets, user.root\n  exceptions: 0\n` +
        `  base catalogue: ${t('vigia-bases.yaml')} (absent: no recorded base)\n`,
    );
  });

  it('rejects an invalid policy: exit 3 and one line naming file, line, field and problem', async () => {
    writeFileSync(t('bad.yaml'), 'version: 1\nvulnerabilities:\n  failOnSeverity: SEVERE\n');
    const r = await runVigia(['policy', 'check', t('bad.yaml')]);
    expect(r.status).toBe(ExitStatus.INPUT);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `vigia: error: ${t('bad.yaml')}:3: vulnerabilities.failOnSeverity: expected one of CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN\n`,
    );
  });

  it('rejects an unknown key at its own line', async () => {
    writeFileSync(
      t('typo.json'),
      '{\n  "secrets": {\n    "forbid": true,\n    "forbidDeleted": true\n  }\n}\n',
    );
    const r = await runVigia(['policy', 'check', t('typo.json')]);
    expect(r.status).toBe(ExitStatus.INPUT);
    expect(r.stderr).toBe(`vigia: error: ${t('typo.json')}:4: secrets.forbidDeleted: unknown key\n`);
  });

  it('a missing file is an input error', async () => {
    const r = await runVigia(['policy', 'check', t('nope.yaml')]);
    expect(r.status).toBe(ExitStatus.INPUT);
    expect(r.stderr).toBe(`vigia: error: ${t('nope.yaml')}: cannot read: ENOENT\n`);
  });

  it('warns about expired exceptions and still exits 0', async () => {
    writeFileSync(
      t('expired.yaml'),
      'exceptions:\n  - id: CVE-2020-1967\n    reason: old\n    owner: sec@corp.example\n    expires: 2021-01-01\n',
    );
    const r = await runVigia(['policy', 'check', t('expired.yaml')]);
    expect(r.status).toBe(ExitStatus.OK);
    expect(r.stderr).toBe(
      `vigia: warning: exception CVE-2020-1967 expired on 2021-01-01 (owner sec@corp.example; ${t('expired.yaml')}: exceptions[0]): it matches no finding\n`,
    );
  });
});

describe('vigia policy init', () => {
  it('writes a commented starter that policy check accepts, and never overwrites without --force', async () => {
    const dir = t('init');
    mkdirSync(dir);
    const r = await runVigia(['policy', 'init'], { cwd: dir });
    expect(r.status).toBe(ExitStatus.OK);
    const text = readFileSync(join(dir, 'vigia-policy.yaml'), 'utf8');
    expect(text).toMatch(/^# vigia policy/);
    expect(text.split('\n').filter((l) => l.trim().startsWith('#')).length).toBeGreaterThan(10);

    const check = await runVigia(['policy', 'check', 'vigia-policy.yaml'], { cwd: dir });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(ExitStatus.OK);
    expect(check.stdout).toContain('rules: vulnerabilities.severity, vulnerabilities.known-exploited');

    const again = await runVigia(['policy', 'init'], { cwd: dir });
    expect(again.status).toBe(ExitStatus.USAGE);
    expect(again.stderr).toBe(
      'vigia: error: vigia-policy.yaml already exists (use --force to overwrite it)\n',
    );
    const forced = await runVigia(['policy', 'init', 'vigia-policy.yaml', '--force'], { cwd: dir });
    expect(forced.status).toBe(ExitStatus.OK);
  });
});

describe('vigia policy add-base', () => {
  const image = `${fixtureImage('debian-node-app.oci.tar')}:bookworm`;

  it('records the manifest digest and diffIDs of a real image in the catalogue', async () => {
    const catalogue = t('bases.yaml');
    const r = await runVigia([
      'policy',
      'add-base',
      image,
      '--name',
      'debian:bookworm',
      '--catalogue',
      catalogue,
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(ExitStatus.OK);
    expect(r.stdout).toBe(
      `recorded debian:bookworm (sha256:7e8cb5fbe198bf323ff208a6953192aef2a9a33f9ebddd3a2cca01cbcb8c325a, 1 layer) in ${catalogue}\n`,
    );
    const doc = parse(readFileSync(catalogue, 'utf8')) as { bases: Record<string, unknown>[] };
    expect(doc.bases).toHaveLength(1);
    expect(doc.bases[0]).toMatchObject({
      name: 'debian:bookworm',
      manifestDigest: 'sha256:7e8cb5fbe198bf323ff208a6953192aef2a9a33f9ebddd3a2cca01cbcb8c325a',
      configDigest: 'sha256:2a0a1d3c9652f307493c29e0e0d62f08dbb42368a2561fdbe7e032d4c73f9a80',
      created: '2026-11-29T12:09:11Z',
      diffIDs: ['sha256:69f5e407b96e4e29aef430f3770edb64dd21d1487bff5f75726de9128a32bb1f'],
    });
  });

  it('with --policy, writes the catalogue beside the policy; policy check then counts it', async () => {
    const dir = t('beside');
    mkdirSync(dir);
    writeFileSync(join(dir, 'policy.yaml'), 'bases:\n  allowUnknown: false\n');
    const r = await runVigia([
      'policy',
      'add-base',
      image,
      '--name',
      'debian:bookworm',
      '--policy',
      join(dir, 'policy.yaml'),
    ]);
    expect(r.status).toBe(ExitStatus.OK);
    expect(existsSync(join(dir, 'vigia-bases.yaml'))).toBe(true);
    const check = await runVigia(['policy', 'check', join(dir, 'policy.yaml')]);
    expect(check.stdout).toContain(`base catalogue: ${join(dir, 'vigia-bases.yaml')} (1 base)`);
  });

  it('uses the RepoTags of a docker-archive as the name', async () => {
    const catalogue = t('tags.yaml');
    const r = await runVigia([
      'policy',
      'add-base',
      fixtureImage('alpine-310.tar.gz'),
      '--catalogue',
      catalogue,
    ]);
    expect(r.status).toBe(ExitStatus.OK);
    expect(r.stdout).toMatch(/^recorded docker\.io\/library\/alpine:3\.10 \(sha256:[0-9a-f]{64}, 1 layer\)/);
  });

  it.each([
    [
      'an image with no name and no --name',
      () => ['policy', 'add-base', image, '--catalogue', t('x.yaml')],
      ExitStatus.USAGE,
      /the image carries no name to record it under; pass --name/,
    ],
    [
      'a --name that is not a reference',
      () => ['policy', 'add-base', image, '--name', 'Debian Bookworm', '--catalogue', t('x.yaml')],
      ExitStatus.USAGE,
      /--name Debian Bookworm: expected an image reference/,
    ],
    [
      'both --catalogue and --policy',
      () => ['policy', 'add-base', image, '--catalogue', t('x.yaml'), '--policy', t('ok.yaml')],
      ExitStatus.USAGE,
      /--catalogue and --policy: give one of them/,
    ],
    [
      'an image that does not exist',
      () => ['policy', 'add-base', t('missing.tar'), '--name', 'a:b', '--catalogue', t('x.yaml')],
      ExitStatus.INPUT,
      /missing\.tar: cannot read/,
    ],
  ])('%s', async (_name, args, status, message) => {
    const r = await runVigia(args());
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(t('x.yaml'))).toBe(false);
  });
});
