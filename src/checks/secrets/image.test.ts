import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SecretHit } from '../../core/secrets.js';
import { fixtureImage } from '../../test-support/fixtures.js';
import { walkFixtureLayers, type FixtureImage } from '../../test-support/image-files.js';
import { createSecretAnalyzer, createSecretScanner, scanImageConfig } from './index.js';

interface LayerHit extends SecretHit {
  layer: number;
}

/** Stream every file of every layer through the analyzer; keep the raw bytes of `keep` paths. */
async function scanImage(image: string, ref: string | undefined, keep: string[] = []) {
  const scanner = createSecretScanner();
  const analyzer = createSecretAnalyzer(scanner);
  const hits: LayerHit[] = [];
  const kept = new Map<string, Buffer>();
  let scanned = 0;
  const info: FixtureImage = await walkFixtureLayers(
    fixtureImage(image),
    ref,
    async (layer, header, body) => {
      const wanted = analyzer.wants(header);
      if (!wanted && !keep.includes(header.path)) return;
      const sink = wanted ? analyzer.start(header) : undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of body) {
        sink?.write(chunk);
        if (keep.includes(header.path)) chunks.push(chunk);
      }
      if (keep.includes(header.path)) kept.set(`${layer}:${header.path}`, Buffer.concat(chunks));
      if (!sink) return;
      scanned++;
      const { results, warnings } = sink.end();
      expect(warnings).toEqual([]);
      hits.push(...results.map((r) => ({ ...r, layer })));
    },
  );
  return { hits, kept, scanned, config: scanImageConfig(info.config, scanner), info };
}

const sha = (rule: string, secret: string) =>
  `sha256:${createHash('sha256').update(`${rule}\0${secret}`).digest('hex')}`;

describe('secrets in real images', () => {
  it('debian-node-app: the AWS pair in /app/.env (layer 4), the RSA key, DB_PASSWORD in config and history', async () => {
    const { hits, kept, config, info, scanned } = await scanImage('debian-node-app.oci.tar', 'node-app', [
      '/app/.env',
      '/root/.ssh/id_rsa',
    ]);
    expect(scanned).toBeGreaterThan(1000);
    // Expected values from the files themselves: the lines holding each assignment.
    const env = kept.get('3:/app/.env')!.toString('utf8').split('\n');
    const lineOf = (name: string) => env.findIndex((l) => l.startsWith(`${name}=`)) + 1;
    const valueOf = (name: string) => env[lineOf(name) - 1]!.slice(name.length + 1);
    const keyText = kept.get('3:/root/.ssh/id_rsa')!.toString('utf8');
    expect(keyText.startsWith('-----BEGIN RSA PRIVATE KEY-----')).toBe(true);

    const summary = hits
      .map((h) => ({ layer: h.layer, path: h.path, line: h.line, ruleId: h.ruleId }))
      .sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
    expect(summary).toEqual([
      { layer: 3, path: '/app/.env', line: lineOf('AWS_ACCESS_KEY_ID'), ruleId: 'aws-access-key-id' },
      { layer: 3, path: '/app/.env', line: lineOf('AWS_SECRET_ACCESS_KEY'), ruleId: 'aws-secret-access-key' },
      { layer: 3, path: '/root/.ssh/id_rsa', line: 1, ruleId: 'private-key' },
    ]);
    const byRule = new Map(hits.map((h) => [h.ruleId, h]));
    const id = valueOf('AWS_ACCESS_KEY_ID');
    const secret = valueOf('AWS_SECRET_ACCESS_KEY');
    expect(byRule.get('aws-access-key-id')?.fingerprint).toBe(sha('aws-access-key-id', id));
    expect(byRule.get('aws-secret-access-key')?.fingerprint).toBe(sha('aws-secret-access-key', secret));
    const body = keyText.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    expect(byRule.get('private-key')?.fingerprint).toBe(sha('private-key', body));
    for (const h of hits) {
      expect(h.redacted).not.toContain(id);
      expect(h.redacted).not.toContain(secret);
      expect(h.redacted).not.toContain(body.slice(10, 30));
    }

    // The image config: Env[1] and the ENV history line.
    const envIndex = info.config.config.Env!.findIndex((e) => e.startsWith('DB_PASSWORD='));
    const historyIndex = info.config.history.findIndex((h) => h.createdBy?.includes('DB_PASSWORD='));
    expect(config.map((h) => [h.path, h.ruleId, h.line])).toEqual([
      [`config:Env[${envIndex}]`, 'generic-secret-assignment', 1],
      [`history[${historyIndex}]`, 'generic-secret-assignment', 1],
    ]);
    for (const h of config) {
      expect(h.redacted).not.toContain('hunter2');
      expect(h.fingerprint).toBe(sha('generic-secret-assignment', 'hunter2'));
    }
  });

  it.each([['alpine-310.tar.gz'], ['alpine-311.tar.gz']])(
    '%s: no finding in any file or in the config',
    async (image) => {
      const { hits, config, scanned } = await scanImage(image, undefined);
      expect(scanned).toBeGreaterThan(40);
      expect(hits).toEqual([]);
      expect(config).toEqual([]);
    },
  );
});
