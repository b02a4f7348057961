export {
  elfHeaders,
  goBinaryAnalyzer,
  GoBinaryWarnings,
  GO_MAX_FILE_BYTES,
  isExecutableCandidate,
} from './analyzer.js';
export { BuildInfoError, readGoBuildInfo } from './buildinfo.js';
export type { RawBuildInfo } from './buildinfo.js';
export { ElfError, isElf, parseElf, readVirtual, sectionData } from './elf.js';
export type { ElfFile, ElfSection, ElfSegment } from './elf.js';
export { parseModInfo } from './modinfo.js';
export type { GoModInfo, GoModule } from './modinfo.js';
export { depPackage, goPackages, STDLIB, toolchainVersion } from './packages.js';
export type { ToolchainVersion } from './packages.js';
