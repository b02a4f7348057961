import { describe, expect, it } from 'vitest';
import { parseSourceText } from '../../config/load.js';
import { isVigiaError } from '../../core/errors.js';
import { checkDockerfile } from './run.js';
import { approvedSourcesFromConfig, matchesSource } from './sources.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
/** A header that passes every FROM check and a footer that sets a non-root user. */
const BASE = `FROM debian:12.5-slim@${DIGEST}`;
const END = 'USER 10001';

/** `[check id, line]` pairs of a Dockerfile's findings. */
function found(text: string, approvedSources?: string[]): Array<[string, number]> {
  const { findings } = checkDockerfile(text, {
    path: 'Dockerfile',
    ...(approvedSources ? { approvedSources } : {}),
  });
  return findings.map((f) => [f.checkId, f.line!]);
}

describe('Dockerfile checks', () => {
  it('reports nothing for a careful Dockerfile', () => {
    const text = [
      `ARG BASE=debian:12.5-slim@${DIGEST}`,
      'FROM ${BASE} AS build',
      'RUN apt-get update \\',
      '    && apt-get install -y --no-install-recommends build-essential \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'COPY . /src',
      `FROM alpine:3.20@${DIGEST}`,
      'RUN apk add --no-cache ca-certificates',
      'ADD --checksum=sha256:0123 https://example.net/tool.tar.gz /opt/',
      'ADD vendor.tar.gz /opt/',
      'COPY --from=build /src/out /app',
      'ENV NODE_ENV=production PASSWORD_FILE=/run/secrets/db',
      'USER app:app',
    ].join('\n');
    expect(found(text)).toEqual([]);
  });

  it.each([
    [
      'FROM debian',
      [
        ['VIG-DF-001', 1],
        ['VIG-DF-002', 1],
      ],
    ],
    [
      'FROM debian:latest',
      [
        ['VIG-DF-001', 1],
        ['VIG-DF-002', 1],
      ],
    ],
    ['FROM docker.io/library/debian:bookworm', [['VIG-DF-002', 1]]],
    [`FROM debian@${DIGEST}`, []],
    [`FROM --platform=linux/arm64 debian:latest@${DIGEST}`, []],
    ['FROM scratch', []],
  ])('FROM checks: %s', (from, expected) => {
    expect(found(`${from}\n${END}\n`)).toEqual(expected);
  });

  it('expands ARGs declared before the first FROM, and warns about unresolved ones', () => {
    expect(found(`ARG TAG=latest\nARG REG=ghcr.io\nFROM \${REG}/org/app:\${TAG}\n${END}\n`)).toEqual([
      ['VIG-DF-001', 3],
      ['VIG-DF-002', 3],
    ]);
    const r = checkDockerfile(`ARG TAG\nFROM alpine:\${TAG}\n${END}\n`, { path: 'Dockerfile' });
    expect(r.findings).toEqual([]);
    expect(r.warnings).toEqual([
      expect.objectContaining({
        code: 'dockerfile-unresolved-from',
        message: expect.stringMatching(/^Dockerfile:2: /),
      }),
    ]);
  });

  it('does not treat earlier stage names as images (multi-stage)', () => {
    const text = `${BASE} AS build\nRUN make\nFROM build AS test\nRUN make test\nFROM build\n${END}\n`;
    expect(found(text)).toEqual([]);
  });

  it('VIG-DF-003 with approved sources from the config file', () => {
    const file = parseSourceText(
      'vigia.yaml',
      'policy:\n  approvedSources:\n    - registry.corp.example/base/*\n    - alpine\n',
    );
    const approved = approvedSourcesFromConfig(file)!;
    expect(approved).toEqual(['registry.corp.example/base/*', 'alpine']);
    const text = [
      `FROM registry.corp.example/base/debian:12@${DIGEST} AS a`,
      `FROM alpine:3.20@${DIGEST} AS b`,
      `FROM docker.io/library/alpine:3.20@${DIGEST} AS c`,
      `FROM registry.corp.example/base/deep/debian:12@${DIGEST} AS d`,
      `FROM ghcr.io/evil/debian:12@${DIGEST}`,
      END,
    ].join('\n');
    expect(found(text, approved)).toEqual([
      ['VIG-DF-003', 4],
      ['VIG-DF-003', 5],
    ]);
    // Without a list the check does not run.
    expect(found(text)).toEqual([]);
  });

  it('rejects an invalid approved-sources list naming file:line', () => {
    const file = parseSourceText('vigia.yaml', 'policy:\n  approvedSources:\n    - "bad pattern"\n');
    expect(() => approvedSourcesFromConfig(file)).toThrow(/^vigia\.yaml:3: policy\.approvedSources\[0\]: /);
    expect(approvedSourcesFromConfig(parseSourceText('vigia.yaml', 'secrets: {}\n'))).toBeUndefined();
    expect(approvedSourcesFromConfig(undefined)).toBeUndefined();
  });

  it.each([
    ['no USER at all', `${BASE}\nRUN make\n`, [['VIG-DF-004', 1]]],
    ['USER root last', `${BASE}\nUSER app\nRUN make\nUSER root\n`, [['VIG-DF-004', 4]]],
    ['USER 0:0', `${BASE}\nUSER 0:0\n`, [['VIG-DF-004', 2]]],
    ['non-root only in an earlier stage', `${BASE} AS build\nUSER app\n${BASE}\n`, [['VIG-DF-004', 3]]],
    ['inherited from the stage it builds on', `${BASE} AS base\nUSER app\nFROM base\nRUN true\n`, []],
    ['root in the stage it builds on', `${BASE} AS base\nUSER root\nFROM base\n`, [['VIG-DF-004', 2]]],
  ])('VIG-DF-004: %s', (_what, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    ['ADD app.py /app/', [['VIG-DF-005', 2]]],
    ['ADD --chown=app:app src/ /app/', [['VIG-DF-005', 2]]],
    ['ADD rootfs.tar.xz /', []],
    ['ADD https://example.net/tool /usr/local/bin/tool', [['VIG-DF-006', 2]]],
    ['ADD --checksum=sha256:0123 https://example.net/tool /usr/local/bin/tool', []],
    ['ADD git@github.com:org/repo.git /src', []],
  ])('ADD: %s', (add, expected) => {
    expect(found(`${BASE}\n${add}\n${END}\n`)).toEqual(expected);
  });

  it('apt-get checks point at the install line inside continuations', () => {
    const text = [
      BASE,
      'RUN apt-get update && \\',
      '    # comments inside continuations are allowed',
      '    apt-get install -y \\',
      '      curl git',
      END,
    ].join('\n');
    expect(found(text)).toEqual([
      ['VIG-DF-007', 4],
      ['VIG-DF-008', 4],
    ]);
  });

  it('reads RUN heredocs and cache mounts', () => {
    const heredoc = `${BASE}\nRUN <<EOF\napt-get update\napt-get install -y --no-install-recommends curl\nEOF\n${END}\n`;
    expect(found(heredoc)).toEqual([['VIG-DF-008', 4]]);
    const cleaned = `${BASE}\nRUN <<EOF\nset -e\napt-get update\napt-get install -y --no-install-recommends curl\nrm -rf /var/lib/apt/lists/*\nEOF\n${END}\n`;
    expect(found(cleaned)).toEqual([]);
    const mounted = `${BASE}\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends git\n${END}\n`;
    expect(found(mounted)).toEqual([]);
    const piped = `${BASE}\nRUN <<EOF bash\nset -e\ncurl -fsSL https://get.example.net/install.sh | sh\nEOF\n${END}\n`;
    expect(found(piped)).toEqual([['VIG-DF-011', 4]]);
  });

  it('VIG-DF-009 apk add without --no-cache; VIG-DF-011 curl | sh, also in exec form', () => {
    expect(found(`FROM alpine:3.20@${DIGEST}\nRUN apk update && apk add curl\n${END}\n`)).toEqual([
      ['VIG-DF-009', 2],
    ]);
    expect(found(`${BASE}\nRUN wget -qO- https://x.example.net/i.sh | bash\n${END}\n`)).toEqual([
      ['VIG-DF-011', 2],
    ]);
    expect(found(`${BASE}\nRUN ["sh", "-c", "curl -sSL https://x.example.net/i | sh"]\n${END}\n`)).toEqual([
      ['VIG-DF-011', 2],
    ]);
  });

  it('VIG-DF-010 secrets in ENV and ARG (values redacted), on the line of the name', () => {
    const text = [
      'ARG NPM_TOKEN',
      BASE,
      'ARG DB_PASSWORD=hunter2',
      'ENV APP_ENV=prod \\',
      '    API_KEY=f9a8c7e6d5b4 \\',
      '    LOG_LEVEL=info',
      'ENV GITHUB_TOKEN=$GITHUB_TOKEN',
      'ENV LEGACY_SECRET some value',
      'ENV PASSWORD_FILE=/run/secrets/db GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
      END,
    ].join('\n');
    const { findings } = checkDockerfile(text, { path: 'Dockerfile' });
    expect(findings.map((f) => [f.checkId, f.line, f.evidence.value])).toEqual([
      ['VIG-DF-010', 1, 'ARG NPM_TOKEN (a build arg: recorded in the history of every RUN that uses it)'],
      ['VIG-DF-010', 3, 'ARG DB_PASSWORD=h****2'],
      ['VIG-DF-010', 5, 'ENV API_KEY=f9****b4'],
      ['VIG-DF-010', 7, 'ENV GITHUB_TOKEN=$GITHUB_TOKEN'],
      ['VIG-DF-010', 8, 'ENV LEGACY_SECRET=s****e'],
    ]);
    for (const f of findings) {
      expect(f).toMatchObject({
        kind: 'misconfig',
        source: 'dockerfile',
        file: 'Dockerfile',
        evidence: { line: f.line },
      });
    }
  });

  it('handles the escape directive and lower-case keywords', () => {
    const text = '# escape=`\nfrom debian\nrun apt-get update `\n  && apt-get install -y curl\nuser app\n';
    expect(found(text)).toEqual([
      ['VIG-DF-001', 2],
      ['VIG-DF-002', 2],
      ['VIG-DF-007', 4],
      ['VIG-DF-008', 4],
    ]);
  });

  it('rejects a file without FROM as CONFIG_INVALID', () => {
    let error: unknown;
    try {
      checkDockerfile('just some text\n', { path: 'notes.txt' });
    } catch (err) {
      error = err;
    }
    expect(isVigiaError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toBe('notes.txt: no FROM instruction: not a Dockerfile');
  });

  it('fingerprints do not depend on the line', () => {
    const a = checkDockerfile(`FROM debian\n${END}\n`, { path: 'Dockerfile' }).findings;
    const b = checkDockerfile(`# moved\n\nFROM debian\n${END}\n`, { path: 'Dockerfile' }).findings;
    expect(b.map((f) => f.fingerprint)).toEqual(a.map((f) => f.fingerprint));
    expect(b.map((f) => f.line)).toEqual([3, 3]);
  });

  it('matchesSource normalises Docker Hub names', () => {
    expect(matchesSource('alpine:3.20', 'docker.io/library/alpine')).toBe(true);
    expect(matchesSource('registry.corp.example/base/debian:12', 'registry.corp.example')).toBe(true);
    expect(matchesSource('ghcr.io/org/app', 'registry.corp.example')).toBe(false);
  });
});
