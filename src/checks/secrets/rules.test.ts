import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretScanner } from './scanner.js';
import { toHits } from './hits.js';
import { DEFAULT_RULES } from './rules.js';

/** A deterministic pseudo-random token over `alphabet` (realistic, fake, never a live key). */
function fake(alphabet: string, length: number, seed: number): string {
  let x = seed * 2654435761;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[Math.floor((x / 2147483648) * alphabet.length)];
  }
  return out;
}
const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;
const URLSAFE = `${ALNUM}-_`;
const HEX = '0123456789abcdef';
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

const rsa = String(
  generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
    type: 'pkcs1',
    format: 'pem',
  }),
);
const ec = String(
  generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({
    type: 'sec1',
    format: 'pem',
  }),
);
const ed = String(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
const dsaBody = fake(B64, 64 * 9, 7).replace(/(.{64})/g, '$1\n');
const opensshBody = Buffer.concat([
  Buffer.from('openssh-key-v1\0none\0none\0'),
  Buffer.from(fake(B64, 300, 8)),
])
  .toString('base64')
  .replace(/(.{70})/g, '$1\n');
const jwt = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: '1234567890', name: 'Jane', iat: 1516239022 })}.${fake(URLSAFE, 43, 9)}`;

interface Vector {
  rule: string;
  text: string;
  path?: string;
  /** Part of the secret that must not appear in the redacted text. */
  secret?: string;
}

const positives: Vector[] = [
  { rule: 'aws-access-key-id', text: `AWS_ACCESS_KEY_ID=AKIA${fake(UPPER32, 16, 1)}` },
  { rule: 'aws-access-key-id', text: `"AccessKeyId": "ASIA${fake(UPPER32, 16, 2)}",` },
  { rule: 'aws-secret-access-key', text: `aws_secret_access_key = ${fake(B64, 40, 3)}` },
  { rule: 'aws-secret-access-key', text: `  "SecretAccessKey": "${fake(B64, 40, 4)}",` },
  {
    rule: 'gcp-service-account-key',
    text: `{\n  "type": "service_account",\n  "project_id": "demo",\n  "private_key_id": "${fake(HEX, 40, 5)}",`,
  },
  { rule: 'gcp-api-key', text: `const key = "AIza${fake(URLSAFE, 35, 6)}";`, path: '/app/src/maps.js' },
  {
    rule: 'azure-storage-account-key',
    text: `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${fake(B64, 86, 7)}==;EndpointSuffix=core.windows.net`,
  },
  { rule: 'azure-storage-account-key', text: `AZURE_STORAGE_KEY="${fake(B64, 86, 8)}=="` },
  { rule: 'github-pat', text: `GITHUB_TOKEN=ghp_${fake(ALNUM, 36, 9)}` },
  { rule: 'github-fine-grained-pat', text: `token: github_pat_${fake(`${ALNUM}_`, 82, 10)}` },
  { rule: 'github-oauth-token', text: `oauth=gho_${fake(ALNUM, 36, 11)}` },
  { rule: 'github-app-token', text: `x ghs_${fake(ALNUM, 36, 12)} y` },
  { rule: 'github-refresh-token', text: `refresh: ghr_${fake(ALNUM, 76, 13)}` },
  { rule: 'gitlab-pat', text: `CI_TOKEN=glpat-${fake(URLSAFE, 20, 14)}` },
  { rule: 'gitlab-pipeline-trigger-token', text: `TRIGGER=glptt-${fake(HEX, 40, 15)}` },
  { rule: 'gitlab-runner-token', text: `token = "glrt-${fake(URLSAFE, 20, 16)}"` },
  { rule: 'slack-token', text: `SLACK_BOT_TOKEN=xoxb-1234567890-1234567890123-${fake(ALNUM, 24, 17)}` },
  {
    rule: 'slack-webhook-url',
    text: `WEBHOOK=https://hooks.slack.com/services/T0${fake('ABCDEFGHJK', 8, 18)}/B0${fake('LMNPQRSTUV', 8, 19)}/${fake(ALNUM, 24, 20)}`,
  },
  { rule: 'stripe-secret-key', text: `STRIPE_KEY=sk_live_${fake(ALNUM, 24, 21)}` },
  { rule: 'stripe-test-key', text: `STRIPE_KEY=sk_test_${fake(ALNUM, 24, 22)}` },
  { rule: 'npm-access-token', text: `NPM_TOKEN=npm_${fake(ALNUM, 36, 23)}` },
  {
    rule: 'npmrc-auth',
    text: `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${fake(HEX, 8, 24)}-${fake(HEX, 4, 25)}-${fake(HEX, 4, 26)}-${fake(HEX, 12, 27)}`,
    path: '/root/.npmrc',
  },
  {
    rule: 'pypi-upload-token',
    text: `password = pypi-AgEIcHlwaS5vcmc${fake(URLSAFE, 60, 28)}`,
    path: '/root/.pypirc',
  },
  {
    rule: 'docker-config-auth',
    text: `{"auths":{"registry.corp.example.net":{"auth":"${Buffer.from(`ci:${fake(ALNUM, 20, 29)}`).toString('base64')}"}}}`,
    path: '/root/.docker/config.json',
  },
  { rule: 'sendgrid-api-key', text: `SENDGRID=SG.${fake(URLSAFE, 22, 30)}.${fake(URLSAFE, 43, 31)}` },
  { rule: 'private-key', text: rsa, path: '/root/.ssh/id_rsa' },
  { rule: 'private-key', text: ec, path: '/etc/app/ec.key' },
  { rule: 'private-key', text: ed, path: '/etc/app/ed25519.pem' },
  { rule: 'private-key', text: `-----BEGIN DSA PRIVATE KEY-----\n${dsaBody}-----END DSA PRIVATE KEY-----\n` },
  {
    rule: 'private-key',
    text: `-----BEGIN OPENSSH PRIVATE KEY-----\n${opensshBody}\n-----END OPENSSH PRIVATE KEY-----`,
  },
  {
    rule: 'private-key',
    text: `{"type":"service_account","private_key":"${rsa.replace(/\n/g, '\\n')}"}`,
    path: '/app/gcp.json',
  },
  { rule: 'jwt', text: `Authorization: Bearer ${jwt}` },
  { rule: 'url-basic-auth', text: `DATABASE_URL=postgres://app:${fake(ALNUM, 14, 32)}@db.internal:5432/app` },
  { rule: 'url-basic-auth', text: `https://deploy:hunter2@git.corp.net/repo.git`, secret: 'hunter2' },
  { rule: 'url-basic-auth', text: '# http://jschmoe:t0ps3cr3t@www.bogus.net/', path: '/app/lib/http.tm' },
  { rule: 'generic-secret-assignment', text: 'DB_PASSWORD=hunter2', secret: 'hunter2' },
  { rule: 'generic-secret-assignment', text: 'secret: "s3cr3t-v4lue"', path: '/etc/app/config.yaml' },
  { rule: 'generic-secret-assignment', text: "API_KEY = 'f9a8c7e6d5b4'", path: '/app/settings.py' },
  {
    rule: 'generic-secret-assignment',
    text: 'export MYSQL_ROOT_PASSWORD=Tr0ub4dor',
    path: '/docker-entrypoint.sh',
  },
  { rule: 'generic-secret-assignment', text: 'DB_PASSWORD=hunter2', path: '/app/test/.env' },
];

const negatives: Vector[] = [
  { rule: 'aws-access-key-id', text: 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE' },
  { rule: 'aws-secret-access-key', text: 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  { rule: 'aws-access-key-id', text: 'id=AKIA1234' },
  { rule: 'github-pat', text: `ghp_${fake(ALNUM, 20, 40)}` },
  { rule: 'github-pat', text: 'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
  {
    rule: 'slack-webhook-url',
    text: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
  },
  { rule: 'npm-access-token', text: 'process.env.npm_config_userconfig' },
  { rule: 'npmrc-auth', text: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}', path: '/app/.npmrc' },
  { rule: 'private-key', text: '-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----' },
  {
    rule: 'private-key',
    text: 'if (line === "-----BEGIN RSA PRIVATE KEY-----") parse(); // "-----END RSA PRIVATE KEY-----"',
  },
  {
    rule: 'private-key',
    text: '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ0\n-----END CERTIFICATE-----',
  },
  { rule: 'url-basic-auth', text: 'https://user:password@registry.corp.net/' },
  { rule: 'url-basic-auth', text: 'postgres://app:s3cr3tP4ss@db.example.com/app' },
  { rule: 'url-basic-auth', text: 'https://ci:${CI_TOKEN}@git.corp.net/x.git' },
  {
    rule: 'url-basic-auth',
    text: '# http://jschmoe:t0ps3cr3t@www.bogus.net/',
    path: '/usr/share/tcltk/tcl8.6/tcl8/http-2.9.8.tm',
  },
  {
    rule: 'generic-secret-assignment',
    text: '__mvncomp "username= message= passphrase= password= scmVersion=" "-D" "${cur}"',
    path: '/usr/share/bash-completion/completions/mvn',
  },
  { rule: 'generic-secret-assignment', text: 'password=password' },
  { rule: 'generic-secret-assignment', text: 'PASSWORD=changeme' },
  { rule: 'generic-secret-assignment', text: 'password=aaaaaaaa' },
  { rule: 'generic-secret-assignment', text: 'password=abcabc' },
  { rule: 'generic-secret-assignment', text: 'DB_PASSWORD=${DB_PASSWORD}' },
  { rule: 'generic-secret-assignment', text: 'password: <your-password>' },
  { rule: 'generic-secret-assignment', text: 'password: xxxxxxxx' },
  { rule: 'generic-secret-assignment', text: 'password = self.password', path: '/app/app.py' },
  { rule: 'generic-secret-assignment', text: 'password = getpass()', path: '/app/app.py' },
  { rule: 'generic-secret-assignment', text: 'password: BinaryLike,', path: '/app/crypto.d.ts' },
  { rule: 'generic-secret-assignment', text: 'const password = userInput;', path: '/app/index.js' },
  { rule: 'generic-secret-assignment', text: 'PASSWORD_FILE=/run/secrets/db_password' },
  { rule: 'generic-secret-assignment', text: 'OLDPWD=/root' },
  { rule: 'generic-secret-assignment', text: 'if (password == "") return', path: '/app/x.go' },
  {
    rule: 'generic-secret-assignment',
    text: 'db_password = "hunter2isnotsecret"',
    path: '/usr/lib/python3/dist-packages/pkg/conf.py',
  },
];

const scanner = createSecretScanner();
const ruleIds = (text: string, path: string) =>
  toHits(scanner.scan(text, path), text, path).map((h) => ({ ruleId: h.ruleId, redacted: h.redacted }));

describe('secret rules', () => {
  it.each(positives.map((v) => [v.rule, v] as const))('%s: finds %j', (_id, v) => {
    const hits = ruleIds(v.text, v.path ?? '/app/.env');
    expect(hits.map((h) => h.ruleId)).toEqual([v.rule]);
    if (v.secret) expect(hits[0]?.redacted).not.toContain(v.secret);
  });

  it.each(negatives.map((v) => [v.rule, v] as const))('%s: ignores %j', (_id, v) => {
    expect(ruleIds(v.text, v.path ?? '/app/.env')).toEqual([]);
  });

  it('has a positive vector for every built-in rule', () => {
    const covered = new Set(positives.map((v) => v.rule));
    expect(DEFAULT_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('never shows a whole secret in the redacted text', () => {
    for (const v of positives) {
      for (const hit of toHits(scanner.scan(v.text, v.path ?? '/app/.env'), v.text, '/x')) {
        expect(hit.redacted).toContain('****');
        expect(hit.redacted.length).toBeLessThanOrEqual(160);
      }
    }
  });

  it('reports the line and column of the match and keeps rule keywords lowercase', () => {
    const text = 'first line\n\n  export GITHUB_TOKEN=ghp_' + fake(ALNUM, 36, 50) + '\n';
    const [hit] = toHits(scanner.scan(text, '/x'), text, '/x');
    expect(hit).toMatchObject({ ruleId: 'github-pat', line: 3, column: 23 });
    for (const rule of DEFAULT_RULES) for (const k of rule.keywords) expect(k).toBe(k.toLowerCase());
  });

  it('keeps the generic rule quiet when a specific rule matched the same secret', () => {
    const text = `AWS_SECRET_ACCESS_KEY=${fake(B64, 40, 60)}`;
    expect(ruleIds(text, '/app/.env').map((h) => h.ruleId)).toEqual(['aws-secret-access-key']);
  });
});
