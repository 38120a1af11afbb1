/**
 * `x-pagination` (docs/spec-conventions.md) read and checked once, so the client emitter gets pointers
 * already split and never meets a malformed extension. Every problem names its place in the spec.
 */
import { error, type DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../bundle/source-map.js";
import { isObject } from "../openapi/kinds.js";
import { segmentsOf } from "../openapi/pointer.js";
import type { OperationIR, PaginationIR } from "./types.js";

type Operation = Pick<OperationIR, "httpMethod" | "path" | "pointer" | "parameters" | "requestBody" | "responses">;

const POINTERS = ["currentPage", "totalPages", "nextPage", "hasNextPage"] as const;

export function paginationOf(raw: unknown, op: Operation, bag: DiagnosticBag, sources: SourceMap): PaginationIR | undefined {
  if (raw === undefined) return undefined;
  const at = `${op.pointer}/x-pagination`;
  const where = `x-pagination of ${op.httpMethod} ${op.path}`;
  const problems: Array<[string, string, string]> = [];
  const fail = (sub: string, message: string, help: string) => problems.push([sub, message, help]);
  if (!isObject(raw)) {
    fail("", `${where} is not an object`, "describe the paging as in docs/spec-conventions.md");
  } else {
    if (raw.kind !== "page") fail("/kind", `${where}: kind ${JSON.stringify(raw.kind ?? null)} is not supported`, "use `kind: page` (page-number pagination)");
    const field = (name: "page" | "size") => {
      const f = raw[name];
      if (f === undefined && name === "size") return undefined;
      if (!isObject(f) || (f.in !== "query" && f.in !== "body") || typeof f.name !== "string" || f.name === "") {
        fail(`/${name}`, `${where}: '${name}' must be { in: query | body, name: <field> }`, `name the request field that holds the ${name === "page" ? "page number" : "page size"}`);
        return undefined;
      }
      if (f.in === "query" && !op.parameters.query.some((p) => p.name === f.name)) {
        fail(`/${name}`, `${where}: '${name}' names query parameter '${f.name}', which the operation does not declare`, "declare the parameter or fix its name");
      }
      if (f.in === "body" && !op.requestBody?.content.length) {
        fail(`/${name}`, `${where}: '${name}' is in the body, but the operation has no request body`, "use `in: query` or add the request body");
      }
      return { in: f.in, name: f.name } as const;
    };
    const page = field("page");
    const size = field("size");
    const firstPage = raw.firstPage ?? 1;
    if (typeof firstPage !== "number" || !Number.isInteger(firstPage)) fail("/firstPage", `${where}: firstPage must be an integer`, "use 0 or 1");
    const pointer = (name: string): string[] | undefined => {
      const p = raw[name];
      if (p === undefined) return undefined;
      if (typeof p !== "string" || (p !== "" && !p.startsWith("/"))) {
        fail(`/${name}`, `${where}: ${name} must be a JSON pointer into the response body, like /data/items`, "write the pointer with a leading '/'");
        return undefined;
      }
      return segmentsOf(p);
    };
    const items = pointer("items");
    if (raw.items === undefined) fail("", `${where} has no 'items' pointer`, "point `items` at the array of items in the response body");
    const pointers = Object.fromEntries(POINTERS.map((n) => [n, pointer(n)]));
    if (!pointers.nextPage && !pointers.hasNextPage && !pointers.totalPages) {
      fail("", `${where} gives no way to detect the last page`, "add nextPage, hasNextPage or totalPages (with currentPage)");
    }
    if (!op.responses.some((r) => /^2/.test(r.status))) fail("", `${where}: the operation documents no 2xx response to page through`, "document the success response");
    if (!problems.length && page && items) {
      return { kind: "page", page, ...(size ? { size } : {}), firstPage: firstPage as number, items, ...definedOnly(pointers) };
    }
  }
  for (const [sub, message, help] of problems) bag.add(error("check/x-pagination", message, sources.locate(`${at}${sub}`), help));
  return undefined;
}

function definedOnly(record: Record<string, string[] | undefined>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(record).filter((e): e is [string, string[]] => e[1] !== undefined));
}
