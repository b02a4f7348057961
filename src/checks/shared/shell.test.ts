import { describe, expect, it } from 'vitest';
import { isPlaceholderValue, isSecretName } from './secret-names.js';
import { apkAdd, aptInstall, downloadPipedToShell, historyCommand } from './shell.js';

describe('downloadPipedToShell', () => {
  it.each([
    ['curl -fsSL https://get.docker.com | sh', 'curl -fsSL https://get.docker.com | sh'],
    ['wget -qO- https://x.io/i.sh | sudo -E bash -s -- -y', 'wget -qO- https://x.io/i.sh | sudo -E bash'],
    ['curl https://sh.rustup.rs -sSf | /bin/sh -s -- -y', 'curl https://sh.rustup.rs -sSf | /bin/sh'],
    [
      'sh -c "$(curl -fsSL https://raw.example/install.sh)"',
      'sh -c "$(curl -fsSL https://raw.example/install.sh)',
    ],
    ['bash <(curl -s https://x.io/i.sh)', 'bash <(curl -s https://x.io/i.sh)'],
  ])('%s', (cmd, found) => {
    expect(downloadPipedToShell(cmd)).toBe(found);
  });

  it.each([
    ['curl -fsSLo /tmp/i.sh https://x.io/i.sh && sha256sum -c i.sh.sha256 && sh /tmp/i.sh'],
    ['curl -s https://x.io/data.json | jq .version'],
    ['echo hi | sh'],
    ['curl https://x.io/a.tgz | tar -xz'],
  ])('not: %s', (cmd) => {
    expect(downloadPipedToShell(cmd)).toBeUndefined();
  });
});

describe('aptInstall / apkAdd', () => {
  it.each([
    [
      'apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      true,
      true,
    ],
    ['apt-get update && apt-get install -y curl', false, false],
    ['apt-get update && apt-get -y install curl && apt-get clean && rm -rf /var/lib/apt/lists/', false, true],
    ['apt update && apt install -y --no-install-recommends git; rm -r /var/lib/apt/lists', true, true],
    [
      'echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99 && apt-get install -y x',
      true,
      false,
    ],
  ])('%s → recommends off %s, lists cleaned %s', (cmd, noRecommends, cleans) => {
    expect(aptInstall(cmd)).toMatchObject({ noInstallRecommends: noRecommends, cleansLists: cleans });
  });

  it('takes a cache mount on /var/lib/apt as clean and ignores RUNs without apt install', () => {
    expect(aptInstall('apt-get install -y x', { cacheMounts: ['/var/lib/apt'] })?.cleansLists).toBe(true);
    expect(aptInstall('apt-get update')).toBeUndefined();
    expect(aptInstall('echo apt-get install x')).toBeUndefined();
  });

  it.each([
    ['apk add --no-cache curl', true],
    ['apk add curl', false],
    ['apk update && apk add curl && rm -rf /var/cache/apk/*', true],
    ['apk --update add curl', false],
  ])('%s → no cache %s', (cmd, noCache) => {
    expect(apkAdd(cmd)?.noCache).toBe(noCache);
  });
});

describe('historyCommand', () => {
  it.each([
    ['RUN /bin/sh -c apt-get update # buildkit', 'RUN', 'apt-get update', []],
    ['/bin/sh -c #(nop)  ENV A=1', 'ENV', 'A=1', []],
    ['/bin/sh -c apt-get update', 'RUN', 'apt-get update', []],
    ['|2 A=1 B="x y" /bin/sh -c make', 'RUN', 'make', ['A=1', 'B="x y"']],
    ['RUN |1 TOKEN=abc /bin/sh -c make # buildkit', 'RUN', 'make', ['TOKEN=abc']],
    ['ADD https://x.io/a /a # buildkit', 'ADD', 'https://x.io/a /a', []],
    ['debootstrap minbase bookworm', 'RUN', 'debootstrap minbase bookworm', []],
  ])('%s', (line, instruction, args, buildArgs) => {
    expect(historyCommand(line)).toEqual({ instruction, args, buildArgs });
  });
});

describe('secret names', () => {
  it.each([
    ['DB_PASSWORD', true],
    ['NPM_TOKEN', true],
    ['aws_secret_access_key', true],
    ['apiKey', true],
    ['SECRET_KEY_BASE', true],
    ['CLIENT_SECRET', true],
    ['PRIVATE_KEY', true],
    ['PASSWORD_FILE', false],
    ['TOKEN_URL', false],
    ['GPG_KEY', false],
    ['AWS_ACCESS_KEY_ID', false],
    ['POSTGRES_USER', false],
    ['PATH', false],
    ['TOKENIZER_MODEL', false],
  ])('%s → %s', (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });

  it.each([
    ['', true],
    ['$TOKEN', true],
    ['${TOKEN}', true],
    ['${TOKEN:-}', true],
    ['"${TOKEN}"', true],
    ['hunter2', false],
    ['pa$$word', false],
  ])('placeholder %j → %s', (value, placeholder) => {
    expect(isPlaceholderValue(value)).toBe(placeholder);
  });
});
