/**
 * specforge as a library: `defineConfig` types a `specforge.config.ts`; `generate` runs the pipeline in
 * memory (what `specforge generate` writes). The CLI is the main door: see README.
 */
export { defineConfig, type SpecConfig, type SpecforgeConfig } from "./config/config.js";
export type { ClientGenerationOptions, PackageFields, Target, TypesOptions, ValidatorOptions } from "./emit/emitter.js";
export type { OperationFilters } from "./filter/filter.js";
export { generate, type GenerateOptions, type GenerateResult } from "./pipeline.js";
