export { openRegistryImage, type RegistryImage, type RegistryOptions } from './open.js';
export {
  parseRegistryReference,
  formatReference,
  looksLikeDomain,
  DOCKER_HUB,
  type RegistryReference,
} from './reference.js';
export {
  registryConfigSchema,
  registryConfigFrom,
  loadRegistryConfig,
  type RegistryConfig,
} from './settings.js';
export { parseChallenges, type Challenge } from './auth/challenge.js';
export { findCredentials, type CredentialSources } from './auth/credentials.js';
export type { Credentials } from './auth/docker-config.js';
export type { TransferStats } from './transport.js';
