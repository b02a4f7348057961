export { compareNuGet, nugetScheme, parseNuGet } from './scheme.js';
export type { NuGetVersion } from './scheme.js';
