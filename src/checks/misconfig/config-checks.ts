import type { MisconfigFinding } from '../../report/types.js';
import { redact } from '../secrets/redact.js';
import { isPlaceholderValue, isSecretName } from '../shared/secret-names.js';
import { IMAGE_CHECKS } from './catalogue.js';
import { makeFinding } from './finding.js';
import type { ImageCheckInput } from './input.js';

/** Remote administration: SSH, telnet, Docker API, RDP, VNC, WinRM. */
export const REMOTE_ADMIN_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'],
  [23, 'telnet'],
  [2375, 'Docker API (plain)'],
  [2376, 'Docker API (TLS)'],
  [3389, 'RDP'],
  [5900, 'VNC'],
  [5985, 'WinRM'],
  [5986, 'WinRM (TLS)'],
]);

/** Databases and data stores. */
export const DATABASE_PORTS: ReadonlyMap<number, string> = new Map([
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [2379, 'etcd'],
  [3306, 'MySQL/MariaDB'],
  [5432, 'PostgreSQL'],
  [5984, 'CouchDB'],
  [6379, 'Redis'],
  [7000, 'Cassandra'],
  [8086, 'InfluxDB'],
  [9042, 'Cassandra CQL'],
  [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch transport'],
  [11211, 'Memcached'],
  [26257, 'CockroachDB'],
  [27017, 'MongoDB'],
]);

/** True when a `User` value means root (unset, empty, `root`, `0`, with or without a group). */
export function isRootUser(user: string | undefined): boolean {
  const name = (user ?? '').trim().split(':')[0] ?? '';
  return name === '' || name === 'root' || name === '0';
}

/** Checks of the config alone: user, exposed ports, health check, labels, secret-looking ENV. */
export function configChecks(input: ImageCheckInput): MisconfigFinding[] {
  const { config } = input.config;
  const out: MisconfigFinding[] = [];
  if (isRootUser(config.User)) {
    out.push(
      makeFinding(IMAGE_CHECKS.rootUser, 'image', 'User', {
        field: 'config.User',
        value: config.User === undefined || config.User === '' ? '(not set: root)' : config.User,
      }),
    );
  }
  for (const port of Object.keys(config.ExposedPorts ?? {}).sort(comparePorts)) {
    const number = Number(port.split('/')[0]);
    const admin = REMOTE_ADMIN_PORTS.get(number);
    const database = DATABASE_PORTS.get(number);
    const check = admin ? IMAGE_CHECKS.remoteAdminPort : database ? IMAGE_CHECKS.databasePort : undefined;
    if (!check) continue;
    out.push(
      makeFinding(check, 'image', port, {
        field: 'config.ExposedPorts',
        value: `${port} (${admin ?? database})`,
      }),
    );
  }
  const test = config.Healthcheck?.Test ?? [];
  if (test.length === 0 || test[0] === 'NONE') {
    out.push(
      makeFinding(IMAGE_CHECKS.noHealthcheck, 'image', 'Healthcheck', {
        field: 'config.Healthcheck',
        value: test[0] === 'NONE' ? 'NONE (disabled)' : '(not set)',
      }),
    );
  }
  const labels = config.Labels ?? {};
  if (!labels['org.opencontainers.image.base.name'] && !labels['org.opencontainers.image.source']) {
    out.push(
      makeFinding(IMAGE_CHECKS.noProvenance, 'image', 'Labels', {
        field: 'config.Labels',
        value: 'no org.opencontainers.image.base.name or org.opencontainers.image.source',
      }),
    );
  }
  (config.Env ?? []).forEach((entry, i) => {
    const eq = entry.indexOf('=');
    const name = eq < 0 ? entry : entry.slice(0, eq);
    const value = eq < 0 ? '' : entry.slice(eq + 1);
    if (!isSecretName(name) || isPlaceholderValue(value)) return;
    out.push(
      makeFinding(IMAGE_CHECKS.secretInEnv, 'image', `env:${name}`, {
        field: `config.Env[${i}]`,
        value: `${name}=${redact(value)}`,
      }),
    );
  });
  return out;
}

function comparePorts(a: string, b: string): number {
  return Number(a.split('/')[0]) - Number(b.split('/')[0]) || a.localeCompare(b);
}
