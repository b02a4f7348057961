export { normalizePypiName, pypiPurlName } from './name.js';
export { field, metadataLicenses, parseCoreMetadata } from './metadata.js';
export { isPythonMetadataPath, pythonInstalledAnalyzer } from './installed.js';
