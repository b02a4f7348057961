import type { ScanReport } from './types.js';

/** How a renderer may dress its output (colours only when writing to a terminal). */
export interface RenderContext {
  color: boolean;
}

/** One output format: a pure function of the report. */
export type Renderer = (report: ScanReport, ctx: RenderContext) => string;
