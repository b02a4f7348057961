import { VigiaError } from '../core/errors.js';
import { apkScheme } from './apk/index.js';
import { composerScheme } from './composer/index.js';
import { debScheme } from './deb/index.js';
import { goScheme } from './go/index.js';
import { mavenScheme } from './maven/index.js';
import { nugetScheme } from './nuget/index.js';
import { pep440Scheme } from './pep440/index.js';
import { rpmScheme } from './rpm/index.js';
import { rubygemsScheme } from './rubygems/index.js';
import { semverScheme } from './semver/index.js';
import type { SchemeId, VersionScheme } from './types.js';

/** Every version scheme, by id. Adding a scheme is one folder and one line here. */
export const schemes: Readonly<Record<SchemeId, VersionScheme>> = {
  apk: apkScheme,
  deb: debScheme,
  rpm: rpmScheme,
  semver: semverScheme,
  go: goScheme,
  pep440: pep440Scheme,
  maven: mavenScheme,
  rubygems: rubygemsScheme,
  nuget: nugetScheme,
  composer: composerScheme,
};

/** True when `id` names a registered scheme. */
export function isSchemeId(id: string): id is SchemeId {
  return Object.hasOwn(schemes, id);
}

/** The scheme for an id. An unknown id is a bug in the caller (never a silent fallback to semver). */
export function getScheme(id: string): VersionScheme {
  if (!isSchemeId(id)) {
    throw new VigiaError(
      'INTERNAL',
      `unknown version scheme "${id}" (known: ${Object.keys(schemes).join(', ')})`,
    );
  }
  return schemes[id];
}
