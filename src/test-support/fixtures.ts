import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared, read-only fixtures (`../shared/fixtures` beside the checkout, or $VIGIA_FIXTURES). */
export const FIXTURES = process.env.VIGIA_FIXTURES ?? resolve(REPO_ROOT, '../shared/fixtures');

/** Path of a fixture image by file name, e.g. `alpine-310.tar.gz`. */
export function fixtureImage(name: string): string {
  return join(FIXTURES, 'images', name);
}

/** A fresh temp directory, removed by the returned cleanup. */
export function tempDir(prefix = 'vigia-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}
