/**
 * Emitters are pure: `(ir, ctx) => files` (or a promise of them, when work runs on other threads). No
 * emitter touches the disk; the writer alone does.
 */
import type { Templates } from "../codegen/templates.js";
import type { ThreadGroup, ThreadUse } from "../threads/pool.js";

/** Every target, in the order their files and exports are listed (see `targets.ts` for their emitters). */
export const ALL_TARGETS = ["types", "client", "validators", "server"] as const;
export type Target = (typeof ALL_TARGETS)[number];

export interface EmitContext {
  packageName: string;
  packageVersion: string;
  targets: Target[];
  templates: Templates;
  validators?: ValidatorOptions;
  client?: ClientGenerationOptions;
  types?: TypesOptions;
  /** CHANGELOG.md of the package, when it has one (see release/changelog.ts). */
  changelog?: string;
  /** Whether long tasks (generator/threads/tasks.ts) may run on worker threads (`auto`: when the spec is large); output is the same. */
  threads?: ThreadUse;
  /** The run's threads (generate's: started early, stopped when the run fails); default: the emitter's own. */
  threadGroup?: ThreadGroup;
  /** package.json fields for publishing, from the config (written as JSON data). */
  package?: PackageFields;
  /**
   * Only what runs, for code that imports the modules without writing a package (`specforge mock`,
   * `proxy`): no package files, and validators without the type guards and assertions no table uses.
   */
  runOnly?: boolean;
}

/**
 * The generated package.json's fields for publishing it, as npm defines them (name and version are
 * `packageName` and `packageVersion`). `publishConfig` takes what `npm publish --provenance` and a scoped
 * public package need.
 */
export interface PackageFields {
  license?: string;
  author?: string | { name: string; email?: string; url?: string };
  repository?: string | { type: string; url: string; directory?: string };
  homepage?: string;
  bugs?: string | { url?: string; email?: string };
  keywords?: string[];
  publishConfig?: { access?: "public" | "restricted"; registry?: string; tag?: string; provenance?: boolean };
}

export interface TypesOptions {
  /**
   * `union` (default): enums are union types only; `values`: also a `XValues` array constant per enum schema;
   * `object`: also a constant object named as the type, by member (`PetStatus.Available`).
   */
  enums?: "union" | "values" | "object";
  /**
   * `string` (default): `format: date-time` values are ISO strings, as on the wire. `Date`: they are typed
   * `Date`; the client revives them in responses and the server in requests (see generator/emit/dates/).
   */
  dates?: "string" | "Date";
  /** Also `src/samples.ts` (the package's `./samples`): `sampleX(overrides?)` per component schema (see emit/samples). */
  samples?: boolean;
  /** `split` (default): readOnly/writeOnly give types as received and as sent (`AccountWritable`); `off`: one type for both. */
  readWrite?: "split" | "off";
  /** openapi-typescript's `--immutable`: every property and array `readonly`. */
  immutable?: boolean;
  /** openapi-typescript's `--alphabetize`: properties and paths in alphabetical order. */
  alphabetize?: boolean;
}

export interface ClientGenerationOptions {
  /** The client checks response bodies with the validators target by default (callers can still pass their own). */
  validateResponses?: boolean;
  /** The client checks each call's parameters and body with the validators target before sending (callers can turn it off). */
  validateRequests?: boolean;
  /** Also `src/query.ts` (the package's `./query`): TanStack Query keys, queries, infinite queries and mutations per operation. */
  query?: boolean;
}

export interface ValidatorOptions {
  /** Report every issue (default) or stop at the first. */
  allErrors?: boolean;
  /**
   * Properties a schema does not name: `keep` (as the schema says, default), `reject` (objects are closed
   * with `unevaluatedProperties: false`) or `strip` (removed from the returned copy).
   */
  unknownProperties?: "keep" | "reject" | "strip";
  /** Parameter validators convert strings to the schema's types in their returned copy (default true). */
  coerceParameters?: boolean;
}

export interface EmittedFile {
  /** Relative to the package folder, `/`-separated. */
  path: string;
  contents: string;
  /** Prettier parser to format with; `false` for text already laid out by its printer. */
  format: "typescript" | "json" | "markdown" | false;
}
