/**
 * Per operation: its input type (`path`, `query`, `headers`, `cookies`, `body`: only those it has, the
 * required ones required), the type of its result, and the type of its method on the client (with
 * `pages`/`items` when it is paged), documented from the spec's summary and description.
 */
import { code, ident, join, key, type Code } from "../../codegen/code.js";
import type { ApiIR, OperationIR, PaginationIR, ParameterIR } from "../../ir/types.js";
import { sentByApi, sentLabel } from "../../ir/sent.js";
import { requestBodyType, responseBodyType, typesRef } from "./body-types.js";
import { isSuccess, requestMedia, responseKind } from "./media-kinds.js";
import { stringList } from "./operations-table.js";
import { jsonContent, sentMediaType } from "../../ir/media.js";
import type { JsonObject } from "../../openapi/kinds.js";
import { statusType, type StatusSpelling } from "../status-types.js";
import { headerReads, headersType } from "../response-headers.js";

const I1 = code`  `;

export function inputType(ir: ApiIR, op: OperationIR): Code {
  const members: Code[] = [];
  const params: Array<[string, string | undefined, readonly ParameterIR[]]> = [
    ["path", op.names.pathParams, op.parameters.path],
    ["query", op.names.queryParams, op.parameters.query],
    ["headers", op.names.headerParams, op.parameters.header],
    ["cookies", op.names.cookieParams, op.parameters.cookie],
  ];
  for (const [member, alias, list] of params) {
    if (alias && list.length) members.push(code`${I1}${key(member)}${optional(list.some((p) => p.required))}: ${paramsType(ir, alias, list)};`);
  }
  if (op.names.querystring && op.querystring) members.push(code`${I1}querystring${optional(op.querystring.required)}: ${typesRef(op.names.querystring)};`);
  const bodies = requestMedia(op.requestBody?.content ?? []);
  const bodyRequired = op.requestBody?.required === true;
  if (bodies.length === 1) members.push(code`${I1}body${optional(bodyRequired)}: ${requestBodyType(op, bodies[0]!)};`);
  const object = members.length ? code`{\n${join(members)}\n}` : undefined;
  if (bodies.length < 2) return object ?? code`Record<string, never>`;
  const variants = bodies.map((m, i) => code`${I1}| { body${optional(bodyRequired)}: ${requestBodyType(op, m)}; contentType${optional(i > 0)}: ${sentMediaType(m)} }`);
  const union = code`(\n${join(variants)}\n)`;
  return object ? code`${object} & ${union}` : union;
}

/**
 * The types target's parameter alias, except for JSON `content` parameters, which openapi-typescript types as
 * `string` although the client sends them as JSON of their schema: those get the schema's named type
 * (when it is a component) or `unknown`.
 */
function paramsType(ir: ApiIR, alias: string, list: readonly ParameterIR[]): Code {
  const content = list.filter(jsonContent);
  if (!content.length) return typesRef(alias);
  const members = content.map((p) => code`${key(p.name)}${optional(p.required)}: ${schemaType(ir, p.schema)}`);
  return code`runtime.WithContent<${typesRef(alias)}, { ${join(members, "; ")} }>`;
}

function schemaType(ir: ApiIR, schema: ParameterIR["schema"]): Code {
  const ref = typeof schema === "object" && Object.keys(schema).length === 1 && typeof schema.$ref === "string" ? schema.$ref : undefined;
  const named = ref && ir.schemas.find((s) => `#${s.pointer}` === ref);
  // a parameter is sent: a component with readOnly/writeOnly properties as its request twin
  return named ? typesRef(named.writableName ?? named.typeName) : code`unknown`;
}

function optional(required: boolean): Code {
  return required ? code`` : code`?`;
}

export function inputDoc(op: OperationIR): string {
  return `Input of \`${op.names.method}\` (${request(op)}).`;
}

/** `` `GET /pets` ``, or for a webhook `` webhook `newPet`, `POST` to the subscriber's URL `` (a callback's: the URL its expression gives). */
function request(op: OperationIR): string {
  if (!sentByApi(op)) return `\`${op.httpMethod} ${op.path}\``;
  return `${sentLabel(op)}, \`${op.httpMethod}\` to ${op.callback ? `the URL \`${op.callback.expression}\` gives` : "the subscriber's URL"}`;
}

/** The body of a 2xx response: the types target's success alias when the runtime returns what it says. */
export function successType(op: OperationIR): Code {
  const successes = op.responses.filter((r) => isSuccess(r.status));
  if (!successes.length) return code`unknown`;
  if (op.names.response && successes.every((r) => ["json", "none"].includes(responseKind(r)))) return typesRef(op.names.response);
  const members = successes.map((r) => responseBodyType(op, r));
  return join([...new Map(members.map((m) => [m.text, m])).values()], " | ");
}

/** A 2xx range stands for the codes of its class that no exact code documents. */
const SUCCESS_STATUS: StatusSpelling = { range: (digit) => code`runtime.StatusOf<${digit}>`, all: code`runtime.StatusOf<2>` };

/**
 * The members of `withResponse()`'s result (the runtime's `WithResponse`): the status alone when the
 * operation documents one 2xx without headers (its body is the result type), else a union of `[status,
 * body, headers]`; `undefined` when it documents no 2xx (the runtime's default: any 2xx, its body unknown).
 * Written only where it says more than that default, as it costs a consumer's compiler per operation.
 */
export function answersType(document: JsonObject, op: OperationIR): Code | undefined {
  const successes = op.responses.filter((r) => isSuccess(r.status));
  const statuses = successes.map((r) => r.status);
  const members = successes.map((r) => ({ status: statusType(r.status, statuses, SUCCESS_STATUS), body: responseBodyType(op, r), headers: headersType(headerReads(document, r)) }));
  if (members.length === 1 && !members[0]!.headers) return members[0]!.status;
  return members.length ? join(members.map((m) => code`[${m.status}, ${m.body}, ${m.headers ?? code`{}`}]`), " | ") : undefined;
}

export function methodType(document: JsonObject, op: OperationIR): Code {
  const input = ident(op.names.input);
  const error = ident(op.names.error);
  const result = successType(op);
  const answers = answersType(document, op);
  const last = answers ? code`, ${answers}` : code``;
  if (!op.pagination) return code`runtime.OperationMethod<${input}, ${result}, ${error}${last}>`;
  const g = op.pagination;
  if (g.kind === "link") return code`runtime.LinkPagedOperationMethod<${input}, ${result}, ${error}, runtime.ItemOf<runtime.At<${result}, ${stringList(g.items)}>>${last}>`;
  return code`runtime.PagedOperationMethod<${input}, ${result}, ${error}, ${pageInputType(g, input)}, runtime.ItemOf<runtime.At<${result}, ${stringList(g.items)}>>${last}>`;
}

/** The input of a paged operation's `.pages()`/`.items()` and infinite query: its page field (or cursor) optional. */
export function pageInputType(g: PaginationIR, input: Code): Code {
  // the Link header carries the next page: the input is the first page's as it is
  if (g.kind === "link") return input;
  const field = g.kind === "page" ? g.page : g.kind === "offset" ? g.offset : g.cursor;
  return code`runtime.PageInput<${input}, ${field.in === "query" ? "query" : "body"}, ${field.name}>`;
}

const PAGED_DOC: Record<PaginationIR["kind"], string> = {
  page: "Paged: `.pages(input)` and `.items(input)` iterate from the input's page (or the first) to the last.",
  cursor: "Paged by cursor: `.pages(input)` and `.items(input)` iterate from the input's cursor (or the start) to the last page.",
  link: "Paged by the `Link` header: `.pages(input)` and `.items(input)` follow its `rel=\"next\"` URL from the input's page to the last; `.page(input, { next })` asks for one page.",
  offset: "Paged by offset: `.pages(input)` and `.items(input)` iterate from the input's offset (or 0) to the last page.",
};

export function methodDoc(op: OperationIR): string {
  const parts = [op.summary, op.description, request(op)].filter((p): p is string => !!p);
  if (op.pagination) parts.push(PAGED_DOC[op.pagination.kind]);
  if (op.deprecated) parts.push("@deprecated");
  return parts.join("\n\n");
}
