import type { Renderer } from './format.js';

/** A format's renderer, loaded on use (so a run loads only the format it writes). */
export type RendererLoader = () => Promise<Renderer>;

/** Every format of `vigia scan --format`, explicitly listed. */
export const SCAN_FORMATS: Record<string, RendererLoader> = {
  table: async () => (await import('./table/index.js')).renderTable,
  json: async () => (await import('./json/index.js')).renderJson,
  sarif: async () => (await import('./sarif/index.js')).renderSarif,
  junit: async () => (await import('./junit/index.js')).renderJunit,
  markdown: async () => (await import('./markdown/index.js')).renderMarkdown,
  cyclonedx: async () => (await import('./cyclonedx/index.js')).renderCycloneDx,
  spdx: async () => (await import('./spdx/index.js')).renderSpdx,
  gitlab: async () => (await import('./gitlab/index.js')).renderGitlab,
  html: async () => (await import('./html/index.js')).renderHtml,
};

/** Every format of `vigia sbom --format` (inventory only: no findings, no verdict). */
export const SBOM_FORMATS: Record<string, RendererLoader> = {
  table: async () => (await import('./table/index.js')).renderSbomTable,
  json: async () => (await import('./json/index.js')).renderInventoryJson,
  cyclonedx: async () => (await import('./cyclonedx/index.js')).renderCycloneDx,
  spdx: async () => (await import('./spdx/index.js')).renderSpdx,
};
