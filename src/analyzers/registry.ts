import type { Analyzer } from './types.js';
import { fileNotesAnalyzer } from '../checks/misconfig/index.js';
import { apkAnalyzer } from './apk/index.js';
import { dotnetDepsAnalyzer, nugetLockAnalyzer } from './dotnet/index.js';
import { dpkgAnalyzer } from './dpkg/index.js';
import { goBinaryAnalyzer } from './go-binary/index.js';
import { javaAnalyzer } from './java/index.js';
import { npmInstalledAnalyzer, npmLockAnalyzer, pnpmLockAnalyzer, yarnLockAnalyzer } from './npm/index.js';
import { osReleaseAnalyzer } from './os-release/index.js';
import { composerInstalledAnalyzer, composerLockAnalyzer } from './php/index.js';
import { pythonInstalledAnalyzer } from './python/index.js';
import { rpmAnalyzer } from './rpm/index.js';
import { gemfileLockAnalyzer, gemspecAnalyzer } from './ruby/index.js';
import { rustAnalyzer } from './rust/index.js';

/**
 * Every file analyzer, explicitly listed (no registration by import side effect). The layer
 * walker asks each one, for every entry, whether it wants the file.
 */
export const analyzers: readonly Analyzer[] = [
  apkAnalyzer,
  composerInstalledAnalyzer,
  composerLockAnalyzer,
  dotnetDepsAnalyzer,
  dpkgAnalyzer,
  fileNotesAnalyzer,
  gemfileLockAnalyzer,
  gemspecAnalyzer,
  goBinaryAnalyzer,
  javaAnalyzer,
  npmInstalledAnalyzer,
  npmLockAnalyzer,
  nugetLockAnalyzer,
  osReleaseAnalyzer,
  pnpmLockAnalyzer,
  pythonInstalledAnalyzer,
  rpmAnalyzer,
  rustAnalyzer,
  yarnLockAnalyzer,
];
