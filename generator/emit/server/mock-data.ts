/**
 * The mock's data: per operation and documented status, the spec's named examples and, where a response
 * has none, a value synthesized from its schema. Emitted as literals; the runtime picks one per request
 * (`Prefer: code=404`, `Prefer: example=NAME`).
 */
import { code, join, key, literal, type Code } from "../../codegen/code.js";
import type { ApiIR, OperationIR } from "../../ir/types.js";
import { preferredMedia } from "../../ir/media.js";
import { responseKind } from "../client/media-kinds.js";
import { synthesize } from "./schema-data.js";

function responses(ir: ApiIR, op: OperationIR): Code {
  const entries = op.responses.map((r) => {
    if (responseKind(r) === "none") return code`[${r.status}, {}]`;
    const media = preferredMedia(r.content);
    const examples = media?.examples ?? {};
    const named = Object.keys(examples).map((name) => code`${key(name)}: ${literal(examples[name] ?? null)}`);
    const exampleCode = named.length ? code`{ ${join(named, ", ")} }` : code`{}`;
    if (named.length) return code`[${r.status}, ${exampleCode}]`;
    return code`[${r.status}, {}, ${literal(synthesize(ir.document, media?.schema ?? {}) ?? null)}]`;
  });
  return code`[${join(entries, ", ")}]`;
}

export function mockTable(ir: ApiIR): Code {
  const lines = ir.operations.map((op) => code`  ${key(op.names.method)}: ${responses(ir, op)},`);
  return lines.length ? code`{\n${join(lines)}\n}` : code`{}`;
}
