/**
 * The stored entities a stateful list answers (stateful.ts): those equal, member by member, to each
 * query parameter named as one of the entity's scalar properties whose value it may be (`?status=sold`, as
 * json-server filters; text compared, a list parameter matching any of its values, a list property holding
 * one); then the page, by the operation's `x-pagination`
 * where it has one (kind `offset` or `page`, its query fields, `firstPage`; kind `cursor`: the entities after
 * the one whose `itemCursor` member is the cursor, or after the offset a `nextCursor` of the mock's making
 * holds, the offset as text; a cursor it cannot place is said, for a 400; kind `link`: `page` and `per_page` as GitHub's), else by query parameters of the
 * usual names (`offset`/`skip` with `limit`/`size`/`per_page`/`pageSize`, or `page`, 1 the first unless its
 * schema's minimum or default is 0); then the answer's totals: the pointers `x-pagination` names (a cursor
 * kind's next cursor and `hasNextPage` from what is left), a number at the top, or in one of its objects
 * (`meta.total`), named `count`, `total`, `totalCount`, `total_count` or `totalItems`; a `link` kind's
 * `Link: <...>; rel="next"` while pages are left.
 */
import type { OperationIR } from "../ir/types.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { setOwn } from "../openapi/own.js";

const OFFSETS = ["offset", "skip", "_start"];
const SIZES = ["limit", "size", "per_page", "perPage", "pageSize", "page_size", "_limit"];
const PAGES = ["page", "_page", "pageNumber", "page_number"];
const TOTALS = ["count", "total", "totalCount", "total_count", "totalItems"];

interface Slice {
  from: number;
  size?: number;
  /** The query parameters that said the size and the page: an answer's number of the same name is set to them. */
  sizeName?: string;
  pageName?: string;
  /** The page asked for, and the number of the first, where the list is paged by number. */
  page?: number;
  first?: number;
  /** Whether entities are left after the page (set by pageOfList). */
  more?: boolean;
  /** A cursor the list cannot place (no entity's, none of the mock's making): the request is refused, not answered an empty page a client would read as the end. */
  unknownCursor?: { name: string; value: string; item: boolean };
}

/**
 * The entities `query` asks for: the page of those matching it, and how many match. `filters`: whether a
 * query parameter `name` with `value` filters by the entity's property of that name.
 */
export function pageOfList(op: OperationIR, query: Record<string, unknown> | undefined, all: JsonObject[], filters: (name: string, value: unknown) => boolean): { items: JsonObject[]; total: number; slice: Slice } {
  const given = query ?? {};
  const paging = pagingNames(op);
  const asked = op.parameters.query
    .filter((q) => !paging.includes(q.name) && Object.hasOwn(given, q.name) && given[q.name] !== undefined && filters(q.name, given[q.name]))
    .map((q) => [q.name, wanted(given[q.name])] as const);
  // a property holding a list of scalars matches where it holds one of the values
  const held = (value: unknown) => (Array.isArray(value) ? value.map(text) : [text(value)]);
  const matching = asked.length ? all.filter((e) => asked.every(([name, values]) => values !== undefined && Object.hasOwn(e, name) && held(e[name]).some((h) => values.includes(h)))) : all;
  const slice = sliceOf(op, given, all, matching);
  const items = matching.slice(slice.from, slice.size === undefined ? undefined : slice.from + slice.size);
  // a size of 0 pages nothing: a next page, never reaching what is left, would lead a client on forever
  slice.more = slice.size !== 0 && slice.from + items.length < matching.length;
  return { items, total: matching.length, slice };
}

/** A filter's values as text (a list parameter: any of them); undefined for one that is no scalar or list of them (matches nothing). */
function wanted(value: unknown): string[] | undefined {
  const values = Array.isArray(value) ? value : [value];
  return values.every((v) => v === null || typeof v !== "object") ? values.map(text) : undefined;
}

function text(value: unknown): string {
  return value === null || typeof value !== "object" ? String(value) : JSON.stringify(value);
}

/**
 * `body` (a copy of the stateless list answer, the items in place) with its totals set for `total` entities:
 * numbers only, where it has them; a cursor kind's next cursor (`endCursor` after the last page: null, or ""
 * where the answer's schema allows no null) and `hasNextPage`.
 */
export function setTotals(op: OperationIR, body: unknown, total: number, slice: Slice, endCursor: null | "" = null): void {
  const p = op.pagination;
  const pages = slice.size ? Math.max(1, Math.ceil(total / slice.size)) : 1;
  if (p?.kind === "page") {
    if (p.currentPage && slice.page !== undefined) setNumber(body, p.currentPage, slice.page);
    if (p.totalPages) setNumber(body, p.totalPages, pages);
  }
  if (p?.kind === "offset" && p.total) setNumber(body, p.total, total);
  if (p?.kind === "cursor") {
    if (p.hasNextPage) setMember(body, p.hasNextPage, slice.more === true);
    // the mock's own cursor: the offset of the next page, as text; none after the last
    if (p.nextCursor) setMember(body, p.nextCursor, slice.more ? String(slice.from + (slice.size ?? 0)) : endCursor);
  }
  const nested = isObject(body) ? Object.keys(body).filter((k) => isObject(body[k])).map((k) => [k]) : [];
  for (const name of TOTALS) for (const parent of [[], ...nested]) setNumber(body, [...parent, name], total);
  if (slice.sizeName && slice.size !== undefined) setNumber(body, [slice.sizeName], slice.size);
  if (slice.pageName && slice.page !== undefined) setNumber(body, [slice.pageName], slice.page);
}

/** The query parameters that page the list, which filter nothing. */
function pagingNames(op: OperationIR): string[] {
  const p = op.pagination;
  const fields = p?.kind === "page" ? [p.page, p.size] : p?.kind === "offset" ? [p.offset, p.size] : p?.kind === "cursor" ? [p.cursor] : [];
  return [...OFFSETS, ...SIZES, ...PAGES, ...fields.flatMap((f) => (f ? [f.name] : []))];
}

function sliceOf(op: OperationIR, query: Record<string, unknown>, all: JsonObject[], matching: JsonObject[]): Slice {
  const p = op.pagination;
  const declared = op.parameters.query.map((q) => q.name);
  const named = (names: string[]) => names.find((n) => declared.includes(n));
  const inQuery = (f: { in: string; name: string } | undefined) => (f?.in === "query" ? f.name : undefined);
  // x-pagination's names where it gives them; a cursor's and a Link header's pages are sized by the usual names
  const sizeName = p && (p.kind === "page" || p.kind === "offset") ? inQuery(p.size) : named(SIZES);
  const size = count(query[sizeName ?? ""]);
  if (p?.kind === "cursor") {
    const name = inQuery(p.cursor) ?? "";
    const cursor = query[name];
    // an empty cursor is none: a client's first request, or the "" that ends a list whose cursor is never null
    if (cursor === undefined || cursor === "") return { from: 0, size, sizeName };
    const from = cursorFrom(p.itemCursor, String(cursor), all, matching);
    if (from === undefined) return { from: matching.length, size, sizeName, unknownCursor: { name, value: String(cursor), item: p.itemCursor !== undefined } };
    return { from, size, sizeName };
  }
  const pageName = p ? (p.kind === "page" ? inQuery(p.page) : p.kind === "link" ? named(PAGES) : undefined) : named(PAGES);
  if (pageName !== undefined) {
    const first = p?.kind === "page" ? p.firstPage : zeroBased(op, pageName) ? 0 : 1;
    // a page before the first is the first, and is said to be: its number written back, its next link the second
    const page = Math.max(count(query[pageName]) ?? first, first);
    return { from: size === undefined ? 0 : (page - first) * size, size, sizeName, page, pageName, first };
  }
  const offsetName = p ? (p.kind === "offset" ? inQuery(p.offset) : undefined) : named(OFFSETS);
  return { from: count(query[offsetName ?? ""]) ?? 0, size, sizeName };
}

/**
 * Where the page after `cursor` starts among `matching` (those of `all` the query's filters keep): after the
 * entity whose `itemCursor` member is it (Stripe's `starting_after`; one the filters no longer keep, changed
 * since the page before, still places it), else at the offset a cursor of the mock's making holds (past the
 * end of a list that has shrunk: an empty page); undefined for a cursor it cannot place.
 */
function cursorFrom(itemCursor: readonly string[] | undefined, cursor: string, all: JsonObject[], matching: JsonObject[]): number | undefined {
  if (itemCursor) {
    const i = all.findIndex((e) => at(e, itemCursor) !== undefined && text(at(e, itemCursor)) === cursor);
    if (i < 0) return undefined;
    const after = matching.findIndex((e) => all.indexOf(e) > i);
    return after < 0 ? matching.length : after;
  }
  return /^\d{1,15}$/.test(cursor) ? Number(cursor) : undefined;
}

/** The `Link` header of a `link` kind's page while pages are left: the request's URL asking for the next page. */
export function nextLink(op: OperationIR, url: string, slice: Slice): string | undefined {
  if (op.pagination?.kind !== "link" || !slice.more || slice.pageName === undefined || slice.page === undefined) return undefined;
  const [path, search = ""] = url.split(/\?(.*)/s);
  const params = new URLSearchParams(search);
  params.set(slice.pageName, String(slice.page + 1));
  if (slice.sizeName && slice.size !== undefined) params.set(slice.sizeName, String(slice.size));
  return `<${path}?${params}>; rel="next"`;
}

/** Whether a page parameter counts from 0: its schema's minimum or default is 0. */
function zeroBased(op: OperationIR, name: string): boolean {
  const schema = op.parameters.query.find((q) => q.name === name)?.schema;
  return isObject(schema) && (schema.minimum === 0 || schema.default === 0);
}

/** A whole number of 0 or more, as the query parameter's value was coerced (or left as text). */
function count(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function at(value: unknown, segments: readonly string[]): unknown {
  for (const s of segments) value = isObject(value) && Object.hasOwn(value, s) ? value[s] : undefined;
  return value;
}

/** Sets the member at `segments` in `body`, where its parent object is. */
function setMember(body: unknown, segments: readonly string[], value: unknown): void {
  const parent = at(body, segments.slice(0, -1));
  const last = segments.at(-1);
  if (isObject(parent) && last !== undefined) setOwn(parent, last, value);
}

/** Sets the number at `segments` in `body`, where one is. */
function setNumber(body: unknown, segments: readonly string[], value: number): void {
  if (typeof at(body, segments) === "number") setMember(body, segments, value);
}
