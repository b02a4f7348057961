export { renderGitlab, GITLAB_SCHEMA_VERSION, GITLAB_SCHEMA_URL } from './render.js';
