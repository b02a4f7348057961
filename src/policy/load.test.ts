import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isVigiaError } from '../core/errors.js';
import { tempDir } from '../test-support/fixtures.js';
import { loadPolicy, resolvePolicy } from './load.js';
import { STARTER_POLICY } from './starter.js';

const tmp = tempDir('vigia-policy-load-');
afterAll(() => tmp.cleanup());
let n = 0;
/** Write `text` to a fresh sub-directory (so each test has its own catalogue) and return the path. */
function file(name: string, text: string, extra: Record<string, string> = {}): string {
  const dir = join(tmp.path, String(++n));
  mkdirSync(dir);
  for (const [k, v] of Object.entries(extra)) writeFileSync(join(dir, k), v);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function loadError(path: string): Promise<string> {
  try {
    await loadPolicy(path);
  } catch (err) {
    if (isVigiaError(err, 'POLICY_INVALID')) return err.message.replace(`${path}`, 'FILE');
    throw err;
  }
  throw new Error('expected POLICY_INVALID');
}

const yaml = `version: 1
approvedSources:
  - registry.corp.example/base/*
bases:
  approved: [registry.corp.example/base/*, "sha256:${'a'.repeat(64)}"]
  allowUnknown: false
vulnerabilities:
  failOnSeverity: high
  onlyFixable: true
  maxCount: { CRITICAL: 0, HIGH: 3 }
  maxCvss: 8.9
exceptions:
  - id: CVE-2023-5678
    package: openssl
    reason: not reachable
    owner: sec@corp.example
    expires: 2027-01-31
`;

describe('loadPolicy: valid files', () => {
  it('reads a YAML policy (severities in any case) and finds no catalogue beside it', async () => {
    const path = file('policy.yaml', yaml);
    const loaded = await loadPolicy(path);
    expect(loaded.policy.vulnerabilities).toEqual({
      failOnSeverity: 'HIGH',
      onlyFixable: true,
      maxCount: { CRITICAL: 0, HIGH: 3 },
      maxCvss: 8.9,
    });
    expect(loaded.policy.exceptions?.[0]).toMatchObject({ id: 'CVE-2023-5678', expires: '2027-01-31' });
    expect(loaded.section).toBe('');
    expect(loaded.catalogueFile).toBe(join(path, '..', 'vigia-bases.yaml'));
    expect(loaded.catalogue.bases).toEqual([]);
  });

  it('reads the same policy as JSON', async () => {
    const fromYaml = await loadPolicy(file('p.yaml', yaml));
    const json = JSON.stringify(
      { ...fromYaml.policy, vulnerabilities: { ...fromYaml.policy.vulnerabilities, failOnSeverity: 'High' } },
      null,
      2,
    );
    expect((await loadPolicy(file('p.json', json))).policy).toEqual(fromYaml.policy);
  });

  it("reads a vigia.yaml's policy: section and ignores the other sections", async () => {
    const path = file('vigia.yaml', `db:\n  maxAgeDays: 3\npolicy:\n  user:\n    forbidRoot: true\n`);
    const loaded = await loadPolicy(path);
    expect(loaded.section).toBe('policy');
    expect(loaded.policy).toEqual({ user: { forbidRoot: true } });
  });

  it('an empty file is the default policy', async () => {
    expect((await loadPolicy(file('empty.yaml', ''))).policy).toEqual({});
  });

  it('loads the catalogue beside the policy', async () => {
    const catalogue = `version: 1\nbases:\n  - name: debian:bookworm\n    diffIDs: ["sha256:${'1'.repeat(64)}"]\n    addedAt: 2026-11-01T00:00:00Z\n`;
    const loaded = await loadPolicy(file('p.yaml', 'version: 1\n', { 'vigia-bases.yaml': catalogue }));
    expect(loaded.catalogue.bases.map((b) => b.name)).toEqual(['debian:bookworm']);
  });

  it('the starter policy is valid', async () => {
    const loaded = await loadPolicy(file('starter.yaml', STARTER_POLICY));
    expect(loaded.policy.vulnerabilities?.failOnSeverity).toBe('HIGH');
  });
});

describe('loadPolicy: every invalid input names file and line', () => {
  const bad: [string, string, string][] = [
    [
      'a bad severity',
      'version: 1\nvulnerabilities:\n  failOnSeverity: SEVERE\n',
      'FILE:3: vulnerabilities.failOnSeverity: expected one of CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN',
    ],
    [
      'an unknown top-level key',
      'version: 1\nuser:\n  forbidRoot: true\nfailOn: HIGH\n',
      'FILE:4: failOn: unknown key',
    ],
    [
      'an unknown nested key (a typo)',
      'version: 1\nvulnerabilities:\n  failOnSeverity: HIGH\n  maxCvs: 9\n',
      'FILE:4: vulnerabilities.maxCvs: unknown key',
    ],
    [
      'an impossible date in expires',
      yaml.replace('2027-01-31', '2027-02-30'),
      'FILE:17: exceptions[0].expires: expected a date YYYY-MM-DD (or an RFC 3339 date-time)',
    ],
    [
      'a date of the wrong shape in expires',
      yaml.replace('2027-01-31', '31/01/2027'),
      'FILE:17: exceptions[0].expires: expected a date YYYY-MM-DD (or an RFC 3339 date-time)',
    ],
    [
      'an exception without an owner',
      'exceptions:\n  - id: CVE-1\n    reason: x\n    expires: 2027-01-01\n',
      'FILE:2: exceptions[0].owner: expected a string',
    ],
    [
      'a string where a number belongs',
      'vulnerabilities:\n  maxCvss: high\n',
      'FILE:2: vulnerabilities.maxCvss: expected a number',
    ],
    [
      'a string where a list belongs',
      'approvedSources: registry.corp.example\n',
      'FILE:1: approvedSources: expected a list',
    ],
    [
      'a count that is not whole',
      'vulnerabilities:\n  maxCount:\n    HIGH: 1.5\n',
      'FILE:3: vulnerabilities.maxCount.HIGH: expected a whole number',
    ],
    [
      'a bad source pattern',
      'approvedSources:\n  - registry.corp.example/base/*\n  - "registry.corp.example/base@sha256:zz"\n',
      'FILE:3: approvedSources[1]: bad pattern "registry.corp.example/base@sha256:zz": invalid digest "sha256:zz"',
    ],
    ['an unknown version', 'version: 2\n', 'FILE:1: version: expected 1 (the only policy version)'],
    ['a YAML syntax error', 'user:\n  forbidRoot: [true\n', 'FILE:3: '],
    [
      'a policy: section with a wrong type',
      'db:\n  maxAgeDays: 3\npolicy:\n  secrets:\n    forbid: "yes"\n',
      'FILE:5: policy.secrets.forbid: ',
    ],
  ];
  it.each(bad)('%s', async (_name, text, expected) => {
    const message = await loadError(file('p.yaml', text));
    expect(message.startsWith(expected)).toBe(true);
    expect(message).not.toContain('\n');
  });

  it('names the line in a JSON policy too', async () => {
    const json = '{\n  "version": 1,\n  "vulnerabilities": {\n    "failOnSeverity": "SEVERE"\n  }\n}\n';
    expect(await loadError(file('p.json', json))).toMatch(/^FILE:4: vulnerabilities\.failOnSeverity: /);
  });

  it('a catalogue the policy names must exist', async () => {
    const message = await loadError(file('p.yaml', 'bases:\n  catalogue: bases/approved.yaml\n'));
    expect(message).toMatch(/bases\/approved\.yaml: cannot read: ENOENT$/);
  });

  it("names the catalogue's file and line when the catalogue is invalid", async () => {
    const catalogue = `version: 1\nbases:\n  - name: debian:bookworm\n    diffIDs: ["sha256:nothex"]\n    addedAt: 2026-11-01T00:00:00Z\n`;
    const path = file('p.yaml', 'version: 1\n', { 'vigia-bases.yaml': catalogue });
    await expect(loadPolicy(path)).rejects.toThrow(
      /vigia-bases\.yaml:4: bases\[0\]\.diffIDs\[0\]: expected a sha256:<64 hex> digest$/,
    );
  });
});

describe('resolvePolicy', () => {
  it('prefers --policy, then a config file with a policy: section, else the default policy', async () => {
    const policyFile = file('p.yaml', 'secrets:\n  forbid: true\n');
    const withSection = file('vigia.yaml', 'policy:\n  user:\n    forbidRoot: true\n');
    const withoutSection = file('vigia.yaml', 'db:\n  maxAgeDays: 3\n');
    expect((await resolvePolicy({ policyFile, configFile: withSection })).policy).toEqual({
      secrets: { forbid: true },
    });
    expect((await resolvePolicy({ configFile: withSection })).file).toBe(withSection);
    const fallback = await resolvePolicy({ configFile: withoutSection });
    expect(fallback.file).toBeUndefined();
    expect(fallback.policy).toEqual({});
    expect((await resolvePolicy({})).policy).toEqual({});
  });
});
