/**
 * `src/samples.ts`: a sample value per component schema, for tests and stories (Kubb's faker factories,
 * orval's mock data): the schema's own example (when it fits), else one the spec's request and response
 * examples show at a place of that schema (openapi/example-harvest.ts), else a value made from the schema
 * as the mock makes its answers (openapi/sample-value.ts). Each call returns a fresh value; an object's
 * `overrides` replace its top-level properties. Data only: every value is a JSON literal.
 * A value whose JSON is over 4 KiB gives way to a smaller one made from the schema, where one fits.
 * Samples are wire data: with `types: { dates: "Date" }` they are typed `Wire<X>` (date-times as strings).
 */
import type { ApiIR } from "../../ir/types.js";
import type { EmitContext, EmittedFile } from "../emitter.js";
import { code, doc, ident, join, literal, type Code } from "../../codegen/code.js";
import { synthesize } from "../../openapi/sample-value.js";
import { mayFit } from "../../openapi/sample-fits.js";
import { examplesBySchema } from "../../openapi/example-harvest.js";
import { isObject } from "../../openapi/kinds.js";
import { oneOfBranchTagOf } from "../../openapi/inherited-discriminators.js";
import { setOwn } from "../../openapi/own.js";
import { sampleName } from "../../names/sample-names.js";
import { datesAsDate } from "../dates/index.js";

/**
 * Whether the package gets a samples module: asked for (`types: { samples: true }`, as orval's `mock` and
 * Kubb's faker plugin are; GitHub's would be 2.5 MB), with the types of some schema, and, for Date types,
 * the dates runtime (its `Wire`).
 */
export function hasSamples(ir: ApiIR, ctx: Pick<EmitContext, "targets" | "types">): boolean {
  if (ctx.types?.samples !== true || !ctx.targets.includes("types") || ir.schemas.length === 0) return false;
  return !datesAsDate(ctx) || ctx.targets.some((t) => t === "client" || t === "server" || t === "validators");
}

/** A sample's JSON past this many characters is replaced by a smaller one: GitHub's examples would make 5 MB. */
const MAX_SAMPLE_CHARS = 4096;

/**
 * The schema's own example, else what the operations' examples show of it, else a value made from it; when
 * that is too large, a value made with fewer optional properties, if it still may fit the schema (an allOf
 * part's optional override, made one level deeper, can be lost that way), or made without examples (one may be
 * what is large); else the large one.
 */
function sampleOf(ir: ApiIR, s: ApiIR["schemas"][number], shown: Map<string, unknown>): unknown {
  const own = isObject(s.schema) && Array.isArray(s.schema.examples) && s.schema.examples.length > 0;
  const first = withBranchTag(ir, s.key, !own && shown.has(s.key) ? shown.get(s.key) : synthesize(ir.document, s.schema));
  const small = (v: unknown) => JSON.stringify(v ?? null).length <= MAX_SAMPLE_CHARS;
  if (small(first)) return first;
  // the last made from the keywords alone: the schema's (or a property's) own example may be what is large
  const smaller = [() => synthesize(ir.document, s.schema, 1), () => synthesize(ir.document, s.schema, 0), () => synthesize(ir.document, s.schema, -1), () => synthesize(ir.document, s.schema, -1, false)];
  for (const make of smaller) {
    const value = withBranchTag(ir, s.key, make());
    if (small(value) && mayFit(ir.document, s.schema, value, 0)) return value;
  }
  return first;
}

/**
 * `value` with the tag its type gives a component a discriminated oneOf selects (`Cat: { petType: "cat" }`,
 * inherited-discriminators.ts), where it says another: made from the schema alone it said `"string"`.
 */
function withBranchTag(ir: ApiIR, key: string, value: unknown): unknown {
  const tag = oneOfBranchTagOf(ir.document, key);
  if (!tag || !isObject(value) || tag.values.includes(value[tag.propertyName] as string)) return value;
  const copy = { ...value };
  setOwn(copy, tag.propertyName, tag.values[0]);
  return copy;
}

export function emitSamples(ir: ApiIR, ctx: EmitContext): EmittedFile[] {
  if (!hasSamples(ir, ctx)) return [];
  const wire = datesAsDate(ctx);
  const type = (name: string): Code => (wire ? code`Wire<types.${ident(name)}>` : code`types.${ident(name)}`);
  const shown = examplesBySchema(ir.document);
  const functions = ir.schemas.map((s) => {
    const value = sampleOf(ir, s, shown);
    const overridable = isObject(value);
    const comment = doc(`A sample \`${s.typeName}\`${overridable ? "; `overrides` replace its top-level properties" : ""}.`);
    // NonNullable: a nullable object's `Partial<X | null>` is `Partial<X> | null`, which no spread takes
    const params = overridable ? code`overrides?: Partial<NonNullable<${type(s.typeName)}>>` : code``;
    return code`${comment}export function ${ident(sampleName(s.typeName))}(${params}): ${type(s.typeName)} {
  return sample(${literal(value ?? null)}${overridable ? code`, overrides` : code``});
}`;
  });
  const imports = wire ? code`import type * as types from "./types.js";\nimport type { Wire } from "./dates-runtime.js";` : code`import type * as types from "./types.js";`;
  const contents = code`${doc(`Sample data of ${ir.title} ${ir.version}, one value per schema. Generated by specforge; do not edit.`)}${imports}

/** The value (built fresh by each call), with \`overrides\` over its top-level properties. */
function sample<T>(value: unknown, overrides?: object): T {
  return (overrides === undefined ? value : { ...(value as object), ...overrides }) as T;
}

${join(functions, "\n\n")}
`;
  return [{ path: "src/samples.ts", contents: contents.toString(), format: false }];
}
