import type { Analyzer } from '../types.js';
import { inventoryJavaArchive } from './archive.js';
import { isJavaArchiveName } from './identity.js';

/** Largest archive read into memory (fat wars/ears can be big). */
export const JAVA_MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Java archives (`.jar`, `.war`, `.ear`, Jenkins `.jpi`/`.hpi`) and the archives nested in them:
 * every `META-INF/maven/<g>/<a>/pom.properties` is a package, else `MANIFEST.MF`, else the file
 * name. Only regular files: symlinks to jars are not read again.
 */
export const javaAnalyzer: Analyzer = {
  id: 'java',
  version: 1,
  maxBytes: JAVA_MAX_FILE_BYTES,
  wants: (header) => header.type === 'file' && isJavaArchiveName(header.path),
  analyze: ({ header, content }) => {
    const { packages, warnings } = inventoryJavaArchive(header.path, content);
    const facts =
      packages.length > 0
        ? [{ kind: 'packages' as const, analyzer: 'java', path: header.path, packages }]
        : [];
    return { facts, warnings };
  },
};
