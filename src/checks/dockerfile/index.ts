export { DOCKERFILE_CHECKS } from './catalogue.js';
export { runDockerfileChecks, type DockerfileCheckOptions } from './checks.js';
export { checkDockerfile, type DockerfileResult } from './run.js';
export {
  parseDockerfile,
  type DockerfileInstruction,
  type DockerfileStage,
  type ParsedDockerfile,
} from './parse.js';
export { approvedSourcesFromConfig, matchesSource } from './sources.js';
