/**
 * The document as a whole: it parses, declares a version we read, matches the official OpenAPI JSON
 * Schema of that version, and every `$ref` resolves. The first two and the refs are found by the load and
 * bundle stages (their diagnostics become these rules' findings); the schema check runs on the root file
 * as written, before bundling changes it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv";
import { packageRoot } from "../../package-root.js";
import { explainAjvErrors, type SchemaProblem } from "../../diagnostics/ajv-errors.js";
import { isObject, kindName, type JsonObject, type Kind } from "../../openapi/kinds.js";
import { forEachNode } from "../../openapi/walk.js";
import { segmentsOf } from "../../openapi/pointer.js";
import type { Rule } from "../types.js";

const require = createRequire(import.meta.url);

/** Rules whose findings come from a stage's diagnostics (see run.ts: STAGE_RULES). */
export const parse: Rule = {
  id: "parse",
  severity: "error",
  description: "The file is well-formed YAML or JSON and holds a mapping.",
  check() {},
};

export const oasVersion: Rule = {
  id: "oas-version",
  severity: "error",
  description: "The document declares `openapi: 3.0.x`, `3.1.x` or `3.2.x`, or `swagger: \"2.0\"` (read as the OpenAPI 3.0 document it says).",
  check() {},
};

export const refResolves: Rule = {
  id: "ref-resolves",
  severity: "error",
  description: "Every `$ref` resolves: to a local definition under components, paths, webhooks or $defs, or to a file beside the spec (never a URL).",
  check() {},
};

type SchemaVersion = "2.0" | "3.0" | "3.1" | "3.2";
interface Compiler {
  compile(s: unknown): ValidateFunction;
}
const compilers = new Map<SchemaVersion, { ajv: Compiler; id: string }>();
const validators = new Map<string, ValidateFunction>();

/** An ajv holding the official schema of the version, made once per process. */
function compilerFor(version: SchemaVersion): { ajv: Compiler; id: string } {
  const cached = compilers.get(version);
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(path.join(packageRoot(), "generator", "lint", "oas-schemas", `v${version}.json`), "utf8")) as Record<string, unknown>;
  const addFormats = (require("ajv-formats") as { default: (ajv: unknown, formats: string[]) => void }).default;
  let made: { ajv: Compiler; id: string };
  if (version === "3.0" || version === "2.0") {
    // Draft-04 read as draft-07: `id` is `$id`; the one boolean exclusiveMinimum (multipleOf > 0) gets its numeric form.
    schema.$id = schema.id;
    delete schema.id;
    delete schema.$schema;
    const text = JSON.stringify(schema).replace('"minimum":0,"exclusiveMinimum":true', '"exclusiveMinimum":0');
    const Ajv = (require("ajv") as { default: new (o: object) => Compiler & { addSchema(s: unknown): unknown } }).default;
    const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, logger: false });
    addFormats(ajv, ["uri", "uri-reference", "email", "regex"]);
    // the 2.0 schema refers to parts of the draft-04 meta-schema
    if (version === "2.0") ajv.addSchema(DRAFT_04_PARTS);
    ajv.addSchema(JSON.parse(text));
    made = { ajv, id: String(schema.$id) };
  } else {
    const Ajv2020 = (require("ajv/dist/2020.js") as { default: new (o: object) => Compiler & { addSchema(s: unknown): unknown; addFormat(n: string, f: true): void } }).default;
    const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true, logger: false });
    addFormats(ajv, ["uri", "uri-reference", "email", "regex"]);
    ajv.addFormat("media-range", true);
    ajv.addSchema(schema);
    made = { ajv, id: String(schema.$id) };
  }
  compilers.set(version, made);
  return made;
}

/** The official schema of the version (`definition`: one of its definitions), compiled once per process. */
function validatorFor(version: SchemaVersion, definition?: string): ValidateFunction {
  const key = `${version}#${definition ?? ""}`;
  const cached = validators.get(key);
  if (cached) return cached;
  const { ajv, id } = compilerFor(version);
  const defs = version === "3.0" || version === "2.0" ? "definitions" : "$defs";
  const validate = ajv.compile({ $ref: definition === undefined ? id : `${id}#/${defs}/${definition}` });
  validators.set(key, validate);
  return validate;
}

/**
 * The parts of the JSON Schema draft-04 meta-schema (http://json-schema.org/draft-04/schema) the Swagger 2.0
 * schema refers to, as draft-07 reads them (`exclusiveMinimum` numeric).
 */
const DRAFT_04_PARTS = {
  $id: "http://json-schema.org/draft-04/schema",
  definitions: {
    positiveInteger: { type: "integer", minimum: 0 },
    positiveIntegerDefault0: { allOf: [{ $ref: "#/definitions/positiveInteger" }, { default: 0 }] },
    simpleTypes: { enum: ["array", "boolean", "integer", "null", "number", "object", "string"] },
    stringArray: { type: "array", items: { type: "string" }, minItems: 1, uniqueItems: true },
  },
  properties: {
    title: { type: "string" },
    description: { type: "string" },
    default: {},
    multipleOf: { type: "number", exclusiveMinimum: 0 },
    maximum: { type: "number" },
    exclusiveMaximum: { type: "boolean", default: false },
    minimum: { type: "number" },
    exclusiveMinimum: { type: "boolean", default: false },
    pattern: { type: "string", format: "regex" },
    uniqueItems: { type: "boolean", default: false },
    enum: { type: "array", minItems: 1, uniqueItems: true },
    type: { anyOf: [{ $ref: "#/definitions/simpleTypes" }, { type: "array", items: { $ref: "#/definitions/simpleTypes" }, minItems: 1, uniqueItems: true }] },
  },
};

/** A schema problem in a file a `$ref` brought in (`file`: its display path), else in the root file. */
export interface FileSchemaProblem extends SchemaProblem {
  file?: string;
}

function schemaVersion(version: string): SchemaVersion {
  return version === "2.0" ? "2.0" : version.startsWith("3.0") ? "3.0" : version.startsWith("3.2") ? "3.2" : "3.1";
}

/** Validates the document as written (a Swagger 2.0 one against the 2.0 schema, `version` "2.0"). */
export function schemaProblems(document: unknown, version: string): SchemaProblem[] {
  const is30 = version.startsWith("3.0") || version === "2.0";
  const validate = validatorFor(schemaVersion(version));
  const extra = is30 || !isObject(document) ? [] : schemaKeywordProblems(document);
  if (validate(document)) return extra;
  return [...explainAjvErrors(validate.errors ?? [], "the document", version !== "2.0"), ...extra];
}

/** The definition of each kind of object in the official schemas of 3.0 and of 3.1/3.2. */
const DEFINITIONS: Partial<Record<Kind, [string, string]>> = {
  PathItem: ["PathItem", "path-item"],
  Operation: ["Operation", "operation"],
  Parameter: ["Parameter", "parameter"],
  Header: ["Header", "header"],
  RequestBody: ["RequestBody", "request-body"],
  Response: ["Response", "response"],
  MediaType: ["MediaType", "media-type"],
  Encoding: ["Encoding", "encoding"],
  Schema: ["Schema", "schema"],
  Example: ["Example", "example"],
  Link: ["Link", "link"],
  Callback: ["Callback", "callbacks"],
  SecurityScheme: ["SecurityScheme", "security-scheme"],
};

/**
 * Validates a fragment of another file that a `$ref` of an OpenAPI 3.x document brings in, against the
 * part of the official schema for the kind of object the ref stands for (`pointer`: the fragment's, which
 * names it in messages). Pointers returned are relative to the fragment.
 * A fragment that is itself a `$ref` is checked where that ref leads (the bundle reports each fragment).
 */
export function fragmentProblems(value: unknown, version: string, kind: Kind, pointer: string): SchemaProblem[] {
  const names = DEFINITIONS[kind];
  const v = schemaVersion(version);
  if (!names || v === "2.0" || (isObject(value) && "$ref" in value && kind !== "PathItem")) return [];
  const validate = validatorFor(v, v === "3.0" ? names[0] : names[1]);
  const extra = v === "3.0" || !isObject(value) ? [] : schemaKeywordProblems(value, kind);
  if (validate(value)) return extra;
  const name = segmentsOf(pointer).pop();
  return [...explainAjvErrors(validate.errors ?? [], name === undefined ? `the ${kindName(kind)}` : `'${name}'`), ...extra];
}

/**
 * The official 3.1 schema leaves Schema Objects to the JSON Schema dialect, which allows any keyword: the
 * 3.0 leftovers that change meaning in 3.1 are caught here (`nullable` is ignored by 2020-12 validators, so
 * the null the author allowed is rejected; a boolean `exclusiveMinimum` is not a bound at all).
 */
function schemaKeywordProblems(document: JsonObject, kind: Kind = "Root"): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  forEachNode(document, (node, kind, pointer) => {
    if (kind !== "Schema") return;
    if ("nullable" in node) out.push({ pointer: `${pointer}/nullable`, message: "'nullable' is not a keyword of OpenAPI 3.1 schemas (JSON Schema 2020-12): validators ignore it" });
    for (const k of ["exclusiveMinimum", "exclusiveMaximum"]) {
      if (typeof node[k] === "boolean") out.push({ pointer: `${pointer}/${k}`, message: `'${k}' must be a number in OpenAPI 3.1 (JSON Schema 2020-12), not a boolean` });
    }
  }, kind);
  return out;
}

export const oasSchema: Rule = {
  id: "oas-schema",
  severity: "error",
  description: "The document is valid against the official OpenAPI JSON Schema of its version (2.0, 3.0, 3.1 or 3.2).",
  check(ctx) {
    const upgraded = ctx.root.upgraded;
    for (const p of ctx.memo<FileSchemaProblem[]>("oas-schema", () => [])) {
      // a Swagger 2.0 document's problems are found in it as written: placed here, not through the 3.0 document's pointers
      const at = upgraded && p.file === undefined ? { line: 1, column: 1, ...upgraded.locate(p.pointer) } : {};
      ctx.reportAt({ file: p.file ?? ctx.root.displayPath, pointer: p.pointer, ...at }, p.message, p.message.startsWith("'nullable'") ? "write the type as a list with \"null\": type: [string, \"null\"]" : "see the OpenAPI specification for this object's fields");
    }
  },
};
