/**
 * Swagger 2.0 objects rewritten as their OpenAPI 3.0 counterparts, one object at a time: schemas,
 * parameters (other than body and formData, which become request bodies in swagger2.ts), headers,
 * responses and security schemes. Each returns a new object; the input is never changed.
 */
import { isObject, subschemaShape, type JsonObject } from "../openapi/kinds.js";
import { escapeSegment } from "../openapi/pointer.js";
import { own, setOwn } from "../openapi/own.js";

/** How a converter rewrites the `$ref`s of the file it reads, and records where it moved what. */
export interface Scope {
  /** The `$ref` as the 3.0 document must say it (`#/definitions/Pet` -> `#/components/schemas/Pet` in the root). */
  ref(ref: string): string;
  /**
   * Records that the value now at `to` was written at `from` (3.0 pointer -> 2.0 pointer), and what is
   * below it at the same place below `from`; or, `whole`, that everything below it was written at `from`.
   */
  move(to: string, from: string, whole?: boolean): void;
  /** A 2.0 form 3.0 has no words for, at its 2.0 pointer: the upgrade goes on with the nearest 3.0 form. */
  warn(from: string, message: string, help: string): void;
}

/** A 2.0 schema as a 3.0 one: `x-nullable` -> `nullable`, `discriminator: name` -> `{ propertyName }`, `type: file` -> binary. */
export function schemaOf(schema: unknown, scope: Scope): unknown {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    const shape = subschemaShape(key);
    if (key === "$ref" && typeof value === "string") out.$ref = scope.ref(value);
    else if (key === "x-nullable") {
      if (value === true) out.nullable = true;
    } else if (key === "discriminator" && typeof value === "string") out.discriminator = { propertyName: value };
    else if (key === "type" && value === "file") Object.assign(out, { type: "string", format: "binary" });
    else if (shape === "one" || (shape === "list" && Array.isArray(value))) setOwn(out, key, Array.isArray(value) ? value.map((s) => schemaOf(s, scope)) : schemaOf(value, scope));
    else if (shape === "map" && isObject(value)) {
      const map: JsonObject = {};
      for (const [name, s] of Object.entries(value)) setOwn(map, name, schemaOf(s, scope));
      setOwn(out, key, map);
    } else if (!(key === "format" && out.format === "binary")) setOwn(out, key, value);
  }
  return out;
}

/** Keywords a 2.0 parameter, header or items object holds for its value: its schema in 3.0. */
const VALUE_KEYWORDS = [
  "type", "format", "default", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
  "pattern", "maxItems", "minItems", "uniqueItems", "enum", "multipleOf", "x-nullable",
];

/**
 * The schema of a 2.0 parameter, header or items object (its `items` nested, `collectionFormat` left to the
 * caller), written at `from`. A list of lists has no 3.0 serialization: said once, at the inner format.
 */
export function valueSchemaOf(holder: JsonObject, scope: Scope, from: string): JsonObject {
  const schema: JsonObject = {};
  for (const key of VALUE_KEYWORDS) if (Object.prototype.hasOwnProperty.call(holder, key)) schema[key] = holder[key];
  if (isObject(holder.items)) {
    if (holder.items.type === "array" && holder.items.collectionFormat !== undefined) {
      scope.warn(`${from}/items/collectionFormat`, "a list inside a list (the items' collectionFormat) has no OpenAPI 3 serialization: each inner list is sent as its JSON text", "send a flat list, or the nested lists as a JSON body");
    }
    schema.items = valueSchemaOf(holder.items, scope, `${from}/items`);
  }
  return schemaOf(schema, scope) as JsonObject;
}

/** `style` and `explode` for an array parameter's 2.0 `collectionFormat` (default `csv`), written at `from`, where it is sent. */
export function styleOf(collectionFormat: unknown, where: string, scope: Scope, from: string): { style?: string; explode?: boolean } {
  const format = typeof collectionFormat === "string" ? collectionFormat : "csv";
  const lost = (how: string) => scope.warn(`${from}/collectionFormat`, `collectionFormat '${format}' ${how} has no OpenAPI 3 style: the list is sent comma-separated, as csv`, "write csv, or the format 3.0 has for it (multi, ssv and pipes in the query)");
  if (where === "path" || where === "header") {
    // simple, comma-separated: 3.0's default there
    if (format !== "csv") lost(`on a ${where} parameter`);
    return {};
  }
  if (format === "multi") return { style: "form", explode: true };
  if (format === "ssv") return { style: "spaceDelimited", explode: false };
  if (format === "pipes") return { style: "pipeDelimited", explode: false };
  if (format !== "csv") lost(format === "tsv" ? "(tab-separated)" : "(not a 2.0 format)");
  return { style: "form", explode: false };
}

const PARAMETER_FIELDS = ["name", "in", "description", "required", "deprecated", "allowEmptyValue"];

/** A 2.0 parameter in a query, path or header, as 3.0 writes it: its value keywords become `schema`. */
export function parameterOf(param: JsonObject, scope: Scope, to: string, from: string): JsonObject {
  const out: JsonObject = {};
  for (const key of PARAMETER_FIELDS) if (param[key] !== undefined) out[key] = param[key];
  if (param.type === "array") Object.assign(out, styleOf(param.collectionFormat, String(param.in), scope, from));
  out.schema = valueSchemaOf(param, scope, from);
  if (param["x-example"] !== undefined) {
    out.example = param["x-example"];
    scope.move(`${to}/example`, `${from}/x-example`);
  }
  copyExtensions(param, out, ["x-example", "x-nullable"]);
  scope.move(`${to}/schema`, from);
  return out;
}

/** A 2.0 response header: its value keywords become `schema`. */
function headerOf(header: unknown, scope: Scope, to: string, from: string): unknown {
  if (!isObject(header)) return header;
  if (typeof header.$ref === "string") return { $ref: scope.ref(header.$ref) };
  const out: JsonObject = {};
  if (header.description !== undefined) out.description = header.description;
  out.schema = valueSchemaOf(header, scope, from);
  copyExtensions(header, out, ["x-nullable"]);
  scope.move(`${to}/schema`, from);
  return out;
}

/**
 * A 2.0 response: its `schema` under each media type the operation `produces`, an example written for
 * a media type (`examples: { application/json: ... }`) as that media type's `example`.
 */
export function responseOf(response: unknown, produces: string[], scope: Scope, to: string, from: string): unknown {
  if (!isObject(response)) return response;
  if (typeof response.$ref === "string") return { $ref: scope.ref(response.$ref) };
  const out: JsonObject = { description: typeof response.description === "string" ? response.description : "" };
  if (isObject(response.headers)) {
    const headers: JsonObject = {};
    for (const [name, header] of Object.entries(response.headers)) {
      const at = `/headers/${escapeSegment(name)}`;
      setOwn(headers, name, headerOf(header, scope, to + at, from + at));
    }
    out.headers = headers;
  } else if (response.headers !== undefined) out.headers = response.headers; // as written, for the check stage to report
  const examples = isObject(response.examples) ? response.examples : {};
  const types = response.schema !== undefined ? [...new Set([...produces, ...Object.keys(examples)])] : Object.keys(examples);
  if (types.length > 0) {
    const content: JsonObject = {};
    for (const type of types) {
      const media: JsonObject = {};
      const at = `/content/${escapeSegment(type)}`;
      scope.move(to + at, response.schema !== undefined ? `${from}/schema` : `${from}/examples/${escapeSegment(type)}`, true);
      if (response.schema !== undefined) {
        media.schema = schemaOf(response.schema, scope);
        scope.move(`${to}${at}/schema`, `${from}/schema`);
      }
      if (Object.prototype.hasOwnProperty.call(examples, type)) {
        media.example = examples[type];
        scope.move(`${to}${at}/example`, `${from}/examples/${escapeSegment(type)}`);
      }
      setOwn(content, type, media);
    }
    out.content = content;
  }
  copyExtensions(response, out);
  return out;
}

/** The 2.0 OAuth2 flow names and 3.0's for them. */
const FLOWS: Record<string, string> = { implicit: "implicit", password: "password", application: "clientCredentials", accessCode: "authorizationCode" };

/** A 2.0 security scheme: `basic` is HTTP basic, an `oauth2` flow goes under `flows`. */
export function securitySchemeOf(scheme: unknown): unknown {
  if (!isObject(scheme)) return scheme;
  const out: JsonObject = {};
  if (scheme.type === "basic") Object.assign(out, { type: "http", scheme: "basic" });
  else if (scheme.type === "oauth2" && typeof scheme.flow === "string" && own(FLOWS, scheme.flow) !== undefined) {
    const flow: JsonObject = {};
    if (scheme.authorizationUrl !== undefined && (scheme.flow === "implicit" || scheme.flow === "accessCode")) flow.authorizationUrl = scheme.authorizationUrl;
    if (scheme.tokenUrl !== undefined && scheme.flow !== "implicit") flow.tokenUrl = scheme.tokenUrl;
    flow.scopes = isObject(scheme.scopes) ? scheme.scopes : {};
    Object.assign(out, { type: "oauth2", flows: { [FLOWS[scheme.flow]!]: flow } });
  } else {
    out.type = scheme.type;
    if (scheme.name !== undefined) out.name = scheme.name;
    if (scheme.in !== undefined) out.in = scheme.in;
  }
  if (scheme.description !== undefined) out.description = scheme.description;
  copyExtensions(scheme, out);
  return out;
}

/** Copies the `x-` keys of `from` to `to`, except those already converted. */
export function copyExtensions(from: JsonObject, to: JsonObject, except: string[] = []): void {
  for (const key of Object.keys(from)) if (key.startsWith("x-") && !except.includes(key)) setOwn(to, key, from[key]);
}
