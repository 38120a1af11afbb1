/**
 * `src/schema.ts`: openapi-typescript's `paths`, `components`, `operations`, `webhooks` and `$defs` (and
 * our `callbacks`, callbacks.ts),
 * with openapi-typescript's default options (what its CLI prints, so its users find what they know), but
 * for those `types:` passes on (`immutable`, `alphabetize`), `defaultNonNullable` and `emptyObjectsUnknown` (below).
 * It runs on our bundled 3.1 document; its AST is printed by TypeScript's printer, whose layout is fixed,
 * so this file skips prettier (prettier needs ~1 s per MB: 7 s on GitHub's 6.5 MB of types).
 */
import type { GlobalContext, OpenAPI3, SchemaObject } from "openapi-typescript";
import type TS from "typescript";
import { ts, astToString, resolveRef, scanDiscriminators, transformSchema } from "./typescript.js";
import { SpecforgeError, error } from "../../diagnostics/diagnostic.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { escapeSegment, segmentsOf } from "../../openapi/pointer.js";
import type { TypesOptions } from "../emitter.js";
import { doc, escapeLineSeparators } from "../../codegen/code.js";
import { typesInput } from "./openapi-typescript-input.js";
import { deferRecursiveArrays } from "./recursive-arrays.js";
import { liftOperations32, placeOperations32 } from "./operations-32.js";
import { placeCallbacks, type LiftedCallback } from "./callbacks.js";
import { widenIndexSignature } from "./index-signatures.js";
import { tupleType } from "./tuples.js";

const DATE = ts.factory.createTypeReferenceNode("Date");

/**
 * `types: { dates: "Date" }`: a `type: string, format: date-time` is `Date` (openapi-typescript's `transform`
 * hook, as its docs show). Only the plain `string` type: a type array (`["string", "null"]`) is split by
 * openapi-typescript into members that come back here one by one, so `null` and the rest stay. `format: date`
 * stays `string`: a calendar date has no time zone, and a `Date` would invent one.
 */
function dateTransform(schema: SchemaObject): TS.TypeNode | undefined {
  return schema.type === "string" && schema.format === "date-time" ? DATE : undefined;
}

/** The openapi-typescript options `types:` passes on (the rest stay its defaults). */
export type SchemaFileOptions = Pick<TypesOptions, "dates" | "immutable" | "alphabetize">;

/** What `src/schema.ts` is made of: cloneable, as it may be made on a thread (generator/threads/pool.ts). */
export interface SchemaFileInput {
  document: JsonObject;
  title: string;
  version: string;
  options: SchemaFileOptions;
  /** see read-write-split.ts; undefined with `readWrite: off` */
  twins: Map<string, string> | undefined;
}

/**
 * `document` stays as written, also on a thread, where it is the thread's own copy: a key openapi-typescript
 * cannot type is found in it (`barePercentKey`), and the copy openapi-typescript reads has moved keys
 * (a 3.2 `query` operation to a private path).
 */
export function emitSchemaFile({ document, title, version, options, twins }: SchemaFileInput): string {
  const callbacks: LiftedCallback[] = [];
  const input = typesInput(document, twins, callbacks);
  const lifted = liftOperations32(input);
  const schema = input as unknown as OpenAPI3;
  const ctx = {
    additionalProperties: false,
    alphabetize: options.alphabetize ?? false,
    // not offered: openapi-typescript 7.13 types `minItems: 1, maxItems: 3` as `[] | [T] | [T, T]`
    arrayLength: false,
    // openapi-typescript's default (true) types a property with a `default` as present: a client had to send
    // what the server fills in (its issues #1741, #1944, #2012), and `isX` narrowed a value without it (which
    // the validator accepts) to a type saying it is there. As hey-api and orval: only `required` is required.
    defaultNonNullable: false,
    discriminators: scanDiscriminators(schema, { silent: true }),
    // `type: object` alone is any object to JSON Schema and to its validator; openapi-typescript's default
    // (false) types it Record<string, never>, an object with no property (its issues #1004, #1031, #1390, #1686)
    emptyObjectsUnknown: true,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: options.immutable ?? false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: widenIndexSignature,
    propertiesRequiredByDefault: false,
    redoc: undefined,
    silent: true,
    inject: undefined,
    transform: (s: SchemaObject, o: { path?: string; ctx: GlobalContext }) => tupleType(s, o) ?? (options.dates === "Date" ? dateTransform(s) : undefined),
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve($ref: string) {
      return resolveRef(schema, $ref, { silent: true });
    },
  } as unknown as GlobalContext;
  const header = doc(`Types of ${title} ${version}, generated by specforge with openapi-typescript.\nDo not edit: run \`specforge generate\` instead.`);
  const nodes = placeCallbacks(placeOperations32(transformed(schema, ctx, document), lifted, ctx), callbacks, options);
  // openapi-typescript writes a string literal type as an identifier holding its JSON text, where U+2028
  // stays raw (`enum: ["\u2028"]`); TypeScript's printer escapes the literals it makes itself
  return `${header.text}\n${escapeLineSeparators(astToString(deferRecursiveArrays(nodes.map(nullableWithRequired))))}`;
}

/**
 * openapi-typescript 7.13 builds a JSON pointer of each key it walks through and percent-decodes it: a key
 * with a `%` that starts no escape (a webhook `100% sure`, a property `rate%` holding an object) threw a
 * URIError, an internal error. It is bad input for the types target instead, naming the key.
 */
function transformed(schema: OpenAPI3, ctx: GlobalContext, document: JsonObject): TS.Node[] {
  try {
    return transformSchema(schema, ctx);
  } catch (e) {
    if (!(e instanceof URIError)) throw e;
    const pointer = barePercentKey(document, "") ?? "";
    throw new SpecforgeError([error(
      "types/percent-in-key",
      `the types target (openapi-typescript) cannot type a key with a '%' that starts no percent-escape: '${segmentsOf(pointer).at(-1) ?? ""}'`,
      { pointer },
      "rename the key without a bare '%'",
    )]);
  }
}

/** Keywords whose values are data, never walked by openapi-typescript as keys. */
const DATA = new Set(["example", "examples", "default", "const", "enum"]);

/** The pointer of the first key under `value` with a `%` not followed by two hex digits (data and extensions skipped). */
function barePercentKey(value: unknown, pointer: string): string | undefined {
  if (!isObject(value) && !Array.isArray(value)) return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (!Array.isArray(value) && (k.startsWith("x-") || DATA.has(k))) continue;
    const at = `${pointer}/${escapeSegment(k)}`;
    if (!Array.isArray(value) && /%(?![0-9A-Fa-f]{2})/.test(k)) return at;
    const inside = barePercentKey(v, at);
    if (inside !== undefined) return inside;
  }
  return undefined;
}

/**
 * openapi-typescript's `WithRequired<T, K extends keyof T>` marks properties an allOf's outer `required`
 * names as required in a `$ref`'d part. When that part is nullable (`X | null`, Plaid's `PlaidError`),
 * `keyof T` is `never` and the package failed to type-check (TS2344). Ours takes the keys of the non-null
 * part; for a `T` without null it is the same type.
 */
const WITH_REQUIRED = "type WithRequired<T, K extends keyof NonNullable<T>> = T & { [P in K]-?: NonNullable<T>[P] };";

function nullableWithRequired(node: TS.Node): TS.Node {
  if (!ts.isTypeAliasDeclaration(node) || node.name.text !== "WithRequired") return node;
  return ts.createSourceFile("with-required.ts", WITH_REQUIRED, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS).statements[0]!;
}
