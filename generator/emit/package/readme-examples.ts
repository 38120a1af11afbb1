/**
 * The README's usage examples: one client call per operation, filled from the spec's own examples
 * (parameter and request body examples, else schema examples, defaults or the first enum value, else a
 * value made from the schema as the mock makes one), and
 * how to pass each security scheme's credentials. Values go through `literal`, so spec text stays data.
 * With `types: { dates: "Date" }` the date-times the operation's date plan marks are `new Date("...")`.
 */
import { code, join, key, literal, literalWithCode, type Code } from "../../codegen/code.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { resolvePointer } from "../../openapi/pointer.js";
import { preferredMedia, bodyKind } from "../../ir/media.js";
import type { ApiIR, OperationIR } from "../../ir/types.js";
import { synthesizeForm, synthesizeRequest } from "../../openapi/sample-value.js";
import { withoutReadOnly } from "../../openapi/request-example.js";
import { INPUT_KEYS, type DatePlan, type DatePlans } from "../dates/plan.js";
import { own } from "../../openapi/own.js";
import { withDates } from "../dates/example-values.js";
import { isSuccess } from "../client/media-kinds.js";

/** Past this many characters the spec's example gives way to a smaller value made from the schema. */
const MAX_VALUE = 2000;

/** `plans`: the API's date plans when date-times are Dates (`types: { dates: "Date" }`). */
export function callExample(ir: ApiIR, op: OperationIR, plans?: DatePlans): Code {
  const opPlans = plans && own(plans.operations, op.names.method);
  const dates = (plan: DatePlan | undefined): Dates | undefined => (plan && plans ? { plan, shared: plans.shared } : undefined);
  const parts: Code[] = [];
  for (const location of ["path", "query", "header", "cookie"] as const) {
    const fields = op.parameters[location]
      .filter((p) => p.required || exampleOf(ir, p.pointer, p.schema) !== undefined)
      .map((p) => code`${key(p.name)}: ${valueCode(ir, exampleOf(ir, p.pointer, p.schema), p.schema, undefined, dates(paramPlan(opPlans?.[INPUT_KEYS[location]], p.name)))}`);
    if (fields.length) parts.push(code`${key(INPUT_KEYS[location])}: { ${join(fields, ", ")} }`);
  }
  const qs = op.querystring;
  const qsExample = qs && exampleOf(ir, qs.pointer, qs.schema);
  if (qs && (qs.required || qsExample !== undefined)) parts.push(code`querystring: ${valueCode(ir, qsExample, qs.schema)}`);
  const media = op.requestBody ? preferredMedia(op.requestBody.content) : undefined;
  if (media) {
    // (as a caller sends it: a resource shown whole as the example keeps its readOnly `id` out)
    const given = Object.values(media.examples)[0] ?? schemaExample(media.schema);
    const example = given === undefined ? undefined : withoutReadOnly(ir.document, given, media.schema);
    // a form (or multipart) body leaves empty lists and objects out
    const form = ["form", "multipart"].includes(bodyKind(media));
    parts.push(code`body: ${valueCode(ir, example, media.schema, 2, dates(opPlans?.body), form)}`);
  }
  const call = code`await api.${key(op.names.method)}(${parts.length ? code`{ ${join(parts, ", ")} }` : code``});`;
  // The client revives a result's date-times: say so where the success body has any.
  const revived = op.names.response && Object.keys(opPlans?.responses ?? {}).some(isSuccess);
  return code`${revived ? code`// result's date-times arrive as Date objects\n` : code``}const ${op.names.response ? code`result` : code`_`} = ${call}`;
}

interface Dates {
  plan: DatePlan;
  shared: Readonly<Record<string, DatePlan>>;
}

/** A parameter's plan: its group's is `{ props }` by parameter name (emit/dates/plan.ts). */
function paramPlan(group: DatePlan | undefined, name: string): DatePlan | undefined {
  return typeof group === "object" && !("ref" in group) ? own(group.props, name) : undefined;
}

/** `auth: { bearerAuth: "<token>" }` for the schemes the spec declares. */
export function authExample(ir: ApiIR): Code | undefined {
  const fields = Object.entries(ir.securitySchemes).flatMap(([name, scheme]) => {
    const http = typeof scheme.scheme === "string" ? scheme.scheme.toLowerCase() : "";
    if (scheme.type === "mutualTLS") return [];
    if (scheme.type === "http" && http === "basic") return [code`${key(name)}: { username: "<user>", password: "<password>" }`];
    const what = scheme.type === "apiKey" ? "<api key>" : "<token>";
    return [code`${key(name)}: ${literal(what)}`];
  });
  return fields.length ? code`{ ${join(fields, ", ")} }` : undefined;
}

/**
 * The example as a literal; without one, or when it is too long to read, a value made from the schema as a
 * caller sends it (for a form body, one whose required lists and objects the form carries: synthesizeForm).
 * `dates`: where the value holds date-times, to be written as `new Date("...")`.
 */
function valueCode(ir: ApiIR, example: unknown, schema: JsonObject | boolean | undefined, indent?: number, dates?: Dates, form = false): Code {
  const text = example === undefined ? undefined : literal(example, indent);
  const value = text && text.text.length <= MAX_VALUE ? example : (form ? synthesizeForm : synthesizeRequest)(ir.document, schema ?? {}) ?? null;
  return dates ? literalWithCode(withDates(value, dates.plan, dates.shared), indent) : literal(value, indent);
}

/** A parameter's example: its `examples` (the 3.0 `example` is one after normalize), else its schema's. */
function exampleOf(ir: ApiIR, pointer: string, schema: JsonObject | boolean | undefined): unknown {
  const found = resolvePointer(ir.document, pointer);
  const param = found.found && isObject(found.value) ? found.value : {};
  if (isObject(param.examples)) {
    for (const ex of Object.values(param.examples)) if (isObject(ex) && "value" in ex) return ex.value;
  }
  return schemaExample(schema);
}

function schemaExample(schema: JsonObject | boolean | undefined): unknown {
  if (!isObject(schema)) return undefined;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if ("default" in schema) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  return undefined;
}

