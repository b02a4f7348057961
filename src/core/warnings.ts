/**
 * A warning is something vigia could not do or had to assume. Warnings are never silent: they
 * travel in the report and every output format shows them.
 */
export interface Warning {
  /** Stable machine-readable code, e.g. `os-unknown`, `version-unparsable`, `file-too-large`. */
  code: string;
  /** One line for a person, naming the input and the problem. */
  message: string;
  /** Where it happened, when known. */
  layerDiffID?: string;
  path?: string;
}
