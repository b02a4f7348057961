import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runVigia } from '../../test-support/cli.js';
import { tempDir } from '../../test-support/fixtures.js';
import { ExitStatus } from '../exit-codes.js';

const tmp = tempDir('vigia-config-cli-');
afterAll(() => tmp.cleanup());
const t = (name: string) => join(tmp.path, name);
const DIGEST = `sha256:${'b'.repeat(64)}`;

const risky = [
  'FROM node:latest',
  'RUN apt-get update && apt-get install -y curl',
  'ENV API_TOKEN=s3cr3t-t0ken-value',
  'RUN curl -fsSL https://get.example.net/install.sh | sh',
  'COPY . /app',
  '',
].join('\n');
const careful = [`FROM registry.corp.example/base/node:20@${DIGEST}`, 'COPY . /app', 'USER node', ''].join(
  '\n',
);
const lowOnly = [
  `FROM registry.corp.example/base/node:20@${DIGEST}`,
  'ADD app.js /app/',
  'USER node',
  '',
].join('\n');

describe('vigia config DOCKERFILE', () => {
  it('prints findings with their lines and exits 1 on HIGH by default', async () => {
    writeFileSync(t('Dockerfile.risky'), risky);
    const r = await runVigia(['config', t('Dockerfile.risky')], { cwd: tmp.path });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(ExitStatus.FAILED);
    const rows = r.stdout.split('\n').filter((l) => /^\d+\s/.test(l));
    expect(rows.map((l) => l.split(/\s+/).slice(0, 3))).toEqual([
      ['1', 'MEDIUM', 'VIG-DF-001'],
      ['1', 'LOW', 'VIG-DF-002'],
      ['1', 'HIGH', 'VIG-DF-004'],
      ['2', 'LOW', 'VIG-DF-007'],
      ['2', 'LOW', 'VIG-DF-008'],
      ['3', 'HIGH', 'VIG-DF-010'],
      ['4', 'HIGH', 'VIG-DF-011'],
    ]);
    expect(r.stdout).not.toContain('s3cr3t-t0ken-value');
    expect(r.stdout).toContain('Remediation:');
  });

  it('writes JSON to --output and honours --fail-on', async () => {
    writeFileSync(t('Dockerfile.low'), lowOnly);
    const out = t('result.json');
    const r = await runVigia(['config', t('Dockerfile.low'), '--format', 'json', '--output', out], {
      cwd: tmp.path,
    });
    expect(r.status).toBe(ExitStatus.OK);
    expect(r.stdout).toBe('');
    const json = JSON.parse(readFileSync(out, 'utf8')) as {
      file: string;
      summary: Record<string, number>;
      findings: Array<{ checkId: string; line: number; source: string; file: string }>;
    };
    expect(json.file).toBe(t('Dockerfile.low'));
    expect(json.summary).toEqual({ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 1, UNKNOWN: 0 });
    expect(json.findings.map((f) => [f.checkId, f.line, f.source, f.file])).toEqual([
      ['VIG-DF-005', 2, 'dockerfile', t('Dockerfile.low')],
    ]);
    const strict = await runVigia(['config', t('Dockerfile.low'), '--fail-on', 'low'], { cwd: tmp.path });
    expect(strict.status).toBe(ExitStatus.FAILED);
    const never = await runVigia(['config', t('Dockerfile.risky'), '--fail-on', 'none'], { cwd: tmp.path });
    expect(never.status).toBe(ExitStatus.OK);
  });

  it('reads approved registries from --config (policy.approvedSources)', async () => {
    writeFileSync(t('Dockerfile.careful'), careful);
    writeFileSync(
      t('vigia-approved.yaml'),
      'policy:\n  approvedSources:\n    - registry.corp.example/base/*\n',
    );
    writeFileSync(t('vigia-other.yaml'), 'policy:\n  approvedSources:\n    - ghcr.io/corp/**\n');
    const ok = await runVigia(['config', t('Dockerfile.careful'), '--config', t('vigia-approved.yaml')], {
      cwd: tmp.path,
    });
    expect(ok.status).toBe(ExitStatus.OK);
    expect(ok.stdout).toBe(`${t('Dockerfile.careful')}: no misconfiguration found\n`);
    const denied = await runVigia(['config', t('Dockerfile.careful'), '--config', t('vigia-other.yaml')], {
      cwd: tmp.path,
    });
    expect(denied.status).toBe(ExitStatus.FAILED);
    expect(denied.stdout).toMatch(/^1\s+HIGH\s+VIG-DF-003\s/m);
  });

  it('exits 3 on an unreadable Dockerfile, a file that is not one, or a bad config', async () => {
    const missing = await runVigia(['config', t('nope')], { cwd: tmp.path });
    expect(missing.status).toBe(ExitStatus.INPUT);
    expect(missing.stderr).toBe(`vigia: error: ${t('nope')}: cannot read: ENOENT\n`);
    writeFileSync(t('notes.txt'), 'hello\n');
    const notDockerfile = await runVigia(['config', t('notes.txt')], { cwd: tmp.path });
    expect(notDockerfile.status).toBe(ExitStatus.INPUT);
    expect(notDockerfile.stderr).toBe(
      `vigia: error: ${t('notes.txt')}: no FROM instruction: not a Dockerfile\n`,
    );
    writeFileSync(t('bad.yaml'), 'policy:\n  approvedSources: registry.corp.example\n');
    const badConfig = await runVigia(['config', t('Dockerfile.careful'), '--config', t('bad.yaml')], {
      cwd: tmp.path,
    });
    expect(badConfig.status).toBe(ExitStatus.INPUT);
    expect(badConfig.stderr).toMatch(
      new RegExp(`^vigia: error: ${t('bad.yaml')}:2: policy\\.approvedSources: `),
    );
  });

  it('rejects a bad --format or --fail-on as usage errors', async () => {
    writeFileSync(t('Dockerfile.careful'), careful);
    expect(
      (await runVigia(['config', t('Dockerfile.careful'), '--format', 'xml'], { cwd: tmp.path })).status,
    ).toBe(ExitStatus.USAGE);
    expect(
      (await runVigia(['config', t('Dockerfile.careful'), '--fail-on', 'severe'], { cwd: tmp.path })).status,
    ).toBe(ExitStatus.USAGE);
  });
});
