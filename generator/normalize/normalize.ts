/**
 * Normalize stage: every emitter sees OpenAPI 3.1 (JSON Schema 2020-12), whatever the input version,
 * as kubb's `normalize.ts` does. From 3.2: from-32.ts. From 3.0 (OpenAPI 3.0.3 §4.7.24 and 3.1 release notes):
 * - `nullable: true` becomes `"null"` in `type` (and in `enum` when there is one); without a `type`
 *   (`allOf: [$ref]`, `$ref` siblings) the schema becomes `anyOf: [<schema>, {type: "null"}]`;
 * - boolean `exclusiveMinimum`/`exclusiveMaximum` become the numeric form;
 * - a schema's `example` joins `examples` (an array in 2020-12);
 * and for both versions a media type's or parameter's single `example` becomes a named `examples` entry
 * (`default`), so the mock and lint read one form, and a boolean subschema becomes its object form
 * (`true` -> `{}`, `false` -> `{not: {}}`, JSON Schema 2020-12 §4.3.2) so emitters meet objects only.
 * Mutates the bundled document in place (it is ours: bundle made it).
 */
import { childrenOf, isObject, type JsonObject, type Kind } from "../openapi/kinds.js";
import { setOwn } from "../openapi/own.js";
import { unicodePattern } from "./unicode-pattern.js";
import { downlevel32, type NormalizeWarning } from "./from-32.js";
import { nullBesideComposition } from "./null-beside-composition.js";
import { dropSelfBranches } from "./self-union.js";
import { escapeSegment } from "../openapi/pointer.js";

/**
 * `onWarning` hears what a 3.2 document holds that 3.1 cannot say, and is left out (from-32.ts), and each
 * schema read otherwise than written (null-beside-composition.ts, self-union.ts).
 */
export function normalize(document: JsonObject, onWarning?: (w: NormalizeWarning) => void): JsonObject {
  const version = String(document.openapi ?? "");
  const from30 = version.startsWith("3.0");
  if (version.startsWith("3.2.")) for (const w of downlevel32(document)) onWarning?.(w);
  const seen = new WeakSet<object>();
  const visit = (value: unknown, kind: Kind, pointer: string): void => {
    if (!isObject(value) || seen.has(value)) return;
    seen.add(value);
    if (kind === "Schema") {
      if (from30) normalizeSchema30(value);
      normalizeSchemaAnyVersion(value);
      const w = nullBesideComposition(value, document, pointer);
      if (w) onWarning?.(w);
      for (const self of dropSelfBranches(value, document, pointer)) onWarning?.(self);
    }
    if ((kind === "MediaType" || kind === "Parameter" || kind === "Header") && "example" in value && !("examples" in value)) {
      value.examples = { default: { value: value.example } };
      delete value.example;
    }
    for (const child of childrenOf(value, kind)) {
      if (child.kind === "Schema" && typeof child.value === "boolean") replaceChild(value, child.segments, child.value ? {} : { not: {} });
      else visit(child.value, child.kind, pointer + child.segments.map((s) => `/${escapeSegment(s)}`).join(""));
    }
  };
  visit(document, "Root", "");
  if (from30) document.openapi = "3.1.0";
  return document;
}

function replaceChild(parent: JsonObject, segments: string[], value: JsonObject): void {
  let holder: unknown = parent;
  for (const seg of segments.slice(0, -1)) holder = (holder as Record<string, unknown>)[seg];
  const last = segments[segments.length - 1]!;
  if (Array.isArray(holder)) holder[Number(last)] = value;
  else setOwn(holder as JsonObject, last, value);
}

const ANNOTATIONS = new Set(["description", "title", "readOnly", "writeOnly", "deprecated", "examples", "default", "externalDocs"]);

/** Fixes that apply to 3.1 documents too: draft-04 style leftovers that 2020-12 validators reject. */
function normalizeSchemaAnyVersion(schema: JsonObject): void {
  normalizeExclusive(schema);
  if (typeof schema.pattern === "string") schema.pattern = unicodePattern(schema.pattern);
  if (isObject(schema.patternProperties)) {
    const renamed: JsonObject = {};
    for (const [p, sub] of Object.entries(schema.patternProperties)) setOwn(renamed, unicodePattern(p), sub);
    schema.patternProperties = renamed;
  }
}

function normalizeExclusive(schema: JsonObject): void {
  if (typeof schema.exclusiveMinimum === "boolean") {
    if (schema.exclusiveMinimum && typeof schema.minimum === "number") {
      schema.exclusiveMinimum = schema.minimum;
      delete schema.minimum;
    } else delete schema.exclusiveMinimum;
  }
  if (typeof schema.exclusiveMaximum === "boolean") {
    if (schema.exclusiveMaximum && typeof schema.maximum === "number") {
      schema.exclusiveMaximum = schema.maximum;
      delete schema.maximum;
    } else delete schema.exclusiveMaximum;
  }
}

function normalizeSchema30(schema: JsonObject): void {
  if ("example" in schema) {
    if (!("examples" in schema)) schema.examples = [schema.example];
    delete schema.example;
  }
  if (!("nullable" in schema)) return;
  const nullable = schema.nullable === true;
  delete schema.nullable;
  if (!nullable) return;
  if (typeof schema.type === "string") {
    schema.type = [schema.type, "null"];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  } else if (Array.isArray(schema.type)) {
    if (!schema.type.includes("null")) schema.type = [...schema.type, "null"];
  } else {
    // No type to extend (composition or a $ref): the whole schema or null.
    const inner: JsonObject = {};
    for (const k of Object.keys(schema)) {
      if (ANNOTATIONS.has(k) || k.startsWith("x-")) continue;
      setOwn(inner, k, schema[k]);
      delete schema[k];
    }
    schema.anyOf = [inner, { type: "null" }];
  }
}
