/**
 * The mock's data: per operation and documented status, the spec's named examples and, where a response
 * has none, a value synthesized from its schema. Emitted as literals; the runtime picks one per request
 * (`Prefer: code=404`, `Prefer: example=NAME`).
 */
import { code, join, key, literal, type Code } from "../../codegen/code.js";
import type { ApiIR, OperationIR, ResponseIR } from "../../ir/types.js";
import { isObject } from "../../openapi/kinds.js";
import { requiredHeaders } from "./handler-types.js";
import { preferredMedia } from "../../ir/media.js";
import { responseKind } from "../client/media-kinds.js";
import { synthesize } from "../../openapi/sample-value.js";

/**
 * A JSON value as code. In an object literal even a quoted `"__proto__"` key sets the prototype, so a value
 * holding such a key is emitted as `JSON.parse("...")`, which makes it an own property, as on the wire.
 */
function value(v: unknown): Code {
  const text = JSON.stringify(v ?? null);
  return text.includes('"__proto__"') ? code`JSON.parse(${text})` : literal(v ?? null);
}

/**
 * Values for a response's required headers (its `example`, else one made from its schema, as text), so a
 * mock answer passes response validation; `undefined` when it has none.
 */
function headerValues(ir: ApiIR, r: ResponseIR): Code | undefined {
  const entries = requiredHeaders(ir.document, r).map(([name, header]) => {
    const sample = header.example !== undefined ? header.example : synthesize(ir.document, isObject(header.schema) ? header.schema : {});
    return code`${key(name)}: ${literal(typeof sample === "string" ? sample : JSON.stringify(sample ?? ""))}`;
  });
  return entries.length ? code`{ ${join(entries, ", ")} }` : undefined;
}

function responses(ir: ApiIR, op: OperationIR): Code {
  const entries = op.responses.map((r) => {
    const headers = headerValues(ir, r);
    // no synthesized body where the examples or the lack of content decide it, unless headers follow
    const tail = headers ? code`, undefined, ${headers}` : code``;
    if (responseKind(r) === "none") return code`[${r.status}, {}${tail}]`;
    const media = preferredMedia(r.content);
    const examples = media?.examples ?? {};
    // an event stream's example is one event's data: the mock sends it as the one event of the stream
    const body = responseKind(r) === "events" ? (v: unknown) => value([{ data: v }]) : value;
    const named = Object.keys(examples).map((name) => code`${key(name)}: ${body(examples[name])}`);
    if (named.length) return code`[${r.status}, { ${join(named, ", ")} }${tail}]`;
    return code`[${r.status}, {}, ${body(synthesize(ir.document, media?.schema ?? {}))}${headers ? code`, ${headers}` : code``}]`;
  });
  return code`[${join(entries, ", ")}]`;
}

export function mockTable(ir: ApiIR): Code {
  const lines = ir.operations.map((op) => code`  ${key(op.names.method)}: ${responses(ir, op)},`);
  return lines.length ? code`{\n${join(lines)}\n}` : code`{}`;
}
