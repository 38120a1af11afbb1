/**
 * The mock's data: per operation and documented status, the spec's named examples and, where a response
 * has none, a value synthesized from its schema. Emitted as literals; the runtime picks one per request
 * (`Prefer: code=404`, `Prefer: example=NAME`).
 */
import { code, join, key, literal, type Code } from "../../codegen/code.js";
import type { ApiIR, OperationIR } from "../../ir/types.js";
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

function responses(ir: ApiIR, op: OperationIR): Code {
  const entries = op.responses.map((r) => {
    if (responseKind(r) === "none") return code`[${r.status}, {}]`;
    const media = preferredMedia(r.content);
    const examples = media?.examples ?? {};
    const named = Object.keys(examples).map((name) => code`${key(name)}: ${value(examples[name])}`);
    const exampleCode = named.length ? code`{ ${join(named, ", ")} }` : code`{}`;
    if (named.length) return code`[${r.status}, ${exampleCode}]`;
    return code`[${r.status}, {}, ${value(synthesize(ir.document, media?.schema ?? {}))}]`;
  });
  return code`[${join(entries, ", ")}]`;
}

export function mockTable(ir: ApiIR): Code {
  const lines = ir.operations.map((op) => code`  ${key(op.names.method)}: ${responses(ir, op)},`);
  return lines.length ? code`{\n${join(lines)}\n}` : code`{}`;
}
