/**
 * The operation table of `client.ts`: per operation its method, its path split once into literal text
 * and parameters, each parameter's serializer, its media types, the kind of each response and its
 * security alternatives; plus the default server and the security schemes. The runtime interprets it;
 * every string from the spec is a literal here, never code.
 *
 * The client's operations are each a constant of `src/operations.js` (the package's `./operations`), so
 * that a bundler keeps only those an app names; `src/client-table.js` gathers them into the full table.
 * The webhook sender's table is written whole.
 */
import { code, ident, join, key, str, type Code } from "../../codegen/code.js";
import type { ApiIR, MediaIR, OperationIR, PaginationIR, ParameterIR, ServerIR } from "../../ir/types.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { schemeUse } from "./security.js";
import { runtimeResponseKind, querystringKind, requestBodyKind, requestMedia, responseMedia, isSuccess } from "./media-kinds.js";
import { querystringMedia, sentMediaType } from "../../ir/media.js";
import { serializerOf, wireName } from "./param-styles.js";
import { formEncodingTable } from "./form-encodings.js";
import { webhookSchemes } from "../../ir/security.js";
import { sentByApi } from "../../ir/sent.js";
import { headerReads, headersEntry, type HeaderRead } from "../response-headers.js";

const I1 = code`  `;
const I2 = code`    `;
const I3 = code`      `;

/**
 * The client runtime's namespace in `operations.js`: method names are made of letters, digits and `_`
 * (names/case.ts), so no operation's constant can shadow it.
 */
export const OPERATIONS_RUNTIME = "$runtime";

/** The runtime's namespace where a table is written: `runtime` in client-table.js. */
type Runtime = typeof OPERATIONS_RUNTIME | "runtime";

function param(p: ParameterIR, rt: Runtime): Code {
  const encoder = p.in === "query" && p.allowReserved ? code`, ${ident(rt)}.encodeReserved` : code``;
  return code`[${p.name}, ${wireName(p)}, ${ident(rt)}.${ident(serializerOf(p))}${encoder}]`;
}

function path(op: OperationIR, rt: Runtime): Code {
  const parts: Code[] = [];
  let last = 0;
  for (const m of op.path.matchAll(/\{([^}]+)\}/g)) {
    const literalText = op.path.slice(last, m.index);
    if (literalText) parts.push(code`${pathText(literalText)}`);
    const p = op.parameters.path.find((x) => x.name === m[1]);
    // The IR has reported an undeclared path parameter as an error already; keep the braces as text.
    parts.push(p ? param(p, rt) : code`${pathText(m[0])}`);
    last = m.index + m[0].length;
  }
  const rest = op.path.slice(last);
  if (rest) parts.push(code`${pathText(rest)}`);
  if (parts.length === 1 && !op.parameters.path.length) return code`${pathText(op.path)}`;
  return code`[${join(parts, ", ")}]`;
}

/** Literal path text: `?` and `#` would end the path, so they are percent-encoded. */
function pathText(text: string): string {
  return text.replace(/[?#]/g, encodeURIComponent);
}

function paramList(list: readonly ParameterIR[], rt: Runtime): Code {
  return code`[${join(list.map((p) => param(p, rt)), ", ")}]`;
}

/** `["data", "customers"]`: a list of string literals (also a tuple type). */
export function stringList(list: readonly string[]): Code {
  return code`[${join(list.map(str), ", ")}]`;
}

/** The runtime's `Pagination` (templates/client/runtime.ts.hbs); page numbers, the first kind, carry no `kind`. */
function pagination(g: PaginationIR): Code {
  const optional: Array<readonly [string, string[] | undefined]> = [];
  let fields: Code[];
  if (g.kind === "page") {
    fields = [code`in: ${g.page.in}`, code`name: ${g.page.name}`, code`first: ${g.firstPage}`, code`items: ${stringList(g.items)}`];
    optional.push(["current", g.currentPage], ["total", g.totalPages], ["next", g.nextPage], ["hasNext", g.hasNextPage]);
  } else if (g.kind === "link") {
    fields = [code`kind: ${g.kind}`, code`items: ${stringList(g.items)}`];
  } else if (g.kind === "offset") {
    fields = [code`kind: ${g.kind}`, code`in: ${g.offset.in}`, code`name: ${g.offset.name}`, code`first: 0`, code`items: ${stringList(g.items)}`];
    if (g.size) fields.push(code`size: ${stringList([g.size.in, g.size.name])}`);
    optional.push(["total", g.total]);
  } else {
    fields = [code`kind: ${g.kind}`, code`in: ${g.cursor.in}`, code`name: ${g.cursor.name}`, code`first: null`, code`items: ${stringList(g.items)}`];
    optional.push(["next", g.nextCursor], ["item", g.itemCursor], ["hasNext", g.hasNextPage]);
  }
  for (const [name, pointer] of optional) if (pointer) fields.push(code`${key(name)}: ${stringList(pointer)}`);
  return code`{ ${join(fields, ", ")} }`;
}

/** The fields of one operation's entry; `root`, the spec's first server, resolves a relative server of its own. */
function entryFields(document: JsonObject, op: OperationIR, rt: Runtime, root?: ServerIR): Code[] {
  // a webhook or callback is sent to the subscriber's URL as it is: no path of its own
  const fields: Code[] = [code`method: ${op.httpMethod}`, code`path: ${sentByApi(op) ? "" : path(op, rt)}`];
  if (op.parameters.query.length) fields.push(code`query: ${paramList(op.parameters.query, rt)}`);
  if (op.parameters.header.length) fields.push(code`headers: ${paramList(op.parameters.header, rt)}`);
  if (op.parameters.cookie.length) fields.push(code`cookies: ${paramList(op.parameters.cookie, rt)}`);
  if (op.querystring) fields.push(code`querystring: ${bodyMedia(document, querystringMedia(op.querystring), true)}`);
  const bodies = requestMedia(op.requestBody?.content ?? []);
  if (bodies.length) fields.push(code`body: [${join(bodies.map((m) => bodyMedia(document, m)), ", ")}]`);
  const accept = acceptOf(op);
  if (accept) fields.push(code`accept: ${accept}`);
  fields.push(code`responses: { ${join(op.responses.map((r) => code`${key(r.status)}: ${runtimeResponseKind(document, r)}`), ", ")} }`);
  const heads = successHeaders(document, op);
  if (heads.length) fields.push(code`responseHeaders: { ${join(heads.map(([status, reads]) => code`${key(status)}: ${headersEntry(reads)}`), ", ")} }`);
  const alternatives = op.security.map((req) => Object.keys(req));
  if (alternatives.some((a) => a.length)) fields.push(code`security: [${join(alternatives.map(stringList), ", ")}]`);
  if (op.pagination) fields.push(code`pagination: ${pagination(op.pagination)}`);
  if (op.servers) fields.push(code`server: ${operationServer(root, op.servers[0]!)}`);
  return fields;
}

/** What `withResponse()` reads of each 2xx's documented headers (the statuses that document some). */
function successHeaders(document: JsonObject, op: OperationIR): (readonly [status: string, reads: HeaderRead[]])[] {
  return op.responses.filter((r) => isSuccess(r.status)).map((r) => [r.status, headerReads(document, r)] as const).filter(([, reads]) => reads.length);
}

/** Whether the client (or its webhook sender) reads a documented header of a 2xx: the runtime's reader is left out of packages that do not. */
export function readsHeaders(ir: ApiIR): boolean {
  return [...ir.operations, ...ir.webhooks].some((op) => successHeaders(ir.document, op).length);
}

/** `src/operations.js`'s constant of one operation: `{\n  method: "GET",\n  ...\n}`. */
export function operationEntry(document: JsonObject, op: OperationIR, root: ServerIR | undefined): Code {
  return code`{\n${join(entryFields(document, op, OPERATIONS_RUNTIME, root).map((f) => code`${I1}${f},`))}\n}`;
}

/** `[mediaType, kind]`, and for a form whose encoding says how some fields are sent, those fields' styles. */
function bodyMedia(document: JsonObject, m: MediaIR, querystring = false): Code {
  // a query string is no multipart body, nor bytes: any media type but JSON and forms is sent as text
  const kind = querystring ? querystringKind(document, m) : requestBodyKind(document, m);
  const styles = kind === "form" || kind === "multipart" ? formEncodingTable(document, m, kind === "multipart") : undefined;
  // a media range read as JSON or text is sent as the type it is (`*\/*` names none)
  const type = querystring ? m.mediaType : sentMediaType(m);
  return styles ? code`[${type}, ${kind}, ${styles}]` : code`[${type}, ${kind}]`;
}

/** The `Accept` header: the media types the client reads, successes first. */
function acceptOf(op: OperationIR): string {
  const ordered = [...op.responses.filter((r) => isSuccess(r.status)), ...op.responses.filter((r) => !isSuccess(r.status))];
  const types = ordered.map((r) => responseMedia(r)?.mediaType).filter((t): t is string => t !== undefined);
  return [...new Set(types)].join(", ");
}

/**
 * An operation's own server as the runtime takes it: its URL template and its variables' defaults (the
 * client's `serverVariables` win at call time). A relative URL is resolved against the spec's first server
 * where that one is absolute (`/files` beside `https://api.example.com/v1` is `https://api.example.com/files`),
 * whose variables' defaults then come along: outside a browser a relative URL names no host.
 */
function operationServer(root: ServerIR | undefined, server: ServerIR): Code {
  const defaults = (s: ServerIR) => Object.fromEntries(Object.entries(s.variables).map(([k, v]) => [k, v.default]));
  const origin = root && /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i.exec(root.url)?.[0];
  if (!root || !origin || /^[a-z][a-z\d+.-]*:/i.test(server.url)) return code`[${server.url}, ${literalObject(defaults(server))}]`;
  const url = server.url.startsWith("//")
    ? origin.slice(0, origin.indexOf("//")) + server.url
    : server.url.startsWith("/")
      ? origin + server.url
      : (root.url.length > origin.length ? root.url.replace(/[^/]*$/, "") : `${origin}/`) + server.url;
  return code`[${url}, ${literalObject({ ...defaults(root), ...defaults(server) })}]`;
}

/** Whether an operation has a server of its own: the runtime's choice of it is left out of packages without. */
export function hasOperationServers(ir: ApiIR): boolean {
  return ir.operations.some((op) => op.servers);
}

/** The first server's URL template and its variables' defaults (`""`, relative, without servers). */
export function defaultServer(ir: ApiIR): { url: string; variables: Record<string, string> } {
  const server = ir.servers[0];
  if (!server) return { url: "", variables: {} };
  return { url: server.url, variables: Object.fromEntries(Object.entries(server.variables).map(([k, v]) => [k, v.default])) };
}

/** The fields every table has: the default server (none for the sender: each is made for a subscriber's URL), its variables, the security schemes. */
function baseLines(ir: ApiIR, webhooks: boolean): Code[] {
  const server = webhooks ? { url: "", variables: {} } : defaultServer(ir);
  const named = webhooks ? webhookSchemes(ir) : undefined;
  const schemes = Object.entries(ir.securitySchemes)
    .filter(([name]) => !named || named.has(name))
    .map(([name, scheme]) => [name, isObject(scheme) ? schemeUse(scheme)?.tuple : undefined] as const)
    .filter((e): e is readonly [string, Code] => e[1] !== undefined);
  return [
    code`${I1}server: ${server.url},`,
    code`${I1}variables: ${literalObject(server.variables)},`,
    code`${I1}schemes: ${schemes.length ? code`{ ${join(schemes.map(([name, tuple]) => code`${key(name)}: ${tuple}`), ", ")} }` : code`{}`},`,
  ];
}

/**
 * The client's table: `base` (server, variables, schemes) and the whole `spec`, the same fields and every
 * operation of `operations.js` (imported as `operations`). `spec` repeats `base`'s fields as literals: esbuild
 * keeps an object built with a spread (`...base`) or member reads even when nothing uses it, and with it
 * every entry of the table.
 */
export function clientTable(ir: ApiIR): { base: Code; spec: Code } {
  const entries = ir.operations.map((op) => code`${I2}${key(op.names.method)}: operations.${ident(op.names.method)},`);
  const lines = baseLines(ir, false);
  return {
    base: code`{\n${join(lines)}\n}`,
    spec: code`{\n${join([...lines, code`${I1}operations: ${entries.length ? code`{\n${join(entries)}\n${I1}}` : code`{}`},`])}\n}`,
  };
}

/** The webhook sender's table, whole: the sender is made for a subscriber, one table for all its webhooks. */
export function webhookTable(ir: ApiIR): Code {
  const lines: Code[] = [
    ...baseLines(ir, true),
    code`${I1}operations: {`,
    ...ir.webhooks.map((op) => code`${I2}${key(op.names.method)}: {\n${join(entryFields(ir.document, op, "runtime").map((f) => code`${I3}${f},`))}\n${I2}},`),
    code`${I1}},`,
    // a subscriber's URL may hold its secret (Slack-style): errors keep only its origin
    code`${I1}hideUrl: true,`,
  ];
  return code`{\n${join(lines)}\n}`;
}

function literalObject(record: Record<string, string>): Code {
  const entries = Object.entries(record);
  return entries.length ? code`{ ${join(entries.map(([k, v]) => code`${key(k)}: ${v}`), ", ")} }` : code`{}`;
}
