/**
 * A Swagger 2.0 document rewritten as OpenAPI 3.0.3, as hey-api, orval (through swagger2openapi), Kubb and
 * OpenAPI Generator read one: `definitions`, `parameters`, `responses` and `securityDefinitions` under
 * `components`; `host`, `basePath` and `schemes` as `servers`; body and formData parameters as request
 * bodies with the operation's `consumes`; response schemas under the operation's `produces`. Every local
 * `$ref` is rewritten to where its target now is, and every move recorded, so a diagnostic about the 3.0
 * document names the 2.0 file's pointer, line and column (upgrade.ts).
 */
import { HTTP_METHODS, isObject, type JsonObject } from "../openapi/kinds.js";
import { escapeSegment, pointerFromFragment, resolvePointer } from "../openapi/pointer.js";
import { setOwn } from "../openapi/own.js";
import { copyExtensions, parameterOf, responseOf, schemaOf, securitySchemeOf, styleOf, valueSchemaOf, type Scope } from "./swagger2-values.js";

/** The version the rewritten document declares: normalize then reads it as any 3.0 document. */
export const UPGRADED_VERSION = "3.0.3";

/** What an operation's parameters and bodies are read with: the media types it takes and gives, and how its refs resolve. */
export interface OperationScope extends Scope {
  consumes: string[];
  produces: string[];
  /** The parameter a `$ref` names, when it is a body or formData one (merged into the request body), and where it is written. */
  bodyParameter(ref: string): { param: JsonObject; from: string } | undefined;
}

/** Local refs into the 2.0 sections, and the 3.0 places they move to. */
const SECTIONS: Array<[string, string]> = [
  ["#/definitions/", "#/components/schemas/"],
  ["#/parameters/", "#/components/parameters/"],
  ["#/responses/", "#/components/responses/"],
];

/** Records of where each part of the 3.0 document was written in the 2.0 one (see `Scope.move`). */
export type Moves = Map<string, { from: string; whole: boolean }>;

export function upgradeDocument(doc: JsonObject, warn: Scope["warn"] = () => {}): { document: JsonObject; moves: Moves } {
  const moves: Moves = new Map();
  const globalConsumes = mediaTypes(doc.consumes);
  const globalProduces = mediaTypes(doc.produces);
  const scope: OperationScope = {
    ref: rootRef,
    move: (to, from, whole = false) => void moves.set(to, { from, whole }),
    warn,
    consumes: globalConsumes ?? ["application/json"],
    produces: globalProduces ?? ["application/json"],
    bodyParameter(ref) {
      if (!ref.startsWith("#/parameters/")) return undefined;
      const from = pointerFromFragment(ref.slice(1));
      const found = from === undefined ? undefined : resolvePointer(doc, from);
      return found?.found && isObject(found.value) && isBodyIn(found.value.in) && from !== undefined ? { param: found.value, from } : undefined;
    },
  };
  const out: JsonObject = { openapi: UPGRADED_VERSION };
  scope.move("/openapi", "/swagger", true);
  for (const key of Object.keys(doc)) {
    if (key === "info" || key === "tags" || key === "externalDocs" || key === "security" || key.startsWith("x-")) setOwn(out, key, doc[key]);
  }
  const servers = serversOf(doc);
  if (servers.length > 0) {
    out.servers = servers.map((s) => ({ url: s.url }));
    scope.move("/servers", doc.host !== undefined ? "/host" : "/basePath", true);
    servers.forEach((s, i) => scope.move(`/servers/${i}`, s.from, true));
  }
  if (isObject(doc.paths)) {
    const paths: JsonObject = {};
    for (const [path, item] of Object.entries(doc.paths)) {
      const at = `/paths/${escapeSegment(path)}`;
      setOwn(paths, path, path.startsWith("x-") ? item : pathItemOf(item, scope, at, at));
    }
    out.paths = paths;
  } else if (doc.paths !== undefined) out.paths = doc.paths; // as written, for the check stage to report
  const components: JsonObject = {};
  const section = (name: string, written: string, convert: (value: unknown, to: string, from: string) => unknown) => {
    const map = doc[written];
    if (!isObject(map)) return;
    const converted: JsonObject = {};
    for (const [key, value] of Object.entries(map)) {
      const to = `/components/${name}/${escapeSegment(key)}`;
      const from = `/${written}/${escapeSegment(key)}`;
      // body and formData parameters are merged into each operation's request body where they are used
      if (name === "parameters" && isObject(value) && isBodyIn(value.in)) continue;
      setOwn(converted, key, convert(value, to, from));
    }
    if (Object.keys(converted).length === 0) return;
    components[name] = converted;
    scope.move(`/components/${name}`, `/${written}`);
  };
  section("schemas", "definitions", (value, to, from) => {
    scope.move(to, from);
    return schemaOf(value, scope);
  });
  section("parameters", "parameters", (value, to, from) => {
    scope.move(to, from);
    return isObject(value) && typeof value.$ref !== "string" ? parameterOf(value, scope, to, from) : value;
  });
  section("responses", "responses", (value, to, from) => {
    scope.move(to, from);
    return responseOf(value, scope.produces, scope, to, from);
  });
  section("securitySchemes", "securityDefinitions", (value, to, from) => {
    scope.move(to, from);
    return securitySchemeOf(value);
  });
  if (Object.keys(components).length > 0) out.components = components;
  return { document: out, moves };
}

/** A 2.0 `$ref` of the root document, pointing where its target is in the 3.0 one. */
export function rootRef(ref: string): string {
  for (const [from, to] of SECTIONS) if (ref.startsWith(from)) return to + ref.slice(from.length);
  return ref;
}

function isBodyIn(where: unknown): boolean {
  return where === "body" || where === "formData";
}

function mediaTypes(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string") ? (value as string[]) : undefined;
}

/**
 * `scheme://host/basePath` for each scheme, https first, ws and wss last (a client's default server is the first); the
 * scheme is https where none is given (2.0 says: the one the document was fetched with). Without `host` the
 * document's own host is meant, so the server is `basePath` alone, relative.
 */
function serversOf(doc: JsonObject): Array<{ url: string; from: string }> {
  const basePath = typeof doc.basePath === "string" ? doc.basePath.replace(/\/+$/, "") : "";
  if (typeof doc.host !== "string" || doc.host === "") return basePath ? [{ url: basePath, from: "/basePath" }] : [];
  const written = Array.isArray(doc.schemes) ? doc.schemes.map((s, i) => ({ scheme: s, from: `/schemes/${i}` })).filter((s): s is { scheme: string; from: string } => typeof s.scheme === "string") : [];
  const schemes = written.length > 0 ? written.sort((a, b) => schemeRank(a.scheme) - schemeRank(b.scheme)) : [{ scheme: "https", from: "/host" }];
  return schemes.map(({ scheme, from }) => ({ url: `${scheme}://${doc.host}${basePath}`, from }));
}

/** https, then http, then the WebSocket schemes (a client's default server must be one fetch can call). */
function schemeRank(scheme: string): number {
  const rank = ["https", "http", "wss", "ws"].indexOf(scheme);
  return rank < 0 ? 4 : rank;
}

/** A path item: its own parameters (body and formData ones go to each operation's request body), then its operations. */
export function pathItemOf(item: unknown, scope: OperationScope, to: string, from: string): unknown {
  if (!isObject(item)) return item;
  const out: JsonObject = {};
  const shared = Array.isArray(item.parameters) ? item.parameters : [];
  const { parameters, bodies } = splitParameters(shared, scope, `${to}/parameters`, `${from}/parameters`);
  for (const key of Object.keys(item)) {
    if (key === "$ref" && typeof item.$ref === "string") out.$ref = scope.ref(item.$ref);
    else if (key === "parameters") {
      // not a list: kept as written, for the check stage to report
      if (!Array.isArray(item.parameters)) out.parameters = item.parameters;
      else if (parameters.length > 0) out.parameters = parameters;
    } else if ((HTTP_METHODS as readonly string[]).includes(key)) out[key] = operationOf(item[key], bodies, scope, `${to}/${key}`, `${from}/${key}`);
    else if (key === "summary" || key === "description" || key.startsWith("x-")) setOwn(out, key, item[key]);
  }
  return out;
}

/** A body or formData parameter, with where it is written. */
type BodyParameter = { param: JsonObject; from: string };

/** The parameters that stay parameters (converted), and the body and formData ones. */
function splitParameters(list: unknown[], scope: OperationScope, to: string, from: string): { parameters: unknown[]; bodies: BodyParameter[] } {
  const parameters: unknown[] = [];
  const bodies: BodyParameter[] = [];
  list.forEach((param, i) => {
    const at = `${from}/${i}`;
    if (isObject(param) && typeof param.$ref === "string") {
      const body = scope.bodyParameter(param.$ref);
      if (body) bodies.push(body);
      else {
        scope.move(`${to}/${parameters.length}`, at);
        parameters.push({ $ref: scope.ref(param.$ref) });
      }
    } else if (isObject(param) && isBodyIn(param.in) && (param.in === "body" || typeof param.name === "string")) bodies.push({ param, from: at });
    else {
      // a form field without a name stays a parameter, for the check stage to report where it is written
      const place = `${to}/${parameters.length}`;
      scope.move(place, at);
      parameters.push(isObject(param) ? parameterOf(param, scope, place, at) : param);
    }
  });
  return { parameters, bodies };
}

const OPERATION_FIELDS = ["tags", "summary", "description", "externalDocs", "operationId", "deprecated", "security"];

function operationOf(op: unknown, shared: BodyParameter[], outer: OperationScope, to: string, from: string): unknown {
  if (!isObject(op)) return op;
  const scope: OperationScope = { ...outer, consumes: mediaTypes(op.consumes) ?? outer.consumes, produces: mediaTypes(op.produces) ?? outer.produces };
  const out: JsonObject = {};
  for (const key of OPERATION_FIELDS) if (op[key] !== undefined) out[key] = op[key];
  const { parameters, bodies } = splitParameters(Array.isArray(op.parameters) ? op.parameters : [], scope, `${to}/parameters`, `${from}/parameters`);
  if (op.parameters !== undefined && !Array.isArray(op.parameters)) out.parameters = op.parameters; // for the check stage to report
  else if (parameters.length > 0) out.parameters = parameters;
  const body = requestBodyOf(overridden(shared, bodies), scope, `${to}/requestBody`);
  if (body) out.requestBody = body;
  if (isObject(op.responses)) {
    const responses: JsonObject = {};
    for (const [status, response] of Object.entries(op.responses)) {
      const at = `/responses/${escapeSegment(status)}`;
      scope.move(to + at, from + at);
      setOwn(responses, status, status.startsWith("x-") ? response : responseOf(response, scope.produces, scope, to + at, from + at));
    }
    out.responses = responses;
  } else if (op.responses !== undefined) out.responses = op.responses; // as written, for the check stage to report
  copyExtensions(op, out);
  return out;
}

/**
 * The path item's body and formData parameters with the operation's: one of the operation's replaces the
 * path item's of the same name and location (2.0), and its body parameter the path item's whole request
 * body (a body and a form cannot both be sent).
 */
function overridden(shared: BodyParameter[], own: BodyParameter[]): BodyParameter[] {
  const key = (p: BodyParameter) => `${String(p.param.in)}\0${String(p.param.name)}`;
  const ownKeys = new Set(own.map(key));
  if (own.length === 0) return shared;
  if (own.some((p) => p.param.in === "body")) return own;
  return [...shared.filter((p) => p.param.in === "formData" && !ownKeys.has(key(p))), ...own];
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The request body of an operation's body parameter (its schema under each media type the operation
 * consumes) or formData parameters (one object schema, a property per parameter, under the form media
 * types it consumes; multipart where none is named and a parameter is a file, else urlencoded).
 */
function requestBodyOf(params: BodyParameter[], scope: OperationScope, to: string): JsonObject | undefined {
  const body = params.find((p) => p.param.in === "body");
  if (body) {
    scope.move(to, body.from, true);
    const content: JsonObject = {};
    for (const type of scope.consumes) {
      setOwn(content, type, { schema: schemaOf(body.param.schema, scope) });
      scope.move(`${to}/content/${escapeSegment(type)}/schema`, `${body.from}/schema`);
    }
    const out: JsonObject = { content };
    if (body.param.description !== undefined) out.description = body.param.description;
    if (body.param.required === true) out.required = true;
    copyExtensions(body.param, out);
    return out;
  }
  const fields = params.filter((p) => p.param.in === "formData");
  if (fields.length === 0) return undefined;
  scope.move(to, fields[0]!.from, true);
  const properties: JsonObject = {};
  const required: string[] = [];
  const encoding: JsonObject = {};
  for (const { param, from } of fields) {
    const name = String(param.name);
    const property = valueSchemaOf(param, scope, from);
    if (param.description !== undefined) property.description = param.description;
    if (param["x-example"] !== undefined) property.example = param["x-example"];
    copyExtensions(param, property, ["x-example", "x-nullable"]);
    setOwn(properties, name, property);
    if (param.required === true) required.push(name);
    if (param.type === "array") setOwn(encoding, name, styleOf(param.collectionFormat, "query", scope, from));
    for (const type of FORM_TYPES) {
      const at = `${to}/content/${escapeSegment(type)}/schema/properties/${escapeSegment(name)}`;
      scope.move(at, from);
      if (param["x-example"] !== undefined) scope.move(`${at}/example`, `${from}/x-example`);
    }
  }
  const named = scope.consumes.filter((t) => FORM_TYPES.includes(t.split(";")[0]!.trim().toLowerCase()));
  const types = named.length > 0 ? named : [fields.some((f) => f.param.type === "file") ? "multipart/form-data" : "application/x-www-form-urlencoded"];
  const content: JsonObject = {};
  for (const type of types) {
    // a copy per media type: later stages rewrite schemas in place
    const schema: JsonObject = { type: "object", properties: structuredClone(properties) };
    if (required.length > 0) schema.required = [...required];
    setOwn(content, type, Object.keys(encoding).length > 0 ? { schema, encoding: structuredClone(encoding) } : { schema });
  }
  return { content, ...(required.length > 0 ? { required: true } : {}) };
}
