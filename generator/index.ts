/**
 * specforge as a library: `defineConfig` types a `specforge.config.ts`; `generate` runs the pipeline in
 * memory (what `specforge generate` writes); `loadForDiff`, `diffSpecs` and `summarize` are `specforge diff`'s
 * comparison (docs/diff.md, "As a library"). The CLI is the main door: see README.
 */
export { defineConfig, type SpecConfig, type SpecforgeConfig } from "./config/config.js";
export type { ClientGenerationOptions, PackageFields, Target, TypesOptions, ValidatorOptions } from "./emit/emitter.js";
export type { OperationFilters } from "./filter/filter.js";
export { generate, type GenerateOptions, type GenerateResult } from "./pipeline.js";
export { diffSpecs, type DeprecationPolicy, type DiffDocument, type DiffOptions } from "./diff/diff.js";
export { loadForDiff, type DiffLoadOptions } from "./diff/load.js";
export { summarize, type Bump, type Summary } from "./diff/summarize.js";
export type { Change } from "./diff/change.js";
