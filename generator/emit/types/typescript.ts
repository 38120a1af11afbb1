/**
 * TypeScript's compiler API and the parts of openapi-typescript the types emitter calls, loaded with
 * `require`. The `typescript` package is CommonJS without a `"type"` field, so on Node 20 an ES `import`
 * of it compiles its 9 MB once to detect the format and then runs cjs-module-lexer over it: ~460 ms
 * against ~165 ms for `require`, in every `generate`. openapi-typescript's ES build imports typescript that
 * way, so its CommonJS build is loaded instead (same code; not its entry, which loads Redocly: ~1 s).
 * Modules take the value `ts` from here and its types from `import type TS from "typescript"`.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const ts = require("typescript") as typeof import("typescript");
export const transformSchema = require("openapi-typescript/dist/transform/index.cjs") as typeof import("openapi-typescript/dist/transform/index.cjs");
export const transformSchemaObject = (require("openapi-typescript/dist/transform/schema-object.cjs") as typeof import("openapi-typescript/dist/transform/schema-object.cjs")).default;
export const { astToString, NEVER, STRING, tsModifiers, tsPropertyIndex, tsRecord } = require("openapi-typescript/dist/lib/ts.cjs") as typeof import("openapi-typescript/dist/lib/ts.cjs");
export const { resolveRef, scanDiscriminators } = require("openapi-typescript/dist/lib/utils.cjs") as typeof import("openapi-typescript/dist/lib/utils.cjs");
