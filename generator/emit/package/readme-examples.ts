/**
 * The README's usage examples: one client call per operation, filled from the spec's own examples
 * (parameter and request body examples, else schema examples, defaults or the first enum value), and
 * how to pass each security scheme's credentials. Values go through `literal`, so spec text stays data.
 */
import { code, join, key, literal, type Code } from "../../codegen/code.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { resolvePointer } from "../../openapi/pointer.js";
import { preferredMedia } from "../../ir/media.js";
import type { ApiIR, OperationIR, ParameterLocation } from "../../ir/types.js";

/** Past this many characters an example value is shown as a comment: a README is read, not scrolled. */
const MAX_VALUE = 600;
const INPUT_KEYS: Record<ParameterLocation, string> = { path: "path", query: "query", header: "headers", cookie: "cookies" };

export function callExample(ir: ApiIR, op: OperationIR): Code {
  const parts: Code[] = [];
  for (const location of ["path", "query", "header", "cookie"] as const) {
    const fields = op.parameters[location]
      .filter((p) => p.required || exampleOf(ir, p.pointer, p.schema) !== undefined)
      .map((p) => code`${key(p.name)}: ${valueCode(exampleOf(ir, p.pointer, p.schema), p.schema)}`);
    if (fields.length) parts.push(code`${key(INPUT_KEYS[location])}: { ${join(fields, ", ")} }`);
  }
  const media = op.requestBody ? preferredMedia(op.requestBody.content) : undefined;
  if (media) {
    const example = Object.values(media.examples)[0] ?? schemaExample(media.schema);
    parts.push(code`body: ${valueCode(example, media.schema, 2)}`);
  }
  const call = code`await api.${key(op.names.method)}(${parts.length ? code`{ ${join(parts, ", ")} }` : code``});`;
  return code`const ${op.names.response ? code`result` : code`_`} = ${call}`;
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

function valueCode(value: unknown, schema: JsonObject | boolean | undefined, indent?: number): Code {
  if (value === undefined) return code`${literal(placeholder(schema))}`;
  const text = literal(value, indent);
  return text.text.length <= MAX_VALUE ? text : code`{ /* the spec's example is ${literal(text.text.length)} characters long */ }`;
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

function placeholder(schema: JsonObject | boolean | undefined): unknown {
  const type = isObject(schema) ? (Array.isArray(schema.type) ? schema.type[0] : schema.type) : undefined;
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return true;
  if (type === "array") return [];
  if (type === "object" || (isObject(schema) && ("$ref" in schema || "properties" in schema))) return {};
  return "...";
}
