/**
 * The order of `mock --stateful`'s lists, where the operation declares how to ask for one: a query parameter
 * naming the property (`sort`, `sort_by`, `sortBy`, `order_by`, `orderBy`, `_sort`) and one naming the
 * direction (`direction`, `order`, `sort_order`, `sortOrder`, `_order`, `dir`: `asc` or `desc`). A value not
 * given is the parameter's `default` (GitHub's issues: `sort` created, `direction` desc). The property may be
 * written with a leading `-` for descending (json-server 1's `_sort=-views`), and `created` reads the entity's
 * `created_at` or `createdAt` where it has no `created` (as GitHub's `sort=created` means). Ties keep the
 * order of writing (reversed when descending: newest first). A property the entity does not have leaves the
 * order of writing, as does a list asked for with neither.
 */
import type { OperationIR } from "../ir/types.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { deref } from "../openapi/schema-deref.js";

const BY = ["sort", "sort_by", "sortBy", "order_by", "orderBy", "_sort"];
const DIRECTION = ["direction", "order", "sort_order", "sortOrder", "_order", "dir"];

/** `all` (in the order of writing) in the order the request asks for (a copy), or `all` itself. */
export function sortedList(document: JsonObject, op: OperationIR, query: Record<string, unknown> | undefined, all: JsonObject[], properties: readonly string[]): JsonObject[] {
  // the value sent, else the parameter's default (`sent` says which)
  const asked = (names: string[]): { value: string; sent: boolean } | undefined => {
    for (const name of names) {
      const param = op.parameters.query.find((q) => q.name === name);
      if (!param) continue;
      const given = query?.[name];
      const sent = Array.isArray(given) ? given[0] : given;
      const value = sent ?? defaultOf(document, param.schema);
      if (typeof value === "string" && value !== "") return { value, sent: sent !== undefined };
    }
    return undefined;
  };
  const by = asked(BY);
  if (by === undefined) return all;
  const descending = by.value.startsWith("-");
  const name = descending ? by.value.slice(1) : by.value;
  const property = [name, `${name}_at`, `${name}At`].find((p) => properties.includes(p));
  if (property === undefined) return all;
  // a direction sent wins over a leading -, which wins over a direction's default
  const direction = asked(DIRECTION);
  const chosen = direction?.sent || !descending ? direction?.value.toLowerCase() : "desc";
  const sign = chosen === "desc" ? -1 : 1;
  // ties (entities made alike from the example) keep the order of writing, reversed with the rest when descending
  return all.map((entity, i) => ({ entity, i })).sort((a, b) => compare(a.entity[property], b.entity[property], sign) || sign * (a.i - b.i)).map((x) => x.entity);
}

function defaultOf(document: JsonObject, schema: unknown): unknown {
  const s = deref(document, schema);
  return isObject(s) ? s.default : undefined;
}

/** An RFC 3339 date-time or date: compared as a time, whatever its offset and fraction. */
const DATE = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?$/;

/** Kinds in the order they sort: numbers, dates, other text, anything else; an entity without the property last either way. */
function rank(v: unknown): number {
  if (v === undefined || v === null) return 4;
  if (typeof v === "number") return 0;
  if (typeof v === "string") return DATE.test(v) && Number.isFinite(Date.parse(v)) ? 1 : 2;
  return 3;
}

/** Numbers by value, dates by time, text by code point, other values by their JSON. */
function compare(a: unknown, b: unknown, sign: number): number {
  const [ra, rb] = [rank(a), rank(b)];
  if (ra !== rb) return ra === 4 || rb === 4 ? ra - rb : sign * (ra - rb);
  if (ra === 4) return 0;
  if (ra === 0) return sign * ((a as number) - (b as number));
  if (ra === 1) return sign * (Date.parse(a as string) - Date.parse(b as string));
  const [x, y] = ra === 2 ? [a as string, b as string] : [JSON.stringify(a), JSON.stringify(b)];
  return sign * (x < y ? -1 : x > y ? 1 : 0);
}
