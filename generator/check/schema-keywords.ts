/**
 * Schema keywords whose values JSON Schema 2020-12 does not allow (`pattern: 0`, `type: int`,
 * `required: true`, `minLength: -1`): the validators are compiled from the schemas and the compiler rejects
 * them, so each is reported at its place, as the meta-schema explains it.
 */
import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { explainAjvErrors } from "../diagnostics/ajv-errors.js";
import type { SourceMap } from "../bundle/source-map.js";
import type { JsonObject } from "../openapi/kinds.js";
import { forEachNode } from "../openapi/walk.js";
import { resolvePointer } from "../openapi/pointer.js";

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
    const found = explainAjvErrors(validate.errors ?? []).map((p) => {
      const value = JSON.stringify(resolvePointer(node, p.pointer).value) ?? "";
      const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
      return error("check/schema-keyword", `schema keyword ${p.message}, not ${shown}`, sources.locate(pointer + p.pointer), "write the keyword's value as JSON Schema 2020-12 defines it");
    });
    // In the order they are written (ajv's order is by kind of error).
    out.push(...found.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0)));
  });
  return out;
}
