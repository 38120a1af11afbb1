/**
 * The mock's data: per operation and documented status, the spec's named examples and, where a response
 * has none, a value synthesized from its schema. Emitted as literals; the runtime picks one per request
 * (`Prefer: code=404`, `Prefer: example=NAME`).
 */
import { code, join, key, literal, type Code } from "../../codegen/code.js";
import type { ApiIR, MediaIR, OperationIR, ResponseIR } from "../../ir/types.js";
import { isObject } from "../../openapi/kinds.js";
import { headerText } from "../../ir/media.js";
import { documentedHeaders, TOKEN } from "../response-headers.js";
import { mediaKind, responseKind, responseMediaTypes } from "../client/media-kinds.js";
import { deref, synthesize } from "../../openapi/sample-value.js";

/**
 * A JSON value as code. In an object literal even a quoted `"__proto__"` key sets the prototype, so `literal`
 * emits a value holding such a key as `JSON.parse("...")`, which makes it an own property, as on the wire.
 */
function value(v: unknown): Code {
  return literal(v ?? null);
}

/** Headers the mock leaves to the transport: they frame the body it sends, whatever the spec says. */
const FRAMING = new Set(["content-length", "content-encoding", "transfer-encoding", "connection"]);
/** What a header value may hold (RFC 9110 §5.5), as the runtime checks a reply's. */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Values for a response's documented headers (its `example`, else one made from its schema, as `style:
 * simple` writes it), the optional ones too, as Prism sends them; a required one always, so a mock answer
 * passes response validation, an optional one where HTTP can carry it and it does not frame the body.
 * `undefined` when it has none.
 */
function headerValues(ir: ApiIR, r: ResponseIR): Code | undefined {
  const seen = new Set<string>();
  const entries = documentedHeaders(ir.document, r).flatMap(([written, header]) => {
    const name = written.toLowerCase();
    if (seen.has(name)) return [];
    seen.add(name);
    // a `content` header: its one media type's example and schema
    const [contentType, media] = isObject(header.content) ? (Object.entries(header.content)[0] ?? []) : [];
    const holder = isObject(media) ? media : header;
    // its first example (loading turned an `example` into `examples.default`), else one made from its schema
    const first = isObject(holder.examples) ? deref(ir.document, Object.values(holder.examples)[0]) : undefined;
    const sample = isObject(first) && "value" in first ? first.value : synthesize(ir.document, isObject(holder.schema) ? holder.schema : {});
    const text = headerText(sample, { contentType, explode: header.explode === true });
    if (header.required !== true && (!TOKEN.test(name) || FRAMING.has(name) || sample === null || sample === undefined || text === "" || !FIELD_VALUE.test(text))) return [];
    return [code`${key(name)}: ${literal(text)}`];
  });
  return entries.length ? code`{ ${join(entries, ", ")} }` : undefined;
}

function responses(ir: ApiIR, op: OperationIR): Code {
  const entries = op.responses.map((r) => {
    const headers = headerValues(ir, r);
    if (responseKind(r) === "none") return code`[${r.status}, {}${headers ? code`, undefined, ${headers}` : code``}]`;
    const [preferred, ...others] = responseMediaTypes(r);
    // text and bytes are sent as a string: no data made from a schema that says nothing of them (`application/*: {}`)
    const kind = mediaKind(preferred);
    const { examples, synthesized } = mediaData(ir, preferred!, (v, made) => !made || kind === "json" || kind === "events" || typeof v === "string");
    const sendable = others.flatMap((m) => {
      const data = sendableData(ir, m);
      return data ? [code`[${m.mediaType}, ${data.examples}${data.synthesized ? code`, ${data.synthesized}` : code``}]`] : [];
    });
    // no synthesized body where the examples decide it, unless headers or other media types follow
    const tail: Code[] = [];
    if (synthesized || headers || sendable.length) tail.push(synthesized ?? code`undefined`);
    if (headers || sendable.length) tail.push(headers ?? code`undefined`);
    if (sendable.length) tail.push(code`[${join(sendable, ", ")}]`);
    return code`[${join([code`${r.status}`, examples, ...tail], ", ")}]`;
  });
  return code`[${join(entries, ", ")}]`;
}

/** A media type's named examples, and where it has none, data synthesized from its schema. */
function mediaData(ir: ApiIR, media: MediaIR, only: (v: unknown, made?: boolean) => boolean = () => true): { examples: Code; synthesized?: Code } {
  // an event stream's example is one event's data: the mock sends it as the one event of the stream
  const body = mediaKind(media) === "events" ? (v: unknown) => value([{ data: v }]) : value;
  const names = Object.keys(media.examples).filter((name) => only(media.examples[name]));
  const examples = names.length ? code`{ ${join(names.map((name) => code`${key(name)}: ${body(media.examples[name])}`), ", ")} }` : code`{}`;
  if (names.length) return { examples };
  const made = synthesize(ir.document, media.schema ?? {});
  return only(made, true) ? { examples, synthesized: body(made) } : { examples };
}

/**
 * What the mock can send in a status's other media type: JSON any example or data; text or bytes only text
 * (an object cannot be written as XML or CSV here); an event stream never. `undefined`: nothing.
 */
function sendableData(ir: ApiIR, media: MediaIR): { examples: Code; synthesized?: Code } | undefined {
  const kind = mediaKind(media);
  if (kind === "events" || kind === "none") return undefined;
  const data = mediaData(ir, media, kind === "json" ? () => true : (v) => typeof v === "string");
  return data.synthesized || data.examples.text !== "{}" ? data : undefined;
}

export function mockTable(ir: ApiIR): Code {
  const lines = ir.operations.map((op) => code`  ${key(op.names.method)}: ${responses(ir, op)},`);
  return lines.length ? code`{\n${join(lines)}\n}` : code`{}`;
}
