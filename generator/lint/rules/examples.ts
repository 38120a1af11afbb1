/**
 * Examples and defaults validate against their schema, compiled as the validators target compiles it
 * (same documents from `schemaDocuments`, same ajv options, the same format checkers), so an example lint
 * accepts is one the generated validators accept, even with `unknownProperties: reject` (the mode lint
 * uses: objects without `additionalProperties` are closed, as Redocly's recommended ruleset does too). Request-side examples use the request variant
 * (readOnly properties not required), response-side ones the response variant (writeOnly not required).
 */
import { createRequire } from "node:module";
import type AjvModule from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { escapeSegment, pointerFromFragment, resolvePointer } from "../../openapi/pointer.js";
import { VALIDATION_OPTIONS } from "../../emit/validators/compile.js";
import { useDecimalMultipleOf } from "../../emit/validators/multiple-of-keyword.js";
import { useDiscriminatorTags } from "../../emit/validators/discriminator-keyword.js";
import { useBranchAnnotations } from "../../emit/validators/branch-annotations.js";
import { nullPrototypeSets } from "../../emit/validators/null-prototype-sets.js";
import { useContainsAnnotations } from "../../emit/validators/contains-annotations.js";
import { DOC_IDS, schemaDocuments, validationSchema, type Variant } from "../../emit/validators/schema-set.js";
import { loadFormats, type FormatChecker } from "../formats.js";
import type { LintContext, Rule } from "../types.js";
import { deref, forEachLintNode } from "./shared.js";
import { inPlaceCycles, reachesAny, refsToNonSchemas } from "../../openapi/schema-cycles.js";
import { schemasOf } from "./schemas.js";
import { shareComponents, type Ajv } from "./shared-components.js";

const require = createRequire(import.meta.url);

interface Check {
  rule: "example-valid" | "default-valid";
  /** Which kind of example (rule-parts.ts): a schema's, a media type's (or header's), a parameter's. */
  part?: "schema" | "media" | "parameter";
  value: unknown;
  schema: unknown;
  variant: Variant;
  /** Where the value sits (bundled pointer). */
  pointer: string;
  what: string;
}

function variantOf(pointer: string): Variant {
  // A webhook's or callback's request is sent by the API, readOnly properties and all, as the types and
  // validators read it (read-write-split.ts, schema-set.ts); so is a response.
  if (/^\/(x-)?webhooks\//.test(pointer) || pointer.includes("/callbacks/")) return "response";
  if (pointer.includes("/responses/") || pointer.startsWith("/components/headers/")) return "response";
  if (pointer.includes("/requestBody") || pointer.includes("/parameters/") || pointer.startsWith("/components/requestBodies/")) return "request";
  return "neutral";
}

/** Every example and default with its schema, found once and shared by both rules. */
function checksOf(ctx: LintContext): Check[] {
  return ctx.memo("example-checks", () => {
    const all: Check[] = [];
    const out = { push: (c: Check) => void all.push(refValue(ctx, c)) };
    const walked: Array<{ schema: JsonObject; pointer: string }> = [];
    forEachLintNode(ctx, (node, kind, pointer) => {
      if (kind === "Schema") walked.push({ schema: node, pointer });
      if (kind === "MediaType" || kind === "Parameter" || kind === "Header") {
        if (node.schema === undefined || !isObject(node.examples)) return;
        for (const name of Object.keys(node.examples)) {
          const { node: example, pointer: target } = deref(ctx.document, node.examples[name]);
          if (!example || !("value" in example)) continue;
          const at = target !== undefined ? `${target}/value`
            : name === "default" && ctx.hadExample.has(node) ? `${pointer}/example` : `${pointer}/examples/${escapeSegment(name)}/value`;
          out.push({ rule: "example-valid", part: kind === "Parameter" ? "parameter" : "media", value: example.value, schema: node.schema, variant: variantOf(pointer), pointer: at, what: "example" });
        }
      } else if (kind === "Schema") {
        const variant = variantOf(pointer);
        if (Array.isArray(node.examples)) {
          const moved = ctx.hadExample.has(node);
          node.examples.forEach((value, i) => {
            out.push({ rule: "example-valid", part: "schema", value, schema: node, variant, pointer: moved && i === 0 ? `${pointer}/example` : `${pointer}/examples/${i}`, what: "example" });
          });
        }
        if ("example" in node) out.push({ rule: "example-valid", part: "schema", value: node.example, schema: node, variant, pointer: `${pointer}/example`, what: "example" });
        if ("default" in node) out.push({ rule: "default-valid", value: node.default, schema: node, variant, pointer: `${pointer}/default`, what: "default" });
      }
    });
    // A schema that loops in place (the check stage reports it) has no validator that returns, nor has one
    // whose $ref names no schema (the bundle reports it; `$ref: '#'` made ajv validate against the document).
    const schemas = new Set(schemasOf(ctx, () => walked).map((s) => s.schema));
    const broken = new Set([...inPlaceCycles(ctx.document, schemas).map((c) => c.schema), ...refsToNonSchemas(ctx.document, schemas)]);
    const memo = new Map<JsonObject, boolean>();
    return all.filter((c) => c.value !== UNRESOLVED && !reachesAny(ctx.document, c.schema, broken, memo));
  });
}

const UNRESOLVED = Symbol("unresolved");

/**
 * An example written as `{ $ref: '#/components/examples/x/value' }` is data to OpenAPI, but specs use it
 * to share examples and readers (Redocly, Swagger UI) follow it: so does lint, for local refs.
 */
function refValue(ctx: LintContext, c: Check): Check {
  const v = c.value;
  if (!isObject(v) || typeof v.$ref !== "string" || Object.keys(v).length !== 1) return c;
  const fragment = v.$ref.startsWith("#") ? pointerFromFragment(v.$ref.slice(1)) : undefined;
  const target = fragment === undefined ? undefined : resolvePointer(ctx.document, fragment);
  // Reported where the `$ref` is written: the target may be shared, and the mistake is often the ref's own
  // (GitHub's `value: {$ref: '#/components/examples/x'}` names an Example object, not its value).
  return target?.found ? { ...c, value: target.value } : { ...c, value: UNRESOLVED };
}

/** Runs the checks of one rule; the compiled validators are shared by both rules (memo). */
async function run(ctx: LintContext, rule: Check["rule"]): Promise<void> {
  const checks = checksOf(ctx).filter((c) => c.rule === rule);
  if (checks.length === 0) return;
  const formats = await loadFormats();
  const ready = await takePrepared();
  const validatorFor = ctx.memo("example-validator", () => makeValidatorFactory(ctx, ready ?? newAjv(formats)));
  for (const c of checks) {
    const validate = validatorFor(c.schema, c.variant);
    if (!validate || validate(c.value)) continue;
    // One finding per failing place in the value; there, the most specific error (not a oneOf summary).
    const errors = [...(validate.errors ?? [])].sort((a, b) => Number(SUMMARY.has(a.keyword)) - Number(SUMMARY.has(b.keyword)));
    const seen = new Set<string>();
    for (const err of errors) {
      if (seen.has(err.instancePath)) continue;
      seen.add(err.instancePath);
      ctx.report(`${c.pointer}${err.instancePath}`, `${c.what} does not match its schema: ${describe(err)}`, c.what === "default" ? "fix the default, or the schema" : "fix the example, or the schema", c.part ? [c.part] : undefined);
    }
  }
}

const SUMMARY = new Set(["oneOf", "anyOf", "if", "not", "$ref", "type"]);

function describe(err: ErrorObject | undefined): string {
  if (!err) return "invalid";
  const at = err.instancePath ? `${err.instancePath} ` : "";
  if (err.keyword === "additionalProperties" || err.keyword === "unevaluatedProperties") {
    const p = (err.params as { additionalProperty?: string; unevaluatedProperty?: string });
    return `${at}has unknown property '${p.additionalProperty ?? p.unevaluatedProperty}'`;
  }
  if (err.keyword === "false schema") return `${at}must not be there (readOnly in a request, or writeOnly in a response)`;
  if (err.keyword === "enum") return `${at}must be one of ${JSON.stringify((err.params as { allowedValues: unknown[] }).allowedValues)}`;
  return `${at}${err.message ?? err.keyword}`;
}

/** An ajv that compiles as the validators target does, with its format checkers and keywords. */
function newAjv(formats: Record<string, FormatChecker>): Ajv {
  const Ajv2020 = (require("ajv/dist/2020.js") as typeof AjvModule).default;
  // As the validators target compiles: no inlining (each component compiled once, shared) and no
  // optimizing pass (40% of ajv's compile time; lint runs each function a few times only). No check of each
  // schema against the meta-schema (a fifth of the example worker's time on GitHub's spec): the oas-schema
  // rule reports a malformed schema, ajv still refuses a keyword's value of the wrong type when it compiles,
  // and `knownDialect` keeps the one refusal the check made that compiling does not.
  const ajv = new Ajv2020({ ...VALIDATION_OPTIONS, allErrors: true, messages: true, inlineRefs: false, code: { optimize: false, process: nullPrototypeSets }, formats: formats as never, logger: false, validateSchema: false });
  useDecimalMultipleOf(ajv);
  useDiscriminatorTags(ajv);
  useBranchAnnotations(ajv);
  useContainsAnnotations(ajv);
  return ajv;
}

let prepared: Promise<Ajv> | undefined;

/**
 * Makes the ajv the next run of these rules takes (its formats loaded, its vocabularies added): ajv's
 * start-up, for the example worker to do while it waits for the document.
 */
export function prepareAjv(): void {
  prepared ??= loadFormats().then(newAjv);
}

/**
 * Whether ajv has the meta-schema a root schema's `$schema` names (or it names none). One it lacks (a dialect
 * of the spec's own) leaves the schema unchecked, as ajv's own check of `$schema` would; generating reports
 * it (validators/unknown-meta-schema).
 */
function knownDialect(ajv: Ajv, schema: unknown): boolean {
  const meta = isObject(schema) ? schema.$schema : undefined;
  if (typeof meta !== "string") return true;
  try {
    return ajv.getSchema(meta.replace(/#$/, "")) !== undefined;
  } catch {
    return false; // not a URL ajv can resolve
  }
}

/** The prepared ajv, once (undefined if none, or if making it failed: the rules then make theirs, and fail as it did). */
async function takePrepared(): Promise<Ajv | undefined> {
  const spare = prepared;
  prepared = undefined;
  return spare?.catch(() => undefined);
}

function makeValidatorFactory(ctx: LintContext, ajv: Ajv): (schema: unknown, variant: Variant) => ValidateFunction | undefined {
  // Objects closed as the validators close them with `unknownProperties: reject`: a property an example
  // shows but the schema does not declare is a typo or an undocumented field either way.
  const { documents, shapeFor } = schemaDocuments(ctx.document, { unknownProperties: "reject", forbidOpposite: true });
  for (const doc of documents) {
    if (!knownDialect(ajv, doc)) continue;
    try {
      ajv.addSchema(doc as never);
    } catch {
      // a document ajv refuses (two resources with one $id) leaves its examples unchecked; generating reports it
    }
  }
  const docIds = Object.values(DOC_IDS);
  const cache = new Map<string, ValidateFunction | undefined>();
  const bySchema = new WeakMap<object, Map<Variant, ValidateFunction | undefined>>();
  return (schema, variant) => {
    if (!isObject(schema)) return undefined;
    const known = bySchema.get(schema) ?? new Map<Variant, ValidateFunction | undefined>();
    bySchema.set(schema, known);
    if (known.has(variant)) return known.get(variant);
    const shaped = validationSchema(schema, shapeFor(variant)) as JsonObject;
    const key = `${variant}\n${JSON.stringify(shaped)}`;
    if (cache.has(key)) {
      known.set(variant, cache.get(key));
      return cache.get(key);
    }
    let fn: ValidateFunction | undefined;
    try {
      if (!knownDialect(ajv, shaped)) throw new Error("unknown dialect");
      shareComponents(ajv, shaped, docIds);
      fn = ajv.compile(shaped);
    } catch {
      // A schema ajv cannot compile (a bad pattern, a ref into nowhere) is another rule's finding.
      fn = undefined;
    }
    cache.set(key, fn);
    known.set(variant, fn);
    return fn;
  };
}

export const exampleValid: Rule = {
  id: "example-valid",
  severity: "warn",
  description: "Every example (media type, parameter, header, schema) validates against its schema, as the generated validators would check it.",
  check: (ctx) => run(ctx, "example-valid"),
};

export const defaultValid: Rule = {
  id: "default-valid",
  severity: "warn",
  description: "Every schema's `default` validates against that schema.",
  check: (ctx) => run(ctx, "default-valid"),
};
