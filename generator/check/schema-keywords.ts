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
import { forEachNode } from "../openapi/walk.js";
import { resolvePointer, segmentsOf } from "../openapi/pointer.js";

const require = createRequire(import.meta.url);
const META = "https://json-schema.org/draft/2020-12/schema";
let metaSchema: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!metaSchema) {
    const Ajv2020 = (require("ajv/dist/2020.js") as { default: new (o: object) => { getSchema(id: string): ValidateFunction | undefined } }).default;
    metaSchema = new Ajv2020({ strict: false, allErrors: true, logger: false }).getSchema(META)!;
  }
  return metaSchema;
}

export function checkSchemaKeywords(document: JsonObject, sources: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Each outermost schema is validated with everything inside it (nodes come depth first).
  let outer: string | undefined;
  forEachNode(document, (node, kind, pointer) => {
    if (kind !== "Schema" || (outer !== undefined && pointer.startsWith(`${outer}/`))) return;
    outer = pointer;
    const validate = validator();
    if (validate(node)) return;
    const found = explainAjvErrors(validate.errors ?? []).filter((p) => !inAnnotation(node, segmentsOf(p.pointer))).map((p) => {
      const value = JSON.stringify(resolvePointer(node, p.pointer).value) ?? "";
      const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
      return error("check/schema-keyword", `schema keyword ${p.message}, not ${shown}`, sources.locate(pointer + p.pointer), "write the keyword's value as JSON Schema 2020-12 defines it");
    });
    // In the order they are written (ajv's order is by kind of error).
    out.push(...found.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0)));
  });
  return out;
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
