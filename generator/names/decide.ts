/**
 * Every exported identifier of a generated package, decided in one place before any emitter runs.
 * Order of precedence (each step in document order, so the result is deterministic):
 *  1. component schemas whose key already is their identifier (`User` keeps `User`);
 *  2. the other component schemas (`user` -> `User2` when `User` exists);
 *  3. operations: a method name from the operationId (two explicit operationIds that meet after
 *     sanitizing are an error the user must fix: renaming either silently would break callers);
 *  4. per-operation aliases (`GetPetRequest`, a request body of another media type and schema such as
 *     `GetPetRequestForm`, `GetPetResponse`, `GetPetResponse404`, ...), which yield to schema names with a
 *     suffix and a warning;
 *  5. the client's names: per operation its input and error types (`GetPetInput`, `GetPetError`), then the
 *     package's factory, client and options types (`createPetstoreClient`, `PetstoreClient`, ...), after
 *     everything above so that adding them never renames a type of the types target;
 *  6. the server's handlers interface and options type (`PetstoreHandlers`, `PetstoreServerOptions`);
 *  7. request twins of components with readOnly/writeOnly properties (`AccountWritable`);
 *  8. what options ask for, so that asking renames nothing above: enum values constants, then the
 *     TanStack Query helpers (`getPetKey`, `getPetQuery`, ...); then the factory of a client with some
 *     operations (`createPetstoreClientWith`), which came later;
 *  9. webhooks: handler names (their own namespace, the receiver's interface and the sender's) and aliases
 *     as in 3. and 4. (`OnOrderCreatedRequest`), the sender's input and error types, then the receiver's
 *     handlers interface and options type and the sender's factory, interface and options type.
 */
import { DiagnosticBag, error, warning } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../bundle/source-map.js";
import type { MediaIR, OperationIR, OperationNames, PackageNames, SchemaIR } from "../ir/types.js";
import { preferredMedia, bodyKind, schemaRefKey } from "../ir/media.js";
import { sentByApi } from "../ir/sent.js";
import { fileKeys } from "../openapi/file-parts.js";
import type { JsonObject } from "../openapi/kinds.js";
import { camelCase, identifierOf, pascalCase, pascalWords } from "./case.js";
import { NameRegistry } from "./registry.js";
import { setOwn } from "../openapi/own.js";
import { readWriteComponents } from "../openapi/read-write.js";
import { enumMemberNames } from "./enum-members.js";
import { CLIENT_RUNTIME_EXPORTS, SERVER_EXPORTS } from "./client-exports.js";
import { requestBodyNames } from "./request-bodies.js";
import { takesString } from "../openapi/string-schema.js";
import { responseBodyNames } from "./response-bodies.js";
import { queryNames, TANSTACK_HOOKS } from "./query-names.js";

/** Names the generated modules themselves export or import; nothing from the spec may take them. */
export const RESERVED_EXPORTS = [
  "paths", "components", "operations", "webhooks", "callbacks", "$defs", "ApiError", "ValidationError", "ValidationIssue", "ValidationResult", "standardSchema",
  // What the client target re-exports from its runtime (templates/client/runtime.ts.hbs).
  ...CLIENT_RUNTIME_EXPORTS,
  // What the server target exports besides its per-API names (templates/server/server.ts.hbs).
  ...SERVER_EXPORTS,
  ...TANSTACK_HOOKS,
];

export function decideNames(
  schemas: Omit<SchemaIR, "typeName">[],
  operations: Omit<OperationIR, "names">[],
  webhooks: Omit<OperationIR, "names">[],
  packageName: string,
  bag: DiagnosticBag,
  sources: SourceMap,
  document: JsonObject = {},
  readWrite: "split" | "off" = "split",
): { schemas: SchemaIR[]; operations: OperationIR[]; webhooks: OperationIR[]; names: PackageNames } {
  const types = new NameRegistry(RESERVED_EXPORTS);
  // `types: { readWrite: off }`: no twins, so nothing to name and a body is its component, as before the split
  const split = new Set(readWrite === "off" ? [] : readWriteComponents(document));
  const typeNames = new Map<string, string>();
  const wanted = schemas.map((s) => pascalCase(s.key));
  schemas.forEach((s, i) => {
    if (s.key === wanted[i] && types.claim(s.key)) typeNames.set(s.key, s.key);
  });
  schemas.forEach((s, i) => {
    if (!typeNames.has(s.key)) typeNames.set(s.key, types.allocate(wanted[i]!));
  });

  const methodNames = decideMethodNames(operations, bag, sources);
  const ctx: AliasContext = { types, typeNames, split, bag, sources, document };
  const named: OperationIR[] = operations.map((op) => ({ ...op, names: operationNames(op, methodNames.get(op) ?? methodName(op.operationId), ctx) }));

  clientNames(types, named, bag, sources);
  const base = pascalWords(packageName.split("/").pop() ?? "", "Api");
  const names: PackageNames = {
    clientFactory: types.allocate(identifierOf(`create${base}Client`, "createClient")),
    client: types.allocate(identifierOf(`${base}Client`, "Client")),
    clientOptions: types.allocate(identifierOf(`${base}ClientOptions`, "ClientOptions")),
    // The server's, last: adding the server target never renames a type of another target.
    handlers: types.allocate(identifierOf(`${base}Handlers`, "Handlers")),
    serverOptions: types.allocate(identifierOf(`${base}ServerOptions`, "ServerOptions")),
    clientWithFactory: "",
  };

  // Request twins of components with readOnly/writeOnly properties: after every name a spec without them
  // has, so marking a property renames nothing.
  const withTypes: SchemaIR[] = schemas.map((s) => ({ ...s, typeName: typeNames.get(s.key)! }));
  for (const s of withTypes) if (split.has(s.key)) s.writableName = types.allocate(`${s.typeName}Writable`);
  // The `types: { enums: "values" }` constants, after everything else: asking for them renames nothing.
  for (const s of withTypes) {
    const values = enumValuesOf(s.schema);
    if (!values) continue;
    s.valuesName = types.allocate(`${s.typeName}Values`);
    // `enums: object`: a constant named as its type (a value and a type may share a name), members local to it
    s.enumMembers = enumMemberNames(s.schema as JsonObject, values);
  }
  // The TanStack Query helpers (`client: { query: true }`), last for the same reason.
  for (const op of named) op.names.query = queryNames(types, op, op.names.method);
  // The factory of a client with some operations (`createOkraClientWith`), added after the names above
  // existed: it renames none of them.
  names.clientWithFactory = types.allocate(identifierOf(`create${base}ClientWith`, "createClientWith"));
  // Webhooks, last of all: a spec that adds one renames nothing. Their handler names are their own
  // namespace (the receiver's interface); their types share the package's.
  const webhookMethods = decideMethodNames(webhooks, bag, sources);
  const namedWebhooks: OperationIR[] = webhooks.map((op) => ({ ...op, names: operationNames(op, webhookMethods.get(op) ?? methodName(op.operationId), ctx) }));
  clientNames(types, namedWebhooks, bag, sources);
  if (webhooks.length) {
    names.webhookHandlers = types.allocate(identifierOf(`${base}WebhookHandlers`, "WebhookHandlers"));
    names.webhookOptions = types.allocate(identifierOf(`${base}WebhookOptions`, "WebhookOptions"));
    names.webhookSenderFactory = types.allocate(identifierOf(`create${base}WebhookSender`, "createWebhookSender"));
    names.webhookSender = types.allocate(identifierOf(`${base}WebhookSender`, "WebhookSender"));
    names.webhookSenderOptions = types.allocate(identifierOf(`${base}WebhookSenderOptions`, "WebhookSenderOptions"));
  }
  return { schemas: withTypes, operations: named, webhooks: namedWebhooks, names };
}

interface AliasContext {
  types: NameRegistry;
  typeNames: ReadonlyMap<string, string>;
  split: ReadonlySet<string>;
  bag: DiagnosticBag;
  sources: SourceMap;
  document: JsonObject;
}

/** Method names from operationIds: two explicit ones that meet are an error; a derived one takes a number. */
function decideMethodNames(operations: Omit<OperationIR, "names">[], bag: DiagnosticBag, sources: SourceMap): Map<Omit<OperationIR, "names">, string> {
  const methods = new Map<string, Omit<OperationIR, "names">>();
  const methodNames = new Map<Omit<OperationIR, "names">, string>();
  for (const op of operations.filter((o) => o.explicitId)) {
    const name = methodName(op.operationId);
    const other = methods.get(name);
    if (other) {
      const same = other.operationId === op.operationId;
      bag.add(error(
        "names/operation-collision",
        same
          ? `operationId '${op.operationId}' of ${where(op)} is also used by ${where(other)}`
          : `operationId '${op.operationId}' of ${where(op)} becomes '${name}', as does '${other.operationId}' of ${where(other)}`,
        sources.locate(`${op.pointer}/operationId`),
        "give one of the two operations another operationId",
      ));
      continue;
    }
    methods.set(name, op);
    methodNames.set(op, name);
  }
  for (const op of operations.filter((o) => !o.explicitId)) {
    const base = methodName(op.operationId);
    let name = base;
    for (let n = 2; methods.has(name); n++) name = `${base}${n}`;
    methods.set(name, op);
    methodNames.set(op, name);
  }
  return methodNames;
}

/** How a message names an operation: `GET /pets`, `webhook 'newPet' (POST)`, `callback 'onEvent' of POST /subscribe (POST)`. */
export function where(op: Pick<OperationIR, "httpMethod" | "path" | "webhook" | "callback">): string {
  if (op.callback) return `callback '${op.callback.name}' of ${op.callback.owners[0]!.httpMethod} ${op.callback.owners[0]!.path} (${op.httpMethod})`;
  return op.webhook === undefined ? `${op.httpMethod} ${op.path}` : `webhook '${op.webhook}' (${op.httpMethod})`;
}

/** The per-operation aliases (step 4). */
function operationNames(op: Omit<OperationIR, "names">, method: string, ctx: AliasContext): OperationNames {
  const { types, typeNames, split, bag, sources, document } = ctx;
  const type = pascalCase(method.replace(/_$/, ""), "Operation");
  const names: OperationNames = { method, type, byStatus: {}, schemaAliases: [], input: "", error: "", query: { key: "" } };
  const alias = (suffix: string, media?: MediaIR, shareSchema = true): string => {
    const want = `${type}${suffix}`;
    // A schema named like the alias that *is* that body (`ListCustomersRequest`): use it as the alias.
    const refKey = schemaRefKey(media);
    // (a request body that is a component with readOnly properties is its twin, not the component; a
    // webhook's request is sent by the API, as received: the component)
    if (shareSchema && refKey !== undefined && typeNames.get(refKey) === want && !(suffix.startsWith("Request") && split.has(refKey) && !sentByApi(op))) {
      names.schemaAliases.push(want);
      return want;
    }
    const got = types.allocate(want);
    if (got !== want) {
      // Say who has it: a schema, or another type made for the operations (two media types' bodies, ...).
      const bySchema = [...typeNames.values()].includes(want);
      bag.add(warning(
        "names/alias-renamed",
        `type '${want}' for ${where(op)} is taken (by ${bySchema ? "a schema" : "another type made for the operations"}); exported as '${got}'`,
        sources.locate(op.pointer),
        bySchema ? "rename the schema or the operationId to get the plain name" : "rename the operationId to get the plain name, or leave it",
      ));
    }
    return got;
  };
  if (op.parameters.path.length) names.pathParams = alias("PathParams");
  if (op.parameters.query.length) names.queryParams = alias("QueryParams");
  if (op.parameters.header.length) names.headerParams = alias("HeaderParams");
  if (op.parameters.cookie.length) names.cookieParams = alias("CookieParams");
  if (op.querystring) names.querystring = alias("QueryString");
  if (op.requestBody && op.requestBody.content.length) {
    const preferred = preferredMedia(op.requestBody.content)!;
    names.request = alias("Request", preferred);
    // A multipart body with files is validated with its files relaxed (openapi/file-parts.ts): never by
    // the validator of the component it is, so it does not take that component's name.
    const ownValidator = (m: MediaIR) => {
      if (bodyKind(m) !== "multipart") return false;
      const files = fileKeys(document, m.schema);
      return files.names.length > 0 || files.others;
    };
    names.requestBodies = requestBodyNames(op.requestBody.content, preferred, names.request, names.schemaAliases.includes(names.request), alias, ownValidator, (m) => takesString(document, m.schema));
  }
  const successes = op.responses.filter((r) => /^2/.test(r.status));
  if (successes.length) names.response = alias("Response", successes.length === 1 ? preferredMedia(successes[0]!.content) : undefined);
  const statusSuffix = (status: string) => `Response${status === "default" ? "Default" : status.toUpperCase()}`;
  for (const r of op.responses) setOwn(names.byStatus, r.status, alias(statusSuffix(r.status), preferredMedia(r.content)));
  for (const r of op.responses) {
    const others = responseBodyNames(r, statusSuffix(r.status), alias);
    if (others) setOwn((names.responseBodies ??= {}), r.status, others);
  }
  return names;
}

/**
 * Method names that would change how the client object behaves: `then` makes it a thenable (returning it
 * from an async function would call the API), the others are called implicitly by conversions.
 */
const CLIENT_OBJECT_NAMES = new Set(["then", "toString", "valueOf", "toJSON", "toLocaleString", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable"]);

/** `listCustomers`; reserved words and names with a meaning on the client object get a trailing `_`. */
export function methodName(operationId: string): string {
  const name = camelCase(operationId);
  return CLIENT_OBJECT_NAMES.has(name) ? `${name}_` : name;
}

/** Per operation the client's input and error types (`GetPetInput`, `GetPetError`). */
function clientNames(types: NameRegistry, operations: OperationIR[], bag: DiagnosticBag, sources: SourceMap): void {
  for (const op of operations) {
    op.names.input = clientName(types, `${op.names.type}Input`, op, bag, sources);
    op.names.error = clientName(types, `${op.names.type}Error`, op, bag, sources);
  }
}

function clientName(types: NameRegistry, want: string, op: OperationIR, bag: DiagnosticBag, sources: SourceMap): string {
  const got = types.allocate(want);
  if (got !== want) {
    bag.add(warning("names/alias-renamed", `type '${want}' for ${where(op)} is taken; exported as '${got}'`, sources.locate(op.pointer), "rename the schema or the operationId to get the plain name"));
  }
  return got;
}

/**
 * The values of a schema that is an enum of JSON scalars (what `types: { enums: "values" }` exports), else
 * undefined; also undefined when a value is not of the schema's `type` (`type: object, enum: [PKW]` validates
 * nothing and is typed as its object: no value could be of that type). `null` fits any type: the union
 * openapi-typescript writes for the enum holds it.
 */
export function enumValuesOf(schema: unknown): Array<string | number | boolean | null> | undefined {
  if (typeof schema !== "object" || schema === null || !Array.isArray((schema as { enum?: unknown }).enum)) return undefined;
  const { enum: values, type } = schema as { enum: unknown[]; type?: unknown };
  const types = typeof type === "string" ? [type] : Array.isArray(type) ? type : undefined;
  const fits = (v: unknown) =>
    types === undefined ||
    (v === null ? true : typeof v === "number" ? types.includes("number") || (types.includes("integer") && Number.isInteger(v)) : types.includes(typeof v));
  return values.length > 0 && values.every((v) => (v === null || ["string", "number", "boolean"].includes(typeof v)) && fits(v)) ? (values as Array<string | number | boolean | null>) : undefined;
}
