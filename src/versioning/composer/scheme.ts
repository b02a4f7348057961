import { ParseCache } from '../cache.js';
import type { VersionScheme } from '../types.js';
import { normalizeComposer } from './normalize.js';
import { phpVersionCompare } from './php-version-compare.js';

const cache = new ParseCache(normalizeComposer);

/** Composer (Packagist) versions: VersionParser::normalize, then version_compare as Composer does. */
export const composerScheme: VersionScheme = {
  id: 'composer',
  isValid: (v) => cache.ok(v),
  compare: (a, b) => phpVersionCompare(cache.get(a), cache.get(b)),
};
