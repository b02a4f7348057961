/**
 * The owner of a `/var/lib/dpkg/info/<pkg>[:<arch>].list` file: the package name, without the
 * `:<arch>` that multi-arch `same` packages carry (`libc6:amd64.list` → `libc6`).
 */
export function ownerOfListFile(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1, -'.list'.length);
  const colon = base.indexOf(':');
  return colon < 0 ? base : base.slice(0, colon);
}

/**
 * The paths of a dpkg `.list` file, one absolute path per line, in file order. Every line is
 * kept, directories included (`/.`, `/usr`, `/usr/bin`): the list does not say which lines are
 * directories. Empty lines and a trailing `\r` are dropped.
 */
export function parseListFile(content: Buffer): string[] {
  const files: string[] = [];
  for (const raw of content.toString('utf8').split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line !== '') files.push(line);
  }
  return files;
}
