/**
 * Schema keywords whose values JSON Schema 2020-12 does not allow (`pattern: 0`, `type: int`,
 * `required: true`, `minLength: -1`): the validators are compiled from the schemas and the compiler rejects
 * them, so each is reported at its place, as the meta-schema explains it. Annotations (`examples`,
 * `description`, ...) are left out of the validators, so a wrong one there stops nothing and is lint's.
 */
import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { explainAjvErrors } from "../diagnostics/ajv-errors.js";
import type { SourceMap } from "../bundle/source-map.js";
import { ANNOTATION_KEYWORDS, childrenOf, isObject, type JsonObject } from "../openapi/kinds.js";
import { isAnchorName, resolvePointer, segmentsOf } from "../openapi/pointer.js";

const require = createRequire(import.meta.url);
const META = "https://json-schema.org/draft/2020-12/schema";
let metaSchema: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!metaSchema) {
    const Ajv2020 = (require("ajv/dist/2020.js") as { default: new (o: object) => { getSchema(id: string): ValidateFunction | undefined } }).default;
    // strictNumbers: NaN and Infinity (YAML's .nan, .inf; JSON's 1e999) are no numbers JSON Schema knows
    metaSchema = new Ajv2020({ strict: false, strictNumbers: true, allErrors: true, logger: false }).getSchema(META)!;
  }
  return metaSchema;
}

/**
 * Visits every schema of the document depth first (the check stage's one walk), then explains what is wrong:
 * each outermost schema is given to the meta-schema with everything inside it, but only when a schema in
 * it has a keyword value the table below doubts (the meta-schema on every schema costs ~0.3 s on GitHub's
 * description, which has none).
 */
export class SchemaKeywordCheck {
  private readonly doubted: [pointer: string, node: JsonObject][] = [];
  /** Values the meta-schema allows but the tools downstream do not (openapi-typescript reads `title` as text). */
  private readonly refused: Diagnostic[] = [];
  private outer: [pointer: string, node: JsonObject] | undefined;

  constructor(private readonly sources: SourceMap) {}

  visit(node: JsonObject, pointer: string): void {
    if (this.outer === undefined || !pointer.startsWith(`${this.outer[0]}/`)) this.outer = [pointer, node];
    if (this.doubted[this.doubted.length - 1] !== this.outer && !plausible(node)) this.doubted.push(this.outer);
    const refuse = (keyword: string, wants: string) =>
      this.refused.push(error("check/schema-keyword", `schema keyword '${keyword}' must be ${wants}, not ${JSON.stringify(node[keyword])?.slice(0, 40)}`, this.sources.locate(`${pointer}/${keyword}`), "write the keyword's value as JSON Schema 2020-12 defines it"));
    for (const k of ["title", "description"]) if (node[k] !== undefined && typeof node[k] !== "string") refuse(k, "string");
    // OpenAPI's own keyword, which no meta-schema here knows: openapi-typescript reads mapping values as text
    const d = node.discriminator;
    if (d !== undefined && !isObject(d)) refuse("discriminator", "a mapping with `propertyName` (and `mapping`)");
    else if (isObject(d)) {
      const at = (k: string, wants: string) =>
        this.refused.push(error("check/schema-keyword", `discriminator \`${k}\` must be ${wants}, not ${JSON.stringify(d[k])?.slice(0, 40)}`, this.sources.locate(`${pointer}/discriminator/${k}`), "write the discriminator as OpenAPI defines it: `propertyName: kind` and `mapping: { value: '#/components/schemas/Name' }`"));
      if (d.propertyName !== undefined && typeof d.propertyName !== "string") at("propertyName", "a property name");
      if (d.mapping !== undefined && !(isObject(d.mapping) && Object.values(d.mapping).every(isString))) at("mapping", "a mapping of values to schema names or $refs");
    }
  }

  problems(): Diagnostic[] {
    const out: Diagnostic[] = [...this.refused];
    for (const [pointer, node] of this.doubted) {
      const validate = validator();
      if (validate(node)) continue;
      const found = explainAjvErrors(validate.errors ?? []).filter((p) => !inAnnotation(node, segmentsOf(p.pointer))).map((p) => {
        const value = written(resolvePointer(node, p.pointer).value);
        const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
        return error("check/schema-keyword", `schema keyword ${p.message}, not ${shown}`, this.sources.locate(pointer + p.pointer), "write the keyword's value as JSON Schema 2020-12 defines it");
      });
      // In the order they are written (ajv's order is by kind of error).
      out.push(...found.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0)));
    }
    return out;
  }
}

/** A value as text for a message: JSON, but NaN and Infinity as themselves (JSON would say null). */
function written(value: unknown): string {
  return typeof value === "number" && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? "");
}

const isSchema = (v: unknown) => isObject(v) || typeof v === "boolean";
const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
const isNumber = (v: unknown) => Number.isFinite(v);
const isString = (v: unknown) => typeof v === "string";
const isBoolean = (v: unknown) => typeof v === "boolean";
const unique = (v: unknown[]) => new Set(v).size === v.length;
const isSchemaList = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every(isSchema);
const isSchemaMap = (v: unknown) => isObject(v) && Object.values(v).every(isSchema);
const isStringSet = (v: unknown) => Array.isArray(v) && v.every(isString) && unique(v);
const TYPES = new Set(["array", "boolean", "integer", "null", "number", "object", "string"]);
const isType = (v: unknown) => (typeof v === "string" ? TYPES.has(v) : Array.isArray(v) && v.length > 0 && v.every((t) => typeof t === "string" && TYPES.has(t)) && unique(v));
const isAnchor = (v: unknown) => typeof v === "string" && isAnchorName(v);

/**
 * What the 2020-12 meta-schema allows as each keyword's value (annotations left out, as above). A schema
 * in which this finds nothing wrong is not given to the meta-schema; one it doubts is, which explains it.
 */
const KEYWORD_VALUES: Record<string, (v: unknown) => boolean> = {
  type: isType,
  enum: Array.isArray,
  multipleOf: (v) => isNumber(v) && (v as number) > 0,
  maximum: isNumber, exclusiveMaximum: isNumber, minimum: isNumber, exclusiveMinimum: isNumber,
  maxLength: isCount, minLength: isCount, maxItems: isCount, minItems: isCount, maxContains: isCount, minContains: isCount, maxProperties: isCount, minProperties: isCount,
  pattern: isString, format: isString,
  uniqueItems: isBoolean,
  required: isStringSet,
  dependentRequired: (v) => isObject(v) && Object.values(v).every(isStringSet),
  // a schema value is not walked into (see kinds.ts): the meta-schema looks at it
  dependencies: (v) => isObject(v) && Object.values(v).every(isStringSet),
  allOf: isSchemaList, anyOf: isSchemaList, oneOf: isSchemaList, prefixItems: isSchemaList,
  not: isSchema, if: isSchema, then: isSchema, else: isSchema, items: isSchema, contains: isSchema, additionalProperties: isSchema,
  propertyNames: isSchema, unevaluatedItems: isSchema, unevaluatedProperties: isSchema,
  properties: isSchemaMap, patternProperties: isSchemaMap, dependentSchemas: isSchemaMap, $defs: isSchemaMap, definitions: isSchemaMap,
  $ref: isString, $dynamicRef: isString, $recursiveRef: isString, $schema: isString,
  $anchor: isAnchor, $dynamicAnchor: isAnchor, $recursiveAnchor: isAnchor,
  $id: (v) => typeof v === "string" && /^[^#]*#?$/.test(v),
  $vocabulary: (v) => isObject(v) && Object.values(v).every(isBoolean),
};

function plausible(schema: JsonObject): boolean {
  for (const k in schema) {
    const allowed = Object.prototype.hasOwnProperty.call(KEYWORD_VALUES, k) ? KEYWORD_VALUES[k] : undefined;
    if (allowed && !allowed(schema[k])) return false;
  }
  return true;
}

/** Whether the keyword at `segments` inside `schema`, or a keyword on the way to it, is an annotation. */
function inAnnotation(schema: JsonObject, segments: string[]): boolean {
  let node = schema;
  let rest = segments;
  for (;;) {
    if (rest.length === 0) return false;
    if (ANNOTATION_KEYWORDS.has(rest[0]!)) return true;
    const child = childrenOf(node, "Schema").find((c) => c.segments.length < rest.length && c.segments.every((s, i) => rest[i] === s));
    if (!child || !isObject(child.value)) return false;
    node = child.value;
    rest = rest.slice(child.segments.length);
  }
}
