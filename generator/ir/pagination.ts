/**
 * `x-pagination` (docs/spec-conventions.md) read and checked once, so the client emitter gets pointers
 * already split and never meets a malformed extension. Every problem names its place in the spec.
 */
import { error, type DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../bundle/source-map.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { segmentsOf } from "../openapi/pointer.js";
import type { OperationIR, PageFieldIR, PaginationIR } from "./types.js";

type Operation = Pick<OperationIR, "httpMethod" | "path" | "pointer" | "parameters" | "requestBody" | "responses">;
type Fail = (sub: string, message: string, help: string) => void;

const KINDS = "`kind: page` (page numbers), `kind: cursor` (a cursor from the body or the last item), `kind: offset` (an item offset) or `kind: link` (the Link header's rel=\"next\")";

export function paginationOf(raw: unknown, op: Operation, bag: DiagnosticBag, sources: SourceMap): PaginationIR | undefined {
  if (raw === undefined) return undefined;
  const at = `${op.pointer}/x-pagination`;
  const where = `x-pagination of ${op.httpMethod} ${op.path}`;
  const problems: Array<[string, string, string]> = [];
  const fail: Fail = (sub, message, help) => problems.push([sub, message, help]);
  let result: PaginationIR | undefined;
  if (!isObject(raw)) fail("", `${where} is not an object`, "describe the paging as in docs/spec-conventions.md");
  else result = read(raw, op, where, fail);
  if (!problems.length && result) return result;
  for (const [sub, message, help] of problems) bag.add(error("check/x-pagination", message, sources.locate(`${at}${sub}`), help));
  return undefined;
}

function read(raw: JsonObject, op: Operation, where: string, fail: Fail): PaginationIR | undefined {
  const field = (name: string, what: string, optional = false): PageFieldIR | undefined => {
    const f = raw[name];
    if (f === undefined && optional) return undefined;
    if (!isObject(f) || (f.in !== "query" && f.in !== "body") || typeof f.name !== "string" || f.name === "") {
      fail(`/${name}`, `${where}: '${name}' must be { in: query | body, name: <field> }`, `name the request field that holds ${what}`);
      return undefined;
    }
    if (f.in === "query" && !op.parameters.query.some((p) => p.name === f.name)) {
      fail(`/${name}`, `${where}: '${name}' names query parameter '${f.name}', which the operation does not declare`, "declare the parameter or fix its name");
    }
    if (f.in === "body" && !op.requestBody?.content.length) {
      fail(`/${name}`, `${where}: '${name}' is in the body, but the operation has no request body`, "use `in: query` or add the request body");
    }
    return { in: f.in, name: f.name };
  };
  const pointer = (name: string, into = "the response body"): string[] | undefined => {
    const p = raw[name];
    if (p === undefined) return undefined;
    if (typeof p !== "string" || (p !== "" && !p.startsWith("/"))) {
      fail(`/${name}`, `${where}: ${name} must be a JSON pointer into ${into}, like ${into === "the response body" ? "/data/items" : "/id"}`, "write the pointer with a leading '/'");
      return undefined;
    }
    return segmentsOf(p);
  };
  const kind = raw.kind;
  if (kind !== "page" && kind !== "cursor" && kind !== "offset" && kind !== "link") {
    fail("/kind", `${where}: kind ${JSON.stringify(kind ?? null)} is not supported`, `use ${KINDS}`);
    return undefined;
  }
  if (!op.responses.some((r) => /^2/.test(r.status))) fail("", `${where}: the operation documents no 2xx response to page through`, "document the success response");
  // the Link header says where the next page is; the items are the body itself unless a pointer says otherwise
  if (kind === "link") {
    const items = raw.items === undefined ? [] : pointer("items");
    return items ? { kind, items } : undefined;
  }
  const items = pointer("items");
  if (raw.items === undefined) fail("", `${where} has no 'items' pointer`, "point `items` at the array of items in the response body");
  if (kind === "cursor") {
    const cursor = field("cursor", "the cursor");
    const ends = definedOnly({ nextCursor: pointer("nextCursor"), itemCursor: pointer("itemCursor", "an item"), hasNextPage: pointer("hasNextPage") });
    if ((raw.nextCursor === undefined) === (raw.itemCursor === undefined)) {
      fail("", `${where} needs one of nextCursor (in the body) and itemCursor (in the last item)`, "say where the next cursor is read: nextCursor: /meta/next, or itemCursor: /id as Stripe's starting_after");
    }
    return cursor && items ? { kind, cursor, items, ...ends } : undefined;
  }
  if (kind === "offset") {
    const offset = field("offset", "the offset of the first item");
    const size = field("size", "the page size", true);
    return offset && items ? { kind, offset, ...(size ? { size } : {}), items, ...definedOnly({ total: pointer("total") }) } : undefined;
  }
  const page = field("page", "the page number");
  const size = field("size", "the page size", true);
  const firstPage = raw.firstPage ?? 1;
  if (typeof firstPage !== "number" || !Number.isInteger(firstPage)) fail("/firstPage", `${where}: firstPage must be an integer`, "use 0 or 1");
  const pointers = definedOnly({ currentPage: pointer("currentPage"), totalPages: pointer("totalPages"), nextPage: pointer("nextPage"), hasNextPage: pointer("hasNextPage") });
  if (!pointers.nextPage && !pointers.hasNextPage && !pointers.totalPages) {
    fail("", `${where} gives no way to detect the last page`, "add nextPage, hasNextPage or totalPages (with currentPage)");
  }
  return page && items ? { kind, page, ...(size ? { size } : {}), firstPage: firstPage as number, items, ...pointers } : undefined;
}

/**
 * Without `x-pagination`, a GET whose 2xx response documents a `Link` header (any case) and whose body is an
 * array pages by that header (`kind: link`), as GitHub's REST description says of its lists.
 */
export function impliedLinkPagination(op: Pick<OperationIR, "httpMethod" | "responses">, deref: (value: unknown) => { node: JsonObject | undefined }): PaginationIR | undefined {
  if (op.httpMethod !== "GET") return undefined;
  const paged = op.responses.some((r) => /^2/.test(r.status)
    && Object.keys(r.headers).some((h) => h.toLowerCase() === "link")
    && r.content.some((m) => isArraySchema(deref(m.schema).node)));
  return paged ? { kind: "link", items: [] } : undefined;
}

function isArraySchema(schema: JsonObject | undefined): boolean {
  return schema !== undefined && (schema.type === "array" || (Array.isArray(schema.type) && schema.type.includes("array")));
}

/** The pointers given, without the absent ones (the IR has no `undefined` members). */
function definedOnly<K extends string>(record: Record<K, string[] | undefined>): Partial<Record<K, string[]>> {
  return Object.fromEntries(Object.entries(record).filter((e) => e[1] !== undefined)) as Partial<Record<K, string[]>>;
}
