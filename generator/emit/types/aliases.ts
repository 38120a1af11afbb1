/**
 * `src/types.ts`: a named export for every component schema and, per operation, aliases for its path,
 * query, header and cookie parameters, its request body and each response (`ListCustomersRequest`,
 * `ListCustomersResponse`, `ListCustomersResponse404`), all pointing into openapi-typescript's types
 * (`operations["listCustomers"]`, else `paths["/customers"]["get"]`: operation-entries.ts).
 * A component with readOnly or writeOnly properties also gets its request twin (`AccountWritable`).
 *
 * `NonNullable<>` only where openapi-typescript writes the part optional: the path parameters are
 * required whenever there are any, a request body when the spec says `required: true`. On GitHub's spec
 * that is 1,700 instantiations fewer for a consumer's tsc; the type is the same (`NonNullable<T>` of an
 * object type is `T`).
 */
import { code, ident, index, join, key, literal, type Code } from "../../codegen/code.js";
import { enumValuesOf } from "../../names/decide.js";
import { isObject } from "../../openapi/kinds.js";
import type { ApiIR, OperationIR, SchemaIR } from "../../ir/types.js";
import { preferredMedia } from "../../ir/media.js";
import { sentByApi, sentLabel } from "../../ir/sent.js";
import type { Templates } from "../../codegen/templates.js";
import { own } from "../../openapi/own.js";
import { operationEntries } from "./operation-entries.js";

interface AliasView {
  name: string;
  doc: string | null;
  type: Code;
}

/** The aliases of one operation; `base` is where its type is (`operations["listPets"]` or `paths["/pets"]["get"]`). */
function operationAliases(op: OperationIR, base: Code): AliasView[] {
  const where = sentByApi(op) ? `${sentLabel(op)} (${op.httpMethod}, ${op.names.method})` : `\`${op.httpMethod} ${op.path}\` (${op.names.method})`;
  const out: AliasView[] = [];
  const params = [
    ["path", op.names.pathParams, "Path parameters"],
    ["query", op.names.queryParams, "Query parameters"],
    ["header", op.names.headerParams, "Header parameters"],
    ["cookie", op.names.cookieParams, "Cookie parameters"],
  ] as const;
  const emit = (alias: AliasView) => {
    if (!op.names.schemaAliases.includes(alias.name)) out.push(alias);
  };
  for (const [location, name, label] of params) {
    // path parameters are always required: openapi-typescript's `path` has no `?` when it has members
    const part = code`${base}["parameters"]${index(location)}`;
    if (name) emit({ name, doc: `${label} of ${where}.`, type: location === "path" ? part : code`NonNullable<${part}>` });
  }
  if (op.names.querystring && op.querystring) {
    emit({ name: op.names.querystring, doc: `The query string (${op.querystring.contentType}, \`in: querystring\` parameter '${op.querystring.name}') of ${where}.`, type: code`NonNullable<${base}["parameters"]["querystring"]>` });
  }
  const body = op.requestBody && preferredMedia(op.requestBody.content);
  // openapi-typescript writes `requestBody?:` unless the spec says `required: true`
  const requestBody = op.requestBody?.required ? code`${base}["requestBody"]` : code`NonNullable<${base}["requestBody"]>`;
  if (op.names.request && body) {
    emit({ name: op.names.request, doc: `Request body (${body.mediaType}) of ${where}.`, type: code`${requestBody}["content"]${index(body.mediaType)}` });
  }
  // Bodies of other media types whose schemas differ (names/request-bodies.ts), each once.
  const bodies = op.names.requestBodies ?? {};
  const named = new Set([op.names.request]);
  for (const mediaType of Object.keys(bodies)) {
    const name = bodies[mediaType]!;
    if (named.has(name)) continue;
    named.add(name);
    emit({ name, doc: `Request body (${mediaType}) of ${where}.`, type: code`${requestBody}["content"]${index(mediaType)}` });
  }
  const success: Code[] = [];
  for (const r of op.responses) {
    const name = op.names.byStatus[r.status];
    if (!name) continue;
    const media = preferredMedia(r.content);
    const type = media ? code`${base}["responses"]${index(r.status)}["content"]${index(media.mediaType)}` : code`undefined`;
    emit({ name, doc: `Response ${r.status}${media ? ` (${media.mediaType})` : " (no body)"} of ${where}.`, type });
    if (/^2/.test(r.status)) success.push(ident(name));
    // its other JSON media types of other schemas (names/response-bodies.ts), each once
    const others = own(op.names.responseBodies, r.status) ?? {};
    const seen = new Set<string>();
    for (const mediaType of Object.keys(others)) {
      const other = others[mediaType]!;
      if (seen.has(other)) continue;
      seen.add(other);
      emit({ name: other, doc: `Response ${r.status} (${mediaType}) of ${where}.`, type: code`${base}["responses"]${index(r.status)}["content"]${index(mediaType)}` });
    }
  }
  if (op.names.response) {
    emit({ name: op.names.response, doc: `Body of a successful response of ${where}.`, type: success.length ? join(success, " | ") : code`undefined` });
  }
  return out;
}

/** Where openapi-typescript (or callbacks.ts) typed the operation (`paths["/pets"]["get"]`), in `types.ts`. */
export function operationType(op: OperationIR): Code {
  return code`${rootOf(op)}${join(op.segments.map((s) => index(s)), "")}`;
}

/** Where openapi-typescript (or callbacks.ts) typed the operation's path item. */
function rootOf(op: OperationIR): Code {
  if (op.callback) {
    const { path, segments } = op.callback.owners[0]!;
    return code`callbacks${index(path)}${join([...segments, op.callback.name, op.callback.expression].map((s) => index(s)), "")}`;
  }
  return op.webhook === undefined ? code`paths${index(op.path)}` : code`webhooks${index(op.webhook)}`;
}

export function emitAliasesFile(ir: ApiIR, templates: Templates, twins: ReadonlyMap<string, string>, enums: "union" | "values" | "object" = "union", datesAsDate = false): string {
  // `types: { enums: "values" | "object" }`: each scalar enum's values as a constant, checked against its type
  // (with `dates: Date` a date-time enum is typed Date, which its strings are not: no constant)
  const entries = operationEntries(ir);
  const aliased = [...ir.operations, ...ir.webhooks].map((op) => {
    const entry = entries.get(op);
    return { op, base: entry === undefined ? operationType(op) : code`operations${index(entry)}` };
  });
  const enumSchemas = ir.schemas.filter((s) => s.valuesName && !(datesAsDate && isObject(s.schema) && s.schema.format === "date-time"));
  return templates.render("types/types.ts.hbs", {
    values: enums === "values" ? enumSchemas.map((s) => ({ name: s.valuesName!, type: s.typeName, values: literal(enumValuesOf(s.schema)), doc: `The values of \`${s.typeName}\`, in the spec's order.` })) : [],
    objects: enums === "object" ? enumSchemas.map((s) => ({ name: s.typeName, members: membersOf(s), doc: `The values of \`${s.typeName}\` by name (\`${s.typeName}.${s.enumMembers![0]}\`), in the spec's order.` })) : [],
    title: `Named types of ${ir.title} ${ir.version}, generated by specforge. Do not edit: run \`specforge generate\` instead.`,
    schemas: ir.schemas.flatMap((s) => {
      const twin = twins.get(s.key);
      const received = { name: s.typeName, doc: s.description ?? null, type: code`components["schemas"]${index(s.key)}` };
      if (twin === undefined || !s.writableName) return [received];
      const sent = `\`${s.typeName}\` as sent in a request: without its readOnly properties (\`${s.typeName}\` is as received, without its writeOnly ones).`;
      return [received, { name: s.writableName, doc: sent, type: code`components["schemas"]${index(twin)}` }];
    }),
    operations: aliased.map(({ op, base }) => ({ aliases: operationAliases(op, base) })),
    // what the aliases import: only what they use (an unused import fails `noUnusedLocals`)
    operationEntries: aliased.some(({ op }) => entries.has(op)),
    paths: aliased.some(({ op }) => !entries.has(op) && !op.callback && op.webhook === undefined),
    webhooks: aliased.some(({ op }) => !entries.has(op) && !op.callback && op.webhook !== undefined),
    callbacks: ir.webhooks.some((op) => op.callback !== undefined),
  });
}

/** `{ Available: "available", ... }`, one member a line. */
function membersOf(s: SchemaIR): Code {
  const values = enumValuesOf(s.schema)!;
  return code`{\n${join(s.enumMembers!.map((name, i) => code`  ${key(name)}: ${literal(values[i])},`), "\n")}\n}`;
}
