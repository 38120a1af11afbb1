/**
 * The intermediate representation every emitter reads (after hey-api's `ir/types.ts`): operations with
 * their parameters by location, bodies by media type, responses by status and security; named schemas;
 * and every exported identifier, decided once by `names/`. Schemas stay JSON Schema 2020-12 objects
 * (the normalized document's own), referenced by pointer, so emitters never re-resolve or re-normalize.
 */
import type { JsonObject } from "../openapi/kinds.js";
import type { SourceMap } from "../bundle/source-map.js";

export type ParameterLocation = "path" | "query" | "header" | "cookie";

export interface ParameterIR {
  name: string;
  in: ParameterLocation;
  required: boolean;
  description?: string;
  deprecated: boolean;
  /** The schema, or the schema of the single `content` entry for content-style parameters. */
  schema?: JsonObject | boolean;
  /** Set for parameters described by `content` (serialized as that media type, not by style). */
  contentType?: string;
  style: string;
  explode: boolean;
  allowReserved: boolean;
  pointer: string;
}

/**
 * OpenAPI 3.2's `in: querystring` parameter: the whole query string as one value, serialized as its one
 * `content` media type (form-urlencoded: its object's properties as `name=value` pairs; JSON: the JSON text).
 */
export interface QuerystringIR {
  name: string;
  required: boolean;
  description?: string;
  deprecated: boolean;
  contentType: string;
  schema?: JsonObject | boolean;
  /** The content entry's `encoding` (form-urlencoded: per property style and explode). */
  encoding?: JsonObject;
  pointer: string;
}

/** How a body under a media range (`*\/*`) is read and sent: see `rangeReading` (ir/media.ts). */
export type RangeReading = "json" | "text" | "bytes";

export interface MediaIR {
  mediaType: string;
  schema?: JsonObject | boolean;
  /** For a media range only: what its body is, by its schema (`rangeReading`). */
  range?: RangeReading;
  /** Named examples (`examples` after normalize), values only. */
  examples: Record<string, unknown>;
  encoding?: JsonObject;
  pointer: string;
}

export interface RequestBodyIR {
  required: boolean;
  description?: string;
  content: MediaIR[];
}

export interface ResponseIR {
  /** `"200"`, `"4XX"` or `"default"`, as in the spec. */
  status: string;
  description?: string;
  content: MediaIR[];
  headers: Record<string, JsonObject>;
  pointer: string;
}

export type SecurityRequirement = Record<string, string[]>;

/** Names decided for one operation's exported aliases (`undefined` when the part does not exist). */
export interface OperationNames {
  /** Client method name (camelCase, may be a reserved word used as a property name). */
  method: string;
  /** Base for type names (PascalCase). */
  type: string;
  pathParams?: string;
  queryParams?: string;
  headerParams?: string;
  cookieParams?: string;
  /** The `in: querystring` parameter's value (`ListProductsQueryString`). */
  querystring?: string;
  request?: string;
  /**
   * Per request media type a server validates (JSON, forms, multipart), the name of its body's type and
   * validator: `request` for the preferred one and any other with an equal schema, else its own
   * (`CreateProfileRequestForm`). Keys are the spec's media types.
   */
  requestBodies?: Record<string, string>;
  response?: string;
  /** Alias per documented status: `"404"` -> `GetPetResponse404`. */
  byStatus: Record<string, string>;
  /**
   * Per status, its other JSON media types whose schema is not the preferred one's: the name of each one's
   * type and validator (names/response-bodies.ts). Keys are the spec's statuses and media types.
   */
  responseBodies?: Record<string, Record<string, string>>;
  /** Names above that are a component schema's own type (the body is exactly that schema): not re-exported. */
  schemaAliases: string[];
  /** The client's input type of the operation (`GetPetInput`). */
  input: string;
  /** The client's union of the operation's documented errors (`GetPetError`). */
  error: string;
  /** The TanStack Query helpers of `src/query.ts` (`client: { query: true }`) the operation gets. */
  query: QueryNames;
}

/** `getPetKey`, and by what the operation is: `getPetQuery` (reads), `listPetsInfiniteQuery` (paged), `addPetMutation` (writes). */
export interface QueryNames {
  key: string;
  query?: string;
  infinite?: string;
  mutation?: string;
}

/** Names of the package as a whole, from its package name (`@acme/okra` -> `createOkraClient`). */
export interface PackageNames {
  clientFactory: string;
  client: string;
  clientOptions: string;
  /** The factory of a client with only the operations given (`createOkraClientWith`), from the package's `./operations`. */
  clientWithFactory: string;
  /** The server's interface of typed handlers (`OkraHandlers`) and its options type (`OkraServerOptions`). */
  handlers: string;
  serverOptions: string;
  /** The webhook receiver's handlers interface and options type (`OkraWebhookHandlers`, `OkraWebhookOptions`), when the spec has webhooks. */
  webhookHandlers?: string;
  webhookOptions?: string;
  /** The client's webhook sender (`createOkraWebhookSender`, `OkraWebhookSender`, `OkraWebhookSenderOptions`), when the spec has webhooks. */
  webhookSenderFactory?: string;
  webhookSender?: string;
  webhookSenderOptions?: string;
}

/** A request field of `x-pagination`: a query parameter or a top-level property of the body. */
export interface PageFieldIR {
  in: "query" | "body";
  name: string;
}

/**
 * `x-pagination` (docs/spec-conventions.md), checked, one member per kind: where the request says which
 * page it wants, and the pointers (split into segments) into the success body that give the items and the next page.
 */
export type PaginationIR = PagePaginationIR | CursorPaginationIR | OffsetPaginationIR | LinkPaginationIR;

/** `kind: page`: page numbers. */
export interface PagePaginationIR {
  kind: "page";
  page: PageFieldIR;
  size?: PageFieldIR;
  firstPage: number;
  items: string[];
  currentPage?: string[];
  totalPages?: string[];
  nextPage?: string[];
  hasNextPage?: string[];
}

/** `kind: cursor`: an opaque cursor read from the body (`nextCursor`) or from the last item (`itemCursor`, Stripe's `starting_after`). */
export interface CursorPaginationIR {
  kind: "cursor";
  cursor: PageFieldIR;
  items: string[];
  nextCursor?: string[];
  itemCursor?: string[];
  hasNextPage?: string[];
}

/** `kind: offset`: the offset of the first item asked for, advanced by each page's item count. */
export interface OffsetPaginationIR {
  kind: "offset";
  offset: PageFieldIR;
  size?: PageFieldIR;
  items: string[];
  /** The number of items there are in all. */
  total?: string[];
}

/** `kind: link`: the next page is the URL of the response's `Link` header with `rel="next"` (RFC 8288), as GitHub pages. */
export interface LinkPaginationIR {
  kind: "link";
  /** `[]` when the body itself is the array. */
  items: string[];
}

export interface OperationIR {
  operationId: string;
  /** False when the spec has no operationId and we derived one from method and path. */
  explicitId: boolean;
  /** The key that holds it: a fixed field (`get`, `query`) or an `additionalOperations` key as written (`LINK`). */
  method: string;
  /** The method sent: `GET`, `QUERY`, `LINK`. */
  httpMethod: string;
  /** From the path item to the operation: `["get"]`, `["additionalOperations", "LINK"]` (where openapi-typescript's `paths` types it). */
  segments: string[];
  /** Its path template; for a request the API sends, where `createWebhookHandler` serves it (`route` percent-encoded). */
  path: string;
  pointer: string;
  /** The key under `webhooks` when this is a webhook (a request the API sends); absent for operations under `paths`. */
  webhook?: string;
  /** Where this callback comes from, when it is one (a request the API sends to a URL an operation's request names). */
  callback?: CallbackIR;
  /** For a webhook or callback: its route under the receiver's base path, each segment as text (`["order.shipped"]`). */
  route?: string[];
  summary?: string;
  description?: string;
  tags: string[];
  deprecated: boolean;
  parameters: Record<ParameterLocation, ParameterIR[]>;
  /** The `in: querystring` parameter (OpenAPI 3.2); an operation with one has no `query` parameters. */
  querystring?: QuerystringIR;
  requestBody?: RequestBodyIR;
  responses: ResponseIR[];
  /** Effective security: the operation's own, else the document's; `[]` means none. */
  security: SecurityRequirement[];
  /** The `x-pagination` extension, when the operation is paged. */
  pagination?: PaginationIR;
  /**
   * The operation's own `servers`, else its path item's (OpenAPI: they replace the document's for it, as
   * GitHub's release asset upload goes to uploads.github.com); absent when neither lists one, and for a
   * request the API sends.
   */
  servers?: ServerIR[];
  names: OperationNames;
}

/** A callback: the operations that declare it, its name there and the runtime expression of its URL. */
export interface CallbackIR {
  /** Its key in the operation's `callbacks` (`onEvent`). */
  name: string;
  /** The URL as the spec writes it, a runtime expression (`{$request.body#/callbackUrl}`). */
  expression: string;
  /** The operations that declare it (a `components.callbacks` entry may be shared): the first is where its types are. */
  owners: { operationId: string; httpMethod: string; path: string; segments: string[] }[];
}

export interface SchemaIR {
  /** Key under `components/schemas`. */
  key: string;
  /** For an enum of scalars: the name of its values constant (`PetStatusValues`), exported on request. */
  valuesName?: string;
  /** For an enum of scalars: its members' names in the constant object `types: { enums: object }` exports (`Available`). */
  enumMembers?: string[];
  typeName: string;
  /** For a component with readOnly or writeOnly properties (openapi/read-write.ts): its request twin's type. */
  writableName?: string;
  pointer: string;
  schema: JsonObject | boolean;
  description?: string;
}

export interface ServerIR {
  url: string;
  description?: string;
  variables: Record<string, { default: string; enum?: string[]; description?: string }>;
}

export interface ApiIR {
  title: string;
  version: string;
  description?: string;
  /** The version the input declared, before normalizing to 3.1. */
  sourceVersion: string;
  servers: ServerIR[];
  securitySchemes: Record<string, JsonObject>;
  operations: OperationIR[];
  /**
   * The requests the API sends, named after everything else (adding one renames nothing): the operations of
   * `webhooks`, then of the operations' `callbacks` (each path item and method once, however many share it).
   */
  webhooks: OperationIR[];
  schemas: SchemaIR[];
  names: PackageNames;
  /** The bundled, normalized OpenAPI 3.1 document. */
  document: JsonObject;
  sources: SourceMap;
  /** JSON Schema documents beside a spec fetched by URL that its schema resources reach, by URL (bundle/remote-schemas.ts). */
  remoteSchemas: Record<string, unknown>;
}
