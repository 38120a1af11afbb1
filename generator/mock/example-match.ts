/**
 * The mock answers a request that is one of the spec's named request examples with the response example
 * of the same name (Microcks' convention; Prism #1212 and #1838 ask for it): `GET /pets/2`, where the path
 * parameter's example `two` is `2`, gets the response example `two`; a POST whose body is the request
 * body's example `declined` gets the `declined` response, under whichever status holds it (402, say).
 *
 * A name matches when every part of the request that has an example of that name (the body, each
 * parameter) equals it: scalars by their text (a query's `10` is the example's `10` or `"10"`), objects and
 * arrays member by member. Names are tried in the spec's order; the first that matches wins. A request
 * that asks for an answer itself (`Prefer: example=` or `code=`) gets what it asks for.
 */
import type { ApiIR, OperationIR } from "../ir/types.js";
import { isObject } from "../openapi/kinds.js";
import { derefLocal, resolvePointer } from "../openapi/pointer.js";
import { preferencesOf } from "./prefer.js";

type Request = { url: string; header(name: string): string | undefined };
type Handler = (input: { request: Request } & Record<string, unknown>) => unknown;

/** One part of a request that a named example describes: where it is in the handler's input, and the value. */
interface Part {
  read: (input: Record<string, unknown>) => unknown;
  value: unknown;
}

/**
 * An example as the handler would get it: the generated server fills a request's schema defaults before its
 * handler runs, so an example that leaves a defaulted member out is compared with it filled in too.
 */
export type WithDefaults = (operation: string, where: "body" | "query" | "header" | "cookie", value: unknown, name: string) => unknown;

export function exampleMatchHandlers(base: Record<string, Handler>, ir: ApiIR, withDefaults: WithDefaults = (_o, _w, value) => value): Record<string, Handler> {
  const out: Record<string, Handler> = { ...base };
  for (const op of ir.operations) {
    const name = op.names.method;
    const inner = base[name];
    const pairs = inner && pairedExamples(op, ir, (where, value, field) => withDefaults(name, where, value, field));
    if (!inner || !pairs?.size) continue;
    out[name] = (input) => {
      if (asksItself(input.request)) return inner(input);
      for (const [example, parts] of pairs) {
        if (parts.every((p) => sameValue(p.read(input), p.value))) return inner({ ...input, request: preferring(input.request, `example=${example}`) });
      }
      return inner(input);
    };
  }
  return out;
}

/** The operation's request examples that a response example shares a name with, and what each describes. */
function pairedExamples(op: OperationIR, ir: ApiIR, filled: (where: "body" | "query" | "header" | "cookie", value: unknown, name: string) => unknown): Map<string, Part[]> {
  const answered = new Set(op.responses.flatMap((r) => r.content.flatMap((m) => Object.keys(m.examples))));
  const pairs = new Map<string, Part[]>();
  const add = (example: string, part: Part) => {
    // a name Prefer cannot carry (a separator, a quote, a space) is left to `Prefer` as the user writes it
    if (!answered.has(example) || !/^[^\s,;"=]+$/.test(example)) return;
    if (!pairs.has(example)) pairs.set(example, []);
    pairs.get(example)!.push(part);
  };
  for (const media of op.requestBody?.content ?? []) {
    for (const [example, value] of Object.entries(media.examples)) add(example, { read: (input) => input.body, value: filled("body", value, media.mediaType) });
  }
  const locations = [["path", "path"], ["query", "query"], ["header", "headers"], ["cookie", "cookies"]] as const;
  for (const [where, key] of locations) {
    for (const param of op.parameters[where]) {
      const written = resolvePointer(ir.document, param.pointer);
      const examples = written.found && isObject(written.value) ? derefLocal(ir.document, written.value).node?.examples : undefined;
      if (!isObject(examples)) continue;
      const field = where === "header" ? param.name.toLowerCase() : param.name;
      for (const [example, raw] of Object.entries(examples)) {
        const node = derefLocal(ir.document, raw).node;
        if (!node || !Object.prototype.hasOwnProperty.call(node, "value")) continue;
        add(example, { read: (input) => readField(input[key], field, where === "header"), value: where === "path" ? node.value : filled(where, node.value, param.name) });
      }
    }
  }
  return pairs;
}

function readField(group: unknown, field: string, anyCase: boolean): unknown {
  if (!isObject(group)) return undefined;
  if (Object.prototype.hasOwnProperty.call(group, field)) return group[field];
  if (!anyCase) return undefined;
  const key = Object.keys(group).find((k) => k.toLowerCase() === field);
  return key === undefined ? undefined : group[key];
}

/** Equal as JSON values, scalars compared as text: a coerced parameter (`10`) equals its example written `"10"`. */
function sameValue(got: unknown, want: unknown): boolean {
  if (got === undefined) return false;
  if (Array.isArray(want)) return Array.isArray(got) && got.length === want.length && want.every((w, i) => sameValue(got[i], w));
  if (isObject(want)) {
    if (!isObject(got)) return false;
    const keys = Object.keys(want);
    return keys.length === Object.keys(got).length && keys.every((k) => Object.prototype.hasOwnProperty.call(got, k) && sameValue(got[k], want[k]));
  }
  if (got === null || want === null) return got === want;
  return typeof got !== "object" && String(got) === String(want);
}

/** Whether the request asks for an answer itself (`Prefer: code=` or `example=`, or the query's `__code`, `__example`). */
export function asksItself(request: Request): boolean {
  if (preferencesOf(request.header("prefer")).some(([name, value]) => (name === "example" || name === "code") && value !== undefined)) return true;
  const q = request.url.indexOf("?");
  return q >= 0 && /[?&]__(example|code)=/.test(request.url.slice(q));
}

/**
 * `request` as the mock reads it, asking for `preference` (`example=two`) besides what it asks itself, or in
 * place of its own choice of an answer (`only`); its other members, getters too, reached through it.
 */
export function preferring<R extends Request>(request: R, preference: string, only = false): R {
  const header = (name: string) => {
    const given = request.header(name);
    if (name.toLowerCase() !== "prefer") return given;
    if (!given) return preference;
    // `only`: the request's own choice of an answer (code=, example=) gives way, its other preferences stay (dynamic=)
    const kept = only ? given.split(",").filter((p) => !/^\s*(?:code|example)\s*=/i.test(p)).map((p) => p.trim()).filter(Boolean) : [given];
    return [...kept, preference].join(", ");
  };
  return Object.create(request, { header: { value: header } }) as R;
}
