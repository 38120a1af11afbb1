/**
 * The order of `mock --stateful`'s lists, where the operation declares how to ask for one: a query parameter
 * naming the property (`sort`, `sort_by`, `sortBy`, `order_by`, `orderBy`, `_sort`) and one naming the
 * direction (`direction`, `order`, `sort_order`, `sortOrder`, `_order`, `dir`: `asc` or `desc`). A value not
 * given is the parameter's `default` (GitHub's issues: `sort` created, `direction` desc). The property may be
 * written with a leading `-` for descending (json-server 1's `_sort=-views`), and `created` reads the entity's
 * `created_at` or `createdAt` where it has no `created` (as GitHub's `sort=created` means). A property the
 * entity does not have leaves the order of writing, as does a list asked for with neither.
 */
import type { OperationIR } from "../ir/types.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { deref } from "../openapi/schema-deref.js";

const BY = ["sort", "sort_by", "sortBy", "order_by", "orderBy", "_sort"];
const DIRECTION = ["direction", "order", "sort_order", "sortOrder", "_order", "dir"];

/** `all` in the order the request asks for (a copy), or `all` itself. */
export function sortedList(document: JsonObject, op: OperationIR, query: Record<string, unknown> | undefined, all: JsonObject[], properties: readonly string[]): JsonObject[] {
  const asked = (names: string[]): string | undefined => {
    for (const name of names) {
      const param = op.parameters.query.find((q) => q.name === name);
      if (!param) continue;
      const given = query?.[name];
      const value = (Array.isArray(given) ? given[0] : given) ?? defaultOf(document, param.schema);
      if (typeof value === "string" && value !== "") return value;
    }
    return undefined;
  };
  const written = asked(BY);
  if (written === undefined) return all;
  const descending = written.startsWith("-");
  const name = descending ? written.slice(1) : written;
  const property = [name, `${name}_at`, `${name}At`].find((p) => properties.includes(p));
  if (property === undefined) return all;
  const direction = asked(DIRECTION)?.toLowerCase();
  const sign = direction === "desc" || (direction !== "asc" && descending) ? -1 : 1;
  return [...all].sort((a, b) => compare(a[property], b[property], sign));
}

function defaultOf(document: JsonObject, schema: unknown): unknown {
  const s = deref(document, schema);
  return isObject(s) ? s.default : undefined;
}

/** Numbers by value, text (ISO dates too) by code point; an entity without the property last either way. */
function compare(a: unknown, b: unknown, sign: number): number {
  if (a === undefined || a === null || b === undefined || b === null) return Number(a === undefined || a === null) - Number(b === undefined || b === null);
  if (typeof a === "number" && typeof b === "number") return sign * (a - b);
  const [x, y] = [String(a), String(b)];
  return sign * (x < y ? -1 : x > y ? 1 : 0);
}
