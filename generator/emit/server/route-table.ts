/**
 * The route table of `server.ts` (`serverSpec`): per operation its method, its path split into segments
 * (literal text or a parameter with its style and shape), its query, header and cookie parameters, the
 * media types its body may have, how each response is sent and its security alternatives (with the scopes
 * each lists); plus how each security scheme's credential travels. The runtime builds its router from this
 * data; every string from the spec is a literal here, never code.
 */
import { code, join, key, literal, type Code } from "../../codegen/code.js";
import type { ApiIR, OperationIR, ParameterIR, SecurityRequirement } from "../../ir/types.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { deref, types } from "../../openapi/sample-value.js";
import { serializerOf } from "../client/param-styles.js";
import { querystringKind, requestBodyKind, requestMedia, responseMediaTypes, runtimeMediaKind } from "../client/media-kinds.js";
import { querystringMedia } from "../../ir/media.js";
import { stringList } from "../client/operations-table.js";
import { webhookSchemes } from "../../ir/security.js";
import { fileSites, formFields } from "./form-fields.js";
import { nestedOf, shapeOf } from "./schema-data.js";
import { takesString } from "../../openapi/string-schema.js";
import { own } from "../../openapi/own.js";
import { formProperties } from "../../openapi/file-parts.js";
import { requiredHeaders, sameSchema } from "./handler-types.js";
import type { RequestDefaults } from "./request-defaults.js";

const I2 = code`    `;
const I3 = code`      `;

/** The runtime's parser name: the client's serializer names, cookies read as forms, JSON content as `json`. */
function styleOf(p: ParameterIR): string {
  const s = serializerOf(p);
  return s === "cookie" ? "form" : s === "cookieExplode" ? "formExplode" : s === "jsonValue" ? "json" : s;
}

function param(ir: ApiIR, p: ParameterIR): Code {
  const wire = p.in === "header" ? p.name.toLowerCase() : p.in === "path" ? encodeURIComponent(p.name) : p.name;
  const nested = p.contentType || p.style === "deepObject" ? undefined : nestedOf(ir.document, p.schema);
  const shape = shapeOf(ir.document, p.schema);
  // an exploded cookie object's members are cookies of their own names: the server reads those its schema declares
  const members = p.in === "cookie" && styleOf(p) === "formExplode" && shape === "object" ? [...formProperties(ir.document, p.schema, true).keys()] : undefined;
  const tail = members ? code`, ${nested === undefined ? code`undefined` : literal(nested)}, ${stringList(members)}` : nested === undefined ? code`` : code`, ${literal(nested)}`;
  return code`[${p.name}, ${wire}, ${styleOf(p)}, ${shape}${tail}]`;
}

function segment(ir: ApiIR, op: OperationIR, text: string): Code {
  const parts: Code[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{([^}]+)\}/g)) {
    if (m.index > last) parts.push(code`${text.slice(last, m.index)}`);
    const p = op.parameters.path.find((x) => x.name === m[1]);
    // An undeclared path parameter was reported by the IR already; match its braces as text.
    parts.push(p ? param(ir, p) : code`${m[0]}`);
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(code`${text.slice(last)}`);
  if (parts.length === 0) return code`${text}`;
  if (parts.length === 1) return parts[0]!;
  return code`[${join(parts, ", ")}]`;
}

function paramList(ir: ApiIR, list: readonly ParameterIR[]): Code {
  return code`[${join(list.map((p) => param(ir, p)), ", ")}]`;
}

function operation(ir: ApiIR, op: OperationIR, defaults: RequestDefaults): Code {
  // A webhook's or callback's route is text (a webhook's key one segment): the router compares it with the
  // request's decoded segments, so `order%3acreated` and `order:created` both reach `order:created`, and
  // braces are no parameter.
  const path = op.route ? join(op.route.map((s) => code`${s}`), ", ") : join(op.path.split("/").slice(1).map((s) => segment(ir, op, s)), ", ");
  const fields: Code[] = [code`method: ${op.httpMethod}`, code`path: [${path}]`];
  if (op.parameters.query.length) fields.push(code`query: ${paramList(ir, op.parameters.query)}`);
  if (op.parameters.header.length) fields.push(code`headers: ${paramList(ir, op.parameters.header)}`);
  if (op.parameters.cookie.length) fields.push(code`cookies: ${paramList(ir, op.parameters.cookie)}`);
  if (op.querystring) {
    // read as a form body's fields are (by their types), or as JSON, or text; validated by `querystring`
    const m = querystringMedia(op.querystring);
    const kind = querystringKind(ir.document, m);
    fields.push(code`querystring: { required: ${op.querystring.required}, media: ${kind === "form" ? code`[${m.mediaType}, ${kind}, ${formFields(ir.document, m, false)}]` : code`[${m.mediaType}, ${kind}]`} }`);
  }
  const bodies = requestMedia(op.requestBody?.content ?? []);
  if (bodies.length) {
    // Each media type's body validator is the validators target's `bodies[mediaType]`, found by the runtime.
    const media = join(
      bodies.map((m) => {
        const kind = requestBodyKind(ir.document, m);
        if (kind !== "form" && kind !== "multipart") return code`[${m.mediaType}, ${kind}]`;
        const fields = formFields(ir.document, m, kind === "multipart");
        const sites = kind === "multipart" ? fileSites(ir.document, m) : undefined;
        return sites ? code`[${m.mediaType}, ${kind}, ${fields}, ${sites}]` : code`[${m.mediaType}, ${kind}, ${fields}]`;
      }),
      ", ",
    );
    // a text body is validated where its schema is a string's (`maxLength`, `pattern`), by the validator of its
    // own media type (names/request-bodies.ts), whichever media type is preferred; bytes never are
    const validated = (m: (typeof bodies)[number]) => m === bodies[0] || own(op.names.requestBodies, m.mediaType) !== undefined;
    const checked = bodies.filter((m) => requestBodyKind(ir.document, m) === "text" && takesString(ir.document, m.schema) && validated(m)).map((m) => m.mediaType);
    fields.push(code`body: { required: ${op.requestBody?.required ?? false}, media: [${media}]${checked.length ? code`, texts: ${stringList(checked)}` : code``} }`);
  }
  const responses = op.responses.map((r) => {
    const [preferred, ...others] = responseMediaTypes(r);
    const kind = runtimeMediaKind(ir.document, preferred);
    const mediaType = kind === "none" ? "" : preferred!.mediaType;
    const required = requiredHeaders(ir.document, r).map(([name]) => name);
    const tail: Code[] = [];
    if (required.length || others.length) tail.push(stringList(required));
    // the other media types a handler may send by its `Content-Type`: `true` where the status's validator (of
    // the preferred one's schema) is theirs too
    if (others.length) tail.push(code`[${join(others.map((m) => code`[${m.mediaType}, ${runtimeMediaKind(ir.document, m)}${sameSchema(m, preferred!) ? code`, true` : code``}]`), ", ")}]`);
    return code`${key(r.status)}: [${join([code`${mediaType}`, code`${kind}`, ...tail], ", ")}]`;
  });
  fields.push(code`responses: { ${join(responses, ", ")} }`);
  if (op.security.some((req) => Object.keys(req).length)) fields.push(code`security: [${join(op.security.map(requirement), ", ")}]`);
  const filled = defaults.of(op);
  if (filled) fields.push(code`defaults: ${filled}`);
  return code`${I2}${key(op.names.method)}: {\n${join(fields.map((f) => code`${I3}${f},`))}\n${I2}},`;
}

/**
 * One security requirement (an alternative): each scheme's name, or `[name, ...scopes]` where the requirement
 * lists scopes (OAuth 2 and OpenID Connect; roles for other schemes in OpenAPI 3.1), which its hook gets.
 */
function requirement(req: SecurityRequirement): Code {
  return code`[${join(
    Object.entries(req).map(([scheme, scopes]) => {
      const listed = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === "string") : [];
      return listed.length ? stringList([scheme, ...listed]) : code`${scheme}`;
    }),
    ", ",
  )}]`;
}

export type SchemeKind = "bearer" | "basic" | "http" | "header" | "query" | "cookie" | "other";

/**
 * How a scheme's credential reaches the server (OAuth 2.0 and OpenID Connect tokens as bearer tokens);
 * a scheme the request cannot carry (`mutualTLS`) is `other`: its hook gets the scheme's type.
 */
export function schemeOf(scheme: JsonObject): [SchemeKind, string?] | undefined {
  const http = typeof scheme.scheme === "string" ? scheme.scheme.toLowerCase() : "";
  if (scheme.type === "oauth2" || scheme.type === "openIdConnect" || (scheme.type === "http" && http === "bearer")) return ["bearer"];
  if (scheme.type === "http" && http === "basic") return ["basic"];
  if (scheme.type === "http" && http !== "") return ["http", http];
  if (scheme.type === "apiKey" && typeof scheme.name === "string" && scheme.name !== "") {
    if (scheme.in === "header") return ["header", scheme.name.toLowerCase()];
    if (scheme.in === "query" || scheme.in === "cookie") return [scheme.in, scheme.name];
  }
  // Proved outside the request (mutual TLS at a proxy, ...): the hook decides from the request it sees.
  if (typeof scheme.type === "string" && scheme.type !== "") return ["other", scheme.type];
  return undefined;
}

/** The security schemes a server can check; for the webhook receiver (`webhooks`), those its webhooks name. */
export function usableSchemes(ir: ApiIR, webhooks = false): [string, [SchemeKind, string?]][] {
  const named = webhooks ? webhookSchemes(ir) : undefined;
  return Object.entries(ir.securitySchemes)
    .filter(([name]) => !named || named.has(name))
    .map(([name, s]) => [name, isObject(s) ? schemeOf(s) : undefined] as const)
    .filter((e): e is readonly [string, [SchemeKind, string?]] => e[1] !== undefined)
    .map(([n, s]) => [n, s]);
}

/** `serverSpec`, or with `webhooks` the receiver's `webhookSpec` (each webhook at `/<key>`); `defaults` of the same operations. */
export function routeTable(ir: ApiIR, defaults: RequestDefaults, webhooks = false): Code {
  const schemes = usableSchemes(ir, webhooks).map(([name, s]) => code`${key(name)}: [${join(s.map((x) => code`${x}`), ", ")}]`);
  const lines: Code[] = [
    code`  schemes: {${schemes.length ? code` ${join(schemes, ", ")} ` : code``}},`,
    code`  operations: {`,
    ...(webhooks ? ir.webhooks : ir.operations).map((op) => operation(ir, op, defaults)),
    code`  },`,
  ];
  if (defaults.table) lines.push(code`  defaults: ${defaults.table},`);
  return code`{\n${join(lines)}\n}`;
}
