/**
 * IR stage: the normalized document turned into operations and schemas an emitter can use without
 * knowing OpenAPI's indirections (path-level parameters merged, `$ref`s to parameters, bodies and
 * responses followed). Names are decided in `names/decide.ts` at the end, in one pass.
 */
import { DiagnosticBag, error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import { isObject, operationsOfItem, type JsonObject } from "../openapi/kinds.js";
import { derefLocal, escapeSegment, pointerFromFragment, resolvePointer } from "../openapi/pointer.js";
import type { SourceMap } from "../bundle/source-map.js";
import { decideNames, methodName } from "../names/decide.js";
import { setOwn } from "../openapi/own.js";
import { impliedLinkPagination, paginationOf } from "./pagination.js";
import { callbackEntries } from "../openapi/callbacks.js";
import { rangeReading } from "./media.js";
import type {
  ApiIR, CallbackIR, MediaIR, OperationIR, ParameterIR, ParameterLocation, QuerystringIR, RequestBodyIR, ResponseIR, SchemaIR,
  SecurityRequirement, ServerIR,
} from "./types.js";

const LOCATIONS: ParameterLocation[] = ["path", "query", "header", "cookie"];
const DEFAULT_STYLE: Record<ParameterLocation, string> = { path: "simple", query: "form", header: "simple", cookie: "form" };

/** `readWrite`: whether the types target gives readOnly/writeOnly components request twins (`types.readWrite`), which the names stage names. */
export function buildIR(
  document: JsonObject,
  sourceVersion: string,
  sources: SourceMap,
  packageName: string,
  remoteSchemas: Record<string, unknown> = {},
  readWrite: "split" | "off" = "split",
): { ir: ApiIR; warnings: Diagnostic[] } {
  const bag = new DiagnosticBag();
  const deref = (value: unknown): { node: JsonObject | undefined; pointer?: string } => {
    let node = value;
    let pointer: string | undefined;
    for (let hops = 0; isObject(node) && typeof node.$ref === "string" && hops < 32; hops++) {
      const fragment = pointerFromFragment(node.$ref.slice(node.$ref.indexOf("#") + 1)) ?? "";
      pointer = fragment;
      node = resolvePointer(document, fragment).value;
    }
    return { node: isObject(node) ? node : undefined, pointer };
  };

  const info = isObject(document.info) ? document.info : {};
  const rootSecurity = Array.isArray(document.security) ? (document.security as SecurityRequirement[]) : [];
  const operations: Omit<OperationIR, "names">[] = [];
  const webhooks: Omit<OperationIR, "names">[] = [];
  const paths = isObject(document.paths) ? document.paths : {};
  // shared parameters and responses are reported once, where they are written
  const said = new Set<string>();

  // callbacks met under `paths`, read after the webhooks
  const callbackSites: { owner: CallbackIR["owners"][number]; routeId: string; callbacks: JsonObject; pointer: string }[] = [];
  // the receiver's routes taken, `METHOD /route`
  const taken = new Set<string>();

  // One path item's operations: under `paths` (`sent` undefined), or requests the API sends: a webhook (its
  // key) or a callback, each served by the receiver at the first of `routes` free for its method. `named`
  // false: the item's operationIds already name another callback (one path item under two names or URLs).
  const itemOperations = (item: JsonObject, itemPointer: string, path: string, sent?: { webhook?: string; callback?: CallbackIR; routes: string[][]; named?: boolean }) => {
    const webhook = sent?.webhook;
    const shared = parametersOf(item.parameters, `${itemPointer}/parameters`, deref);
    const all = operationsOfItem(item);
    for (const { method, httpMethod, segments, operation: op } of all) {
      const pointer = `${itemPointer}${segments.map((s) => `/${escapeSegment(s)}`).join("")}`;
      const own = parametersOf(op.parameters, `${pointer}/parameters`, deref);
      const merged = new Map<string, ParameterIR>();
      for (const p of [...shared, ...own]) merged.set(`${p.in}:${p.name}`, p);
      const parameters: Record<ParameterLocation, ParameterIR[]> = { path: [], query: [], header: [], cookie: [] };
      for (const p of merged.values()) {
        if (p.in === "header" && IGNORED_HEADERS.has(p.name.toLowerCase())) ignoredHeader(p, bag, sources, said);
        // a webhook's or callback's URL is the receiver's: it has no path template to fill
        else if (sent && p.in === "path") sentPathParameter(p, sent, bag, sources, said);
        else parameters[p.in].push(p);
      }

      const declared = new Set(parameters.path.map((p) => p.name));
      for (const m of sent ? [] : path.matchAll(/\{([^}]+)\}/g)) {
        if (declared.has(m[1]!)) continue;
        const query = path.indexOf("?");
        const help = query >= 0 && m.index! > query
          ? `it stands in a query string, which a path does not hold: remove '${path.slice(query)}' from the path and declare its parameters with \`in: query\``
          : "add it to the operation's parameters with `in: path` and `required: true`";
        bag.add(error("check/path-parameter-undeclared", `path parameter '{${m[1]}}' of '${httpMethod} ${path}' is not declared`, sources.locate(pointer), help));
      }

      if (segments.length > 1) methodUnknownToNode(httpMethod, pointer, bag, sources);
      const requestBody = bodyless(method, requestBodyOf(op.requestBody, `${pointer}/requestBody`, deref, document), `${pointer}/requestBody`, bag, sources);
      const responses = responsesOf(op.responses, `${pointer}/responses`, deref, document);
      dropNullBodies(method, responses, bag, sources, said);
      const explicitId = sent?.named !== false && typeof op.operationId === "string" && op.operationId !== "";
      const derivedId = sent?.callback
        ? deriveCallbackId(sent.callback, method, all.length)
        : webhook === undefined ? deriveOperationId(method, path) : deriveWebhookId(webhook, method, all.length);
      const route = sent && freeRoute(sent.routes, httpMethod, taken);
      const operationId = explicitId ? (op.operationId as string) : derivedId;
      if (sent && isObject(op.callbacks)) sentCallbacks(op.callbacks, what(sent), `${pointer}/callbacks`, bag, sources, said);
      if (!sent && isObject(op.callbacks)) callbackSites.push({ owner: { operationId, httpMethod, path, segments }, routeId: explicitId ? operationId : methodName(operationId), callbacks: op.callbacks, pointer: `${pointer}/callbacks` });
      (sent ? webhooks : operations).push({
        operationId,
        explicitId,
        method,
        httpMethod,
        segments,
        path: route ? `/${route.map(encodeURIComponent).join("/")}` : path,
        pointer,
        ...(webhook === undefined ? {} : { webhook }),
        ...(sent?.callback ? { callback: sent.callback } : {}),
        ...(route ? { route } : {}),
        summary: stringOrUndefined(op.summary),
        description: stringOrUndefined(op.description),
        tags: Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === "string") : [],
        deprecated: op.deprecated === true,
        parameters,
        querystring: querystringOf([[item.parameters, `${itemPointer}/parameters`], [op.parameters, `${pointer}/parameters`]], deref),
        requestBody,
        responses,
        ...(sent ? {} : ownServers(op, item)),
        // The document's `security` is how clients call the API; a webhook or callback, sent by the API, has only its own.
        security: Array.isArray(op.security) ? (op.security as SecurityRequirement[]) : sent ? [] : rootSecurity,
        pagination: sent ? undefined : op["x-pagination"] === undefined ? impliedLinkPagination({ httpMethod, responses }, deref) : paginationOf(op["x-pagination"], { httpMethod, path, pointer, parameters, requestBody, responses }, bag, sources),
      });
    }
  };
  for (const path of Object.keys(paths)) {
    if (path.startsWith("x-")) continue;
    const item = deref(paths[path]).node;
    if (item) itemOperations(item, `/paths/${escapeSegment(path)}`, path);
  }
  // Webhooks: served by `createWebhookHandler` at `/<key>` (percent-encoded), under the receiver's base path.
  const webhookMap = isObject(document.webhooks) ? document.webhooks : {};
  // path items whose operationIds name a webhook or callback already (a callback $ref-ing one is named from its operation)
  const namedItems = new Set<JsonObject>();
  for (const name of Object.keys(webhookMap)) {
    if (name.startsWith("x-")) continue;
    const item = deref(webhookMap[name]).node;
    if (item) namedItems.add(item);
    if (item) itemOperations(item, `/webhooks/${escapeSegment(name)}`, `/${encodeURIComponent(name)}`, { webhook: name, routes: [[name]] });
  }
  // Callbacks: served at `/<name>`, else (taken) `/<operationId>/<name>`. A callback object several operations
  // share (a `components.callbacks` entry) is one callback per URL expression, with several owners; a path
  // item shared under other expressions is not (each URL is read from its own expression).
  const shared = new Map<JsonObject, Map<string, CallbackIR["owners"]>>();
  // (a derived operationId, `post streams`, is in its route as its method's name, `postStreams`)
  for (const { owner, routeId, callbacks, pointer } of callbackSites) {
    for (const { name, expression, callback, item, itemPointer } of callbackEntries(document, callbacks, pointer)) {
      const byExpression = shared.get(callback) ?? new Map<string, CallbackIR["owners"]>();
      shared.set(callback, byExpression);
      const owners = byExpression.get(expression);
      if (owners) {
        owners.push(owner);
        continue;
      }
      byExpression.set(expression, [owner]);
      // a path item's operationIds name the first webhook or callback of it; another is named from its operation
      const named = !namedItems.has(item);
      namedItems.add(item);
      itemOperations(item, itemPointer, "", { callback: { name, expression, owners: byExpression.get(expression)! }, routes: [[name], [routeId, name]], named });
    }
  }

  const components = isObject(document.components) ? document.components : {};
  const schemaMap = isObject(components.schemas) ? components.schemas : {};
  const schemas: Omit<SchemaIR, "typeName">[] = Object.keys(schemaMap).map((key) => {
    const schema = schemaMap[key];
    return {
      key,
      pointer: `/components/schemas/${escapeSegment(key)}`,
      schema: isObject(schema) || typeof schema === "boolean" ? schema : {},
      description: isObject(schema) ? stringOrUndefined(schema.description) ?? stringOrUndefined(schema.title) : undefined,
    };
  });

  const named = decideNames(schemas, operations, webhooks, packageName, bag, sources, document, readWrite);
  bag.throwIfErrors();

  const ir: ApiIR = {
    title: stringOrUndefined(info.title) ?? "API",
    version: stringOrUndefined(info.version) ?? "0.0.0",
    description: stringOrUndefined(info.description),
    sourceVersion,
    servers: serversOf(document.servers),
    securitySchemes: isObject(components.securitySchemes)
      ? Object.fromEntries(Object.entries(components.securitySchemes).map(([k, v]) => [k, deref(v).node ?? {}]))
      : {},
    operations: named.operations,
    webhooks: named.webhooks,
    schemas: named.schemas,
    names: named.names,
    document,
    sources,
    remoteSchemas,
  };
  return { ir, warnings: bag.warnings() };
}

type Deref = (value: unknown) => { node: JsonObject | undefined; pointer?: string };

function parametersOf(list: unknown, pointer: string, deref: Deref): ParameterIR[] {
  if (!Array.isArray(list)) return [];
  const out: ParameterIR[] = [];
  list.forEach((raw, i) => {
    const { node: p, pointer: target } = deref(raw);
    if (!p || typeof p.name !== "string" || !LOCATIONS.includes(p.in as ParameterLocation)) return;
    const location = p.in as ParameterLocation;
    const content = isObject(p.content) ? Object.keys(p.content) : [];
    const contentType = content[0];
    const contentEntry = contentType && isObject(p.content) ? (p.content[contentType] as JsonObject) : undefined;
    const style = typeof p.style === "string" ? p.style : DEFAULT_STYLE[location];
    out.push({
      name: p.name,
      in: location,
      required: location === "path" ? true : p.required === true,
      description: stringOrUndefined(p.description),
      deprecated: p.deprecated === true,
      schema: schemaOf(contentEntry ? contentEntry.schema : p.schema),
      contentType,
      style,
      explode: typeof p.explode === "boolean" ? p.explode : style === "form",
      allowReserved: p.allowReserved === true,
      pointer: target ?? `${pointer}/${i}`,
    });
  });
  return out;
}

/** The operation's `in: querystring` parameter (the check stage made sure there is at most one, with one `content` entry). */
function querystringOf(lists: Array<[unknown, string]>, deref: Deref): QuerystringIR | undefined {
  let found: QuerystringIR | undefined;
  const entries = lists.flatMap(([list, at]) => (Array.isArray(list) ? list.map((raw, i) => [raw, `${at}/${i}`] as const) : []));
  for (const [raw, at] of entries) {
    const { node: p, pointer: target } = deref(raw);
    if (!p || p.in !== "querystring" || typeof p.name !== "string" || !isObject(p.content)) continue;
    const contentType = Object.keys(p.content)[0];
    const entry = contentType === undefined ? undefined : p.content[contentType];
    if (contentType === undefined || !isObject(entry)) continue;
    found = {
      name: p.name,
      required: p.required === true,
      description: stringOrUndefined(p.description),
      deprecated: p.deprecated === true,
      contentType,
      schema: schemaOf(entry.schema),
      encoding: isObject(entry.encoding) ? entry.encoding : undefined,
      pointer: target ?? at,
    };
  }
  return found;
}

function mediaOf(content: unknown, pointer: string, document: JsonObject): MediaIR[] {
  if (!isObject(content)) return [];
  return Object.keys(content).map((mediaType) => {
    const entry = isObject(content[mediaType]) ? (content[mediaType] as JsonObject) : {};
    const examples: Record<string, unknown> = {};
    if (isObject(entry.examples)) {
      // an example may be a `$ref` to components/examples (bundled: local): the mock answers it by name too
      for (const [name, ex] of Object.entries(entry.examples)) {
        const node = derefLocal(document, ex).node;
        if (node && "value" in node) setOwn(examples, name, node.value);
      }
    }
    const schema = schemaOf(entry.schema);
    const range = rangeReading(document, mediaType, schema);
    return {
      mediaType,
      schema,
      ...(range ? { range } : {}),
      examples,
      encoding: isObject(entry.encoding) ? entry.encoding : undefined,
      pointer: `${pointer}/${escapeSegment(mediaType)}`,
    };
  });
}

function requestBodyOf(raw: unknown, pointer: string, deref: Deref, document: JsonObject): RequestBodyIR | undefined {
  const { node, pointer: target } = deref(raw);
  if (!node) return undefined;
  return {
    required: node.required === true,
    description: stringOrUndefined(node.description),
    content: mediaOf(node.content, `${target ?? pointer}/content`, document),
  };
}

function responsesOf(raw: unknown, pointer: string, deref: Deref, document: JsonObject): ResponseIR[] {
  if (!isObject(raw)) return [];
  return Object.keys(raw)
    .filter((status) => !status.startsWith("x-"))
    .map((status) => {
      const { node, pointer: target } = deref(raw[status]);
      const at = target ?? `${pointer}/${escapeSegment(status)}`;
      const headers: Record<string, JsonObject> = {};
      if (node && isObject(node.headers)) {
        for (const [name, h] of Object.entries(node.headers)) {
          const header = deref(h).node;
          if (header) setOwn(headers, name, header);
        }
      }
      return { status, description: stringOrUndefined(node?.description), content: mediaOf(node?.content, `${at}/content`, document), headers, pointer: at };
    });
}

/**
 * Header parameters OpenAPI ignores (3.1, Parameter Object) that the client and server set themselves, by
 * the media types. `Authorization`, also ignored by the letter, is kept: specs without a security scheme
 * pass credentials by it, and nothing else sets it then. `Content-Length` (Azure Monitor's metrics require it)
 * frames the body: fetch writes it from the body it sends (a browser refuses to set it), and a caller's
 * other value left Node's fetch waiting for bytes that never came.
 */
const IGNORED_HEADERS = new Set(["accept", "content-type", "content-length"]);

function sentPathParameter(p: ParameterIR, sent: { webhook?: string; callback?: CallbackIR }, bag: DiagnosticBag, sources: SourceMap, said: Set<string>): void {
  if (said.has(p.pointer)) return;
  said.add(p.pointer);
  const goes = sent.callback ? "a callback goes to the URL its expression gives" : "a webhook goes to the URL its receiver registered";
  bag.add(warning("ir/webhook-path-parameter", `path parameter '${p.name}' of ${what(sent)} is ignored: ${goes}`, sources.locate(p.pointer), "remove the parameter (or make it a header or query parameter)"));
}

/** How messages name a webhook or callback. */
function what(sent: { webhook?: string; callback?: CallbackIR }): string {
  return sent.callback ? `callback '${sent.callback.name}'` : `webhook '${sent.webhook}'`;
}

/** A webhook's or callback's own `callbacks`: requests the API would receive, which nothing here serves. */
function sentCallbacks(callbacks: JsonObject, label: string, pointer: string, bag: DiagnosticBag, sources: SourceMap, said: Set<string>): void {
  if (said.has(pointer) || !Object.keys(callbacks).some((k) => !k.startsWith("x-"))) return;
  said.add(pointer);
  bag.add(warning("ir/sent-callbacks", `callbacks of ${label} are not generated: the API would receive them (only an operation's callbacks under paths are)`, sources.locate(pointer), "describe those requests as operations under paths"));
}

/** The first of `routes` no earlier webhook or callback of the method holds, else the last with a number (`/onEvent/2`). */
function freeRoute(routes: string[][], httpMethod: string, taken: Set<string>): string[] {
  const key = (route: string[]) => `${httpMethod} ${JSON.stringify(route)}`;
  let route = routes.find((r) => !taken.has(key(r)));
  for (let n = 2; !route; n++) if (!taken.has(key([...routes.at(-1)!, String(n)]))) route = [...routes.at(-1)!, String(n)];
  taken.add(key(route));
  return route;
}

function ignoredHeader(p: ParameterIR, bag: DiagnosticBag, sources: SourceMap, said: Set<string>): void {
  if (said.has(p.pointer)) return;
  said.add(p.pointer);
  if (p.name.toLowerCase() === "content-length") {
    bag.add(warning("ir/ignored-header-parameter", `header parameter '${p.name}' is ignored: fetch writes it from the body it sends, and any other value breaks the request`, sources.locate(p.pointer), "remove the parameter: the body's length decides it"));
    return;
  }
  const by = p.name.toLowerCase() === "accept" ? "the responses' media types" : "the request body's media types";
  bag.add(warning("ir/ignored-header-parameter", `header parameter '${p.name}' is ignored, as OpenAPI says: ${by} decide it`, sources.locate(p.pointer), `remove the parameter and describe it by ${by}`));
}

/**
 * A request body documented for GET or HEAD (Stripe's empty form on every GET): fetch refuses to send one
 * ("Request with GET/HEAD method cannot have body"), so every call of the client failed before it left.
 * OpenAPI 3.0 says consumers ignore it, 3.1 that it has no defined semantics: it is ignored, with a warning.
 */
function bodyless(method: string, body: RequestBodyIR | undefined, pointer: string, bag: DiagnosticBag, sources: SourceMap): RequestBodyIR | undefined {
  if (!body || (method !== "get" && method !== "head")) return body;
  bag.add(warning("ir/ignored-request-body", `a ${method.toUpperCase()} request's body is ignored: fetch cannot send one, and OpenAPI gives it no meaning`, sources.locate(pointer), "remove `requestBody`, or pass its fields as query parameters"));
  return undefined;
}

/**
 * The methods Node's HTTP parser (llhttp) reads, case-sensitively: Node 20's `http.METHODS`, written out so a
 * run's warnings do not depend on the Node that runs it. Another method is refused with a 400 before any
 * handler sees it, by `node:http` and so by Express, Fastify and `specforge mock`.
 */
const NODE_METHODS = new Set([
  "ACL", "BIND", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD", "LINK", "LOCK", "M-SEARCH", "MERGE", "MKACTIVITY",
  "MKCALENDAR", "MKCOL", "MOVE", "NOTIFY", "OPTIONS", "PATCH", "POST", "PROPFIND", "PROPPATCH", "PURGE", "PUT", "QUERY",
  "REBIND", "REPORT", "SEARCH", "SOURCE", "SUBSCRIBE", "TRACE", "UNBIND", "UNLINK", "UNLOCK", "UNSUBSCRIBE",
]);

/** An OpenAPI 3.2 additional operation whose method Node's servers cannot receive: the client sends it, the generated server's Web handler takes it, the node adapters cannot. */
function methodUnknownToNode(method: string, pointer: string, bag: DiagnosticBag, sources: SourceMap): void {
  if (NODE_METHODS.has(method)) return;
  bag.add(warning(
    "ir/method-unknown-to-node",
    `Node's HTTP server does not read the method '${method}': it answers 400 before any handler, so the generated server behind toNodeListener, Express or Fastify, and specforge mock, never receive this operation (a Web-standard runtime such as Deno or Bun does)`,
    sources.locate(pointer),
    NODE_METHODS.has(method.toUpperCase()) ? `write the method as Node reads it: '${method.toUpperCase()}'` : "use a method Node reads (LINK, PURGE, SEARCH, ...), or serve the Web handler on a runtime that takes any method",
  ));
}

/** Statuses whose response never has a body (RFC 9110 15.3.5, 15.3.6, 15.4.5): Node and fetch drop it. */
const NULL_BODY = new Set(["204", "205", "304"]);

/**
 * A body documented for a status (or a HEAD answer) that HTTP sends without one: what the client reads,
 * the mock sends and the server's response validation expects is no body, as on the wire; said once each.
 */
function dropNullBodies(method: string, responses: ResponseIR[], bag: DiagnosticBag, sources: SourceMap, said: Set<string>): void {
  for (const r of responses) {
    if (!r.content.length || (method !== "head" && !NULL_BODY.has(r.status))) continue;
    r.content = [];
    if (said.has(r.pointer)) continue;
    said.add(r.pointer);
    const what = method === "head" ? "a HEAD request's response" : `a ${r.status} response`;
    bag.add(warning("ir/null-body-content", `${what} has no body in HTTP, but its content is documented: it is read and answered as no body`, sources.locate(`${r.pointer}/content`), method === "head" ? "remove `content` (the GET operation documents the body)" : "remove `content`, or document the body under 200"));
  }
}

/** An operation's servers, else its path item's: an empty list is none and leaves the next level's. */
function ownServers(op: JsonObject, item: JsonObject): { servers?: ServerIR[] } {
  const servers = serversOf(op.servers).length ? serversOf(op.servers) : serversOf(item.servers);
  return servers.length ? { servers } : {};
}

function serversOf(raw: unknown): ServerIR[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).filter((s) => typeof s.url === "string").map((s) => {
    const variables: ServerIR["variables"] = {};
    if (isObject(s.variables)) {
      for (const [name, v] of Object.entries(s.variables)) {
        if (!isObject(v)) continue;
        setOwn(variables, name, {
          default: String(v.default ?? ""),
          enum: Array.isArray(v.enum) ? v.enum.map(String) : undefined,
          description: stringOrUndefined(v.description),
        });
      }
    }
    return { url: s.url as string, description: stringOrUndefined(s.description), variables };
  });
}

function schemaOf(value: unknown): JsonObject | boolean | undefined {
  return isObject(value) || typeof value === "boolean" ? value : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A webhook without operationId: its key (`orderCreated` -> `orderCreatedWebhook`), with the method when its path item has several (in lower case, as below: `stockPurgeWebhook`). */
function deriveWebhookId(key: string, method: string, operations: number): string {
  return operations > 1 ? `${key} ${method.toLowerCase()} webhook` : `${key} webhook`;
}

/** A callback without operationId: its operation's and its name (`createSubscription` + `onEvent` -> `createSubscriptionOnEventCallback`), with the method when its path item has several. */
function deriveCallbackId(callback: CallbackIR, method: string, operations: number): string {
  const { operationId } = callback.owners[0]!;
  return operations > 1 ? `${operationId} ${callback.name} ${method.toLowerCase()} callback` : `${operationId} ${callback.name} callback`;
}

/** `get /users/{id}/status` -> `getUsersByIdStatus`; an additional method in lower case (`M-SEARCH /reports` -> `mSearchReports`). */
export function deriveOperationId(method: string, path: string): string {
  const parts = path.split("/").filter(Boolean).map((seg) => {
    const param = /^\{(.+)\}$/.exec(seg);
    return param ? `by ${param[1]}` : seg;
  });
  return [method.toLowerCase(), ...parts].join(" ");
}
