// Test helper: the shared fixture rpm databases as bytes in memory (the BerkeleyDB one gunzipped
// with zlib; nothing is written to disk).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { FIXTURES } from '../../../test-support/fixtures.js';

export const PKGDB_RPM = join(FIXTURES, 'pkgdb/rpm');

export const DBS = {
  'bdb-centos7.5.1804': () => gunzipSync(readFileSync(join(PKGDB_RPM, 'bdb-centos7.5.1804-base/var/lib/rpm/Packages.gz'))),
  'bdb-rhel8-libuuid': () => readFileSync(join(PKGDB_RPM, 'bdb-rhel8-libuuid-only/var/lib/rpm/Packages')),
  'ndb-sles15.3': () => readFileSync(join(PKGDB_RPM, 'ndb-sles15.3-bci-minimal/usr/lib/sysimage/rpm/Packages.db')),
  'sqlite-amazonlinux2023': () => readFileSync(join(PKGDB_RPM, 'sqlite-amazonlinux2023/var/lib/rpm/rpmdb.sqlite')),
  'sqlite-cbl-mariner2.0': () => readFileSync(join(PKGDB_RPM, 'sqlite-cbl-mariner2.0/var/lib/rpm/rpmdb.sqlite')),
} as const;
